import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { BadRequestError, HttpError } from '../../platform/http/errors.ts';
import { UUID } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { PERSON_TYPE, SEX } from '../people/codes.ts';
import { createPerson, personHeading, type searchPeople } from '../people/service.ts';
import { mayPickPerson, searchFromForm } from '../people/service-pick.ts';
import { CONSENT, CONTACT_SOURCES, HOUSEHOLD_RELATIONSHIPS, PRESENTING_NEEDS, URGENCY } from './codes.ts';
import { checkDraft, detailDefaults, type DraftPerson, idempotencyKeyOf, readDetails, readDraft, readNewPerson } from './new-contact-form.ts';
import { createContact } from './service.ts';

const PEOPLE = 'domains/front-door/views/new-people.njk';
const DETAILS = 'domains/front-door/views/new-details.njk';
const options = (set: Record<string, string>) => Object.entries(set).map(([value, label]) => ({ value, text: label }));

const choices = {
  relationships: options(HOUSEHOLD_RELATIONSHIPS),
  personTypes: options(PERSON_TYPE),
  sexes: options(SEX),
  sources: options(CONTACT_SOURCES).filter((s) => s.value !== 'early_help_step_up'),
  needs: options(PRESENTING_NEEDS),
  consent: options(CONSENT),
  urgency: options(URGENCY),
};

/** The people chosen so far, with the names the page shows beside them. */
async function shownDraft(request: FastifyRequest, people: DraftPerson[]) {
  const ctx = request.ctx();
  const shown = [];
  for (const p of people) {
    const heading = (await mayPickPerson(ctx, p.personId)) ? await personHeading(ctx, p.personId) : null;
    if (heading) shown.push({ ...p, name: `${heading.givenName} ${heading.familyName}`, dateOfBirth: heading.dateOfBirth, personType: PERSON_TYPE[heading.personType] });
  }
  return shown;
}

interface PeopleStep {
  people: DraftPerson[];
  idempotencyKey: string;
  search?: { name: string; dateOfBirth: { day: string; month: string; year: string } };
  results?: Awaited<ReturnType<typeof searchPeople>>;
  newPerson?: { values: Record<string, unknown>; duplicates?: unknown[] };
  errors?: FormErrors;
  status?: number;
}

async function peoplePage(request: FastifyRequest, reply: FastifyReply, step: PeopleStep) {
  const selected = await shownDraft(request, step.people);
  const chosen = new Set(step.people.map((p) => p.personId));
  return reply.status(step.status ?? 200).page(PEOPLE, {
    title: 'Who is the concern about?',
    section: 'contacts',
    selected,
    idempotencyKey: step.idempotencyKey,
    search: step.search ?? { name: '', dateOfBirth: {} },
    results: step.results?.filter((r) => !chosen.has(r.id)),
    searched: step.results !== undefined,
    newPerson: step.newPerson,
    errors: step.errors ?? noErrors(),
    choices,
  });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, people: DraftPerson[], idempotencyKey: string, values: Record<string, unknown>, errors?: FormErrors) {
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the concern',
    section: 'contacts',
    selected: await shownDraft(request, people),
    idempotencyKey,
    values,
    errors: errors ?? noErrors(),
    choices,
  });
}

/**
 * Recording a contact: first who it is about (found in the person index, or added to it), then what the concern
 * is. One route handles every button of both steps; the page so far travels in the POST body.
 */
