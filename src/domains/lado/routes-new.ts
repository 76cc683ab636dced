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
import { CATEGORIES, REFERRING_AGENCIES, SECTORS } from './labels.ts';
import { type Draft, readConcern, readDraft, readNewPerson } from './new-concern-form.ts';
import { recordConcern } from './service.ts';

const PEOPLE = 'domains/lado/views/new-people.njk';
const DETAILS = 'domains/lado/views/new-details.njk';
const codes = { sectors: SECTORS, agencies: REFERRING_AGENCIES, categories: CATEGORIES, sexes: SEX };

/** The chosen people with their names, for the page (anyone no longer pickable drops out). */
async function shown(request: FastifyRequest, draft: Draft) {
  const ctx = request.ctx();
  const heading = async (id: string) => ((await mayPickPerson(ctx, id)) ? personHeading(ctx, id) : null);
  const adult = draft.adultId ? await heading(draft.adultId) : null;
  const children = (await Promise.all(draft.childIds.map(heading))).filter((c) => c !== null);
  return { adult, children };
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
  const chosen = new Set([step.draft.adultId, ...step.draft.childIds]);
  return reply.status(step.status ?? 200).page(PEOPLE, {
    title: 'Who is the concern about?',
    section: 'lado',
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
    title: 'About the concern',
    section: 'lado',
    ...(await shown(request, draft)),
    values,
    errors: errors ?? noErrors(),
    codes,
  });
}

/**
 * Recording a concern: first who it is about (the adult, and any children involved, found in the person index
 * or added to it), then what it is. One route handles every button of both steps; the page so far travels in
 * the POST body.
 */
export async function newConcernRoutes(app: FastifyInstance) {
  app.get('/lado/new', async (request, reply) => {
    authorise(request.ctx(), 'lado.work');
    return peoplePage(request, reply, { draft: { adultId: null, childIds: [] }, idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/lado/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'lado.work');
    const body = (request.body ?? {}) as FormBody;
    const [action = '', argument = ''] = text(body, 'action').split(':');
    const draft = readDraft(body);
    const idempotencyKey = idempotencyKeyOf(body);
    const step = (more: Partial<PeopleStep> = {}) => peoplePage(request, reply, { draft, idempotencyKey, ...more });

    switch (action) {
      case 'search': {
        const found = await searchFromForm(request.ctx(), body);
        return step({ ...found, status: found.errors ? 400 : 200 });
      }
      case 'adult':
      case 'child': {
        const heading = (await mayPickPerson(ctx, argument)) ? await personHeading(ctx, argument) : null;
        if (!heading) throw new BadRequestError('Choose a person from the search results.');
        if (action === 'adult' && heading.personType !== 'adult') throw new BadRequestError('The concern must be about an adult.');
        if (action === 'child' && heading.personType === 'adult') throw new BadRequestError('Only a child can be added as a child involved.');
        if (action === 'adult') draft.adultId = heading.id;
        else if (!draft.childIds.includes(heading.id)) draft.childIds.push(heading.id);
        return step();
      }
      case 'remove':
        if (draft.adultId === argument) draft.adultId = null;
        draft.childIds = draft.childIds.filter((id) => id !== argument);
        return step();
      case 'new-person':
        return step({ newPerson: { values: { newPersonKey: idempotencyKeyOf(), newPersonType: draft.adultId ? 'child' : 'adult' } } });
      case 'cancel-new':
      case 'back':
        return step();
      case 'create-person': {
        const form = readNewPerson(body);
        if (!form.input) return step({ newPerson: { values: form.values }, errors: form.errors, status: 400 });
        const outcome = await createPerson(ctx, form.input, null, { idempotencyKey: String(form.values.newPersonKey), confirmedNotDuplicate: form.values.confirmDifferent === 'yes' });
        if (outcome.outcome === 'possible_duplicates') {
          const again = text(body, 'duplicatesShown') === 'yes';
          const errors = again ? addError(noErrors(), 'confirmDifferent', 'Confirm this is a different person, or choose one of the existing records instead') : undefined;
          return step({ newPerson: { values: form.values, duplicates: outcome.duplicates }, errors, status: again ? 400 : 200 });
        }
        if (form.input.personType === 'adult') draft.adultId = outcome.id;
        else if (!draft.childIds.includes(outcome.id)) draft.childIds.push(outcome.id);
        return step();
      }
      case 'continue':
        if (!draft.adultId) return step({ errors: addError(noErrors(), 'searchName', 'Choose the adult the concern is about'), status: 400 });
        return detailsPage(request, reply, draft, { receivedOn: dateParts(ukToday()), idempotencyKey });
      case 'save': {
        if (!draft.adultId) return step({ errors: addError(noErrors(), 'searchName', 'Choose the adult the concern is about'), status: 400 });
        const form = readConcern(body);
        if (!form.input) return detailsPage(request, reply, draft, form.values, form.errors);
        try {
          const id = await recordConcern(ctx, { ...form.input, adultId: draft.adultId, childIds: draft.childIds, idempotencyKey });
          return reply.redirect(`/lado/${id}`, 303);
        } catch (error) {
          if (!(error instanceof FieldProblem)) throw error;
          if (error.field === 'adult' || error.field === 'children') return step({ errors: addError(noErrors(), 'searchName', error.message), status: 400 });
          return detailsPage(request, reply, draft, form.values, addError(noErrors(), error.field === 'receivedOn' ? 'receivedOn-day' : error.field, error.message));
        }
      }
      default:
        return step({ errors: addError(noErrors(), 'searchName', 'Choose what to do next'), status: 400 });
    }
  });
}
