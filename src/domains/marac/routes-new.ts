import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { idempotencyKeyOf } from '../../platform/http/forms.ts';
import { type DateInputValue, dateParts } from '../../platform/views/date-input.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { BadRequestError, FieldProblem } from '../../platform/http/errors.ts';
import { SEX } from '../people/codes.ts';
import { createPerson, personHeading, type searchPeople } from '../people/service.ts';
import { mayPickPerson, searchFromForm } from '../people/service-pick.ts';
import { DASH_HIGH_RISK, REFERRING_AGENCIES, RISK_BASES } from './labels.ts';
import { type Draft, readDraft, readNewPerson, readReferral } from './new-referral-form.ts';
import { referCase } from './service.ts';

const PEOPLE = 'domains/marac/views/new-people.njk';
const DETAILS = 'domains/marac/views/new-details.njk';
const codes = { agencies: REFERRING_AGENCIES, riskBases: RISK_BASES, sexes: SEX, dashHighRisk: DASH_HIGH_RISK };

/** The chosen people with their names, for the page (anyone no longer pickable drops out). */
async function shown(request: FastifyRequest, draft: Draft) {
  const ctx = request.ctx();
  const heading = async (id: string | null) => (id && (await mayPickPerson(ctx, id)) ? personHeading(ctx, id) : null);
  const children = (await Promise.all(draft.childIds.map(heading))).filter((c) => c !== null);
  return { victim: await heading(draft.victimId), perpetrator: await heading(draft.perpetratorId), children };
}

interface PeopleStep {
  draft: Draft;
  idempotencyKey: string;
  search?: { name: string; dateOfBirth: DateInputValue };
  results?: Awaited<ReturnType<typeof searchPeople>>;
  newPerson?: { values: Record<string, unknown>; duplicates?: unknown[] };
  errors?: FormErrors;
  status?: number;
}

async function peoplePage(request: FastifyRequest, reply: FastifyReply, step: PeopleStep) {
  const chosen = new Set([step.draft.victimId, step.draft.perpetratorId, ...step.draft.childIds]);
  return reply.status(step.status ?? 200).page(PEOPLE, {
    title: 'Who is the referral about?',
    section: 'marac',
    ...(await shown(request, step.draft)),
    idempotencyKey: step.idempotencyKey,
    search: step.search ?? { name: '', dateOfBirth: {} },
    results: step.results?.filter((r) => !chosen.has(r.id)),
    searched: step.results !== undefined,
    newPerson: step.newPerson,
    errors: step.errors ?? noErrors(),
    codes,
  });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, draft: Draft, values: Record<string, unknown>, errors?: FormErrors) {
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the referral',
    section: 'marac',
    ...(await shown(request, draft)),
    values,
    errors: errors ?? noErrors(),
    codes,
  });
}

function place(draft: Draft, role: 'victim' | 'perpetrator' | 'child', id: string) {
  if (role === 'victim') draft.victimId = id;
  else if (role === 'perpetrator') draft.perpetratorId = id;
  else if (!draft.childIds.includes(id)) draft.childIds.push(id);
  if (role !== 'victim' && draft.victimId === id) draft.victimId = null;
  if (role !== 'perpetrator' && draft.perpetratorId === id) draft.perpetratorId = null;
  if (role !== 'child') draft.childIds = draft.childIds.filter((c) => c !== id);
}

/**
 * Referring a case: first who it is about (the victim, the alleged perpetrator and the children in the household,
 * found in the person index or added to it), then the referral and the risk. One route handles every button.
 */
export async function newReferralRoutes(app: FastifyInstance) {
  app.get('/marac/new', async (request, reply) => {
    authorise(request.ctx(), 'marac.work');
    return peoplePage(request, reply, { draft: { victimId: null, perpetratorId: null, childIds: [] }, idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/marac/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'marac.work');
    const body = (request.body ?? {}) as FormBody;
    const [action = '', argument = ''] = text(body, 'action').split(':');
    const draft = readDraft(body);
    const idempotencyKey = idempotencyKeyOf(body);
    const step = (more: Partial<PeopleStep> = {}) => peoplePage(request, reply, { draft, idempotencyKey, ...more });
    const noVictim = () => step({ errors: addError(noErrors(), 'searchName', 'Choose the victim'), status: 400 });

    switch (action) {
      case 'victim':
      case 'perpetrator':
      case 'child': {
        const heading = (await mayPickPerson(ctx, argument)) ? await personHeading(ctx, argument) : null;
        if (!heading) throw new BadRequestError('Choose a person from the search results.');
        if (action !== 'child' && heading.personType !== 'adult') throw new BadRequestError('The victim and the alleged perpetrator must be adults.');
        if (action === 'child' && heading.personType === 'adult') throw new BadRequestError('Only a child can be added as a child in the household.');
        place(draft, action, heading.id);
        return step();
      }
      case 'search': {
        const found = await searchFromForm(request.ctx(), body);
        return step({ ...found, status: found.errors ? 400 : 200 });
      }
      case 'remove':
        if (draft.victimId === argument) draft.victimId = null;
        if (draft.perpetratorId === argument) draft.perpetratorId = null;
        draft.childIds = draft.childIds.filter((id) => id !== argument);
        return step();
      case 'new-person':
        return step({ newPerson: { values: { newPersonKey: idempotencyKeyOf(), newRole: draft.victimId ? 'child' : 'victim' } } });
      case 'cancel-new':
      case 'back':
        return step();
      case 'create-person': {
        const form = readNewPerson(body);
        if (!form.input || !form.role) return step({ newPerson: { values: form.values }, errors: form.errors, status: 400 });
        const outcome = await createPerson(ctx, form.input, null, { idempotencyKey: String(form.values.newPersonKey), confirmedNotDuplicate: form.values.confirmDifferent === 'yes' });
        if (outcome.outcome === 'possible_duplicates') {
          const again = text(body, 'duplicatesShown') === 'yes';
          const errors = again ? addError(noErrors(), 'confirmDifferent', 'Confirm this is a different person, or choose one of the existing records instead') : undefined;
          return step({ newPerson: { values: form.values, duplicates: outcome.duplicates }, errors, status: again ? 400 : 200 });
        }
        place(draft, form.role, outcome.id);
        return step();
      }
      case 'continue':
        if (!draft.victimId) return noVictim();
        return detailsPage(request, reply, draft, { referredOn: dateParts(ukToday()), idempotencyKey });
      case 'save': {
        if (!draft.victimId) return noVictim();
        const form = readReferral(body);
        if (!form.input) return detailsPage(request, reply, draft, form.values, form.errors);
        try {
          const id = await referCase(ctx, { ...form.input, victimId: draft.victimId, perpetratorId: draft.perpetratorId, childIds: draft.childIds, idempotencyKey });
          return reply.redirect(`/marac/cases/${id}`, 303);
        } catch (error) {
          if (!(error instanceof FieldProblem)) throw error;
          if (['victim', 'perpetrator', 'children'].includes(error.field)) return step({ errors: addError(noErrors(), 'searchName', error.message), status: 400 });
          return detailsPage(request, reply, draft, form.values, addError(noErrors(), error.field === 'referredOn' ? 'referredOn-day' : error.field, error.message));
        }
      }
      default:
        return step({ errors: addError(noErrors(), 'searchName', 'Choose what to do next'), status: 400 });
    }
  });
}