export async function newContactRoutes(app: FastifyInstance) {
  // From a child's record (`?child=<id>`) the contact starts with that child chosen.
  app.get('/contacts/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'contact.create');
    const child = String((request.query as { child?: unknown }).child ?? '');
    const heading = UUID.test(child) && (await mayPickPerson(ctx, child)) ? await personHeading(ctx, child) : null;
    const people: DraftPerson[] = heading ? [{ personId: heading.id, role: heading.personType === 'adult' ? 'household' : 'child', relationship: '' }] : [];
    return peoplePage(request, reply, { people, idempotencyKey: randomUUID() });
  });

  app.post('/contacts/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'contact.create');
    const body = (request.body ?? {}) as FormBody;
    const [action = '', argument = ''] = text(body, 'action').split(':');
    let people = readDraft(body);
    const idempotencyKey = idempotencyKeyOf(body);
    // After adding someone, the search they were found by is shown again, less the people now on the contact.
    const again = async (): Promise<Pick<PeopleStep, 'search' | 'results'>> => {
      if (!text(body, 'searchName') && !text(body, 'searchDateOfBirth-year')) return {};
      const found = await searchFromForm(request.ctx(), body);
      return { search: found.search, results: found.results };
    };

    switch (action) {
      case 'search': {
        const found = await searchFromForm(request.ctx(), body);
        return peoplePage(request, reply, { people, idempotencyKey, ...found, status: found.errors ? 400 : 200 });
      }
      case 'add-child':
      case 'add-household': {
        const heading = (await mayPickPerson(ctx, argument)) ? await personHeading(ctx, argument) : null;
        if (!heading) throw new BadRequestError('Choose a person from the search results.');
        if (!people.some((p) => p.personId === heading.id)) {
          people.push({ personId: heading.id, role: action === 'add-child' && heading.personType !== 'adult' ? 'child' : 'household', relationship: '' });
        }
        return peoplePage(request, reply, { people, idempotencyKey, ...(await again()) });
      }
      case 'remove':
        people = people.filter((p) => p.personId !== argument);
        return peoplePage(request, reply, { people, idempotencyKey });
      case 'new-person':
        return peoplePage(request, reply, { people, idempotencyKey, newPerson: { values: { newPersonKey: randomUUID() } } });
      case 'cancel-new':
      case 'back':
        return peoplePage(request, reply, { people, idempotencyKey });
      case 'create-person': {
        const form = readNewPerson(body);
        if (!form.input || !form.role) return peoplePage(request, reply, { people, idempotencyKey, newPerson: { values: form.values }, errors: form.errors, status: 400 });
        const outcome = await createPerson(ctx, form.input, null, { idempotencyKey: String(form.values.newPersonKey), confirmedNotDuplicate: form.values.confirmDifferent === 'yes' });
        if (outcome.outcome === 'possible_duplicates') {
          const shown = text(body, 'duplicatesShown') === 'yes';
          const errors = shown ? addError(noErrors(), 'confirmDifferent', 'Confirm this is a different person, or add one of the existing records instead') : undefined;
          return peoplePage(request, reply, { people, idempotencyKey, newPerson: { values: form.values, duplicates: outcome.duplicates }, errors, status: shown ? 400 : 200 });
        }
        if (!people.some((p) => p.personId === outcome.id)) people.push({ personId: outcome.id, role: form.role, relationship: form.role === 'household' ? form.relationship : '' });
        return peoplePage(request, reply, { people, idempotencyKey });
      }
      case 'continue': {
        const checked = checkDraft(people);
        if (!checked.picked) return peoplePage(request, reply, { people, idempotencyKey, errors: checked.errors, status: 400 });
        return detailsPage(request, reply, people, idempotencyKey, detailDefaults(ctx.actor));
      }
      case 'save': {
        const checked = checkDraft(people);
        if (!checked.picked) return peoplePage(request, reply, { people, idempotencyKey, errors: checked.errors, status: 400 });
        const form = readDetails(body);
        if (!form.details) return detailsPage(request, reply, people, idempotencyKey, form.values, form.errors);
        try {
          const { id } = await createContact(ctx, { ...form.details, people: checked.picked }, { idempotencyKey });
          return reply.redirect(`/contacts/${id}?created=1`, 303);
        } catch (error) {
          if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
          return peoplePage(request, reply, { people, idempotencyKey, errors: addError(noErrors(), 'searchName', error.message), status: 400 });
        }
      }
      default:
        return peoplePage(request, reply, { people, idempotencyKey, errors: addError(noErrors(), 'searchName', 'Choose what to do next'), status: 400 });
    }
  });
}
