import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { addError, noErrors } from '../../platform/views/form-errors.ts';
import { DISABILITY, ETHNICITY, INVOLVEMENT_BASIS, PERSON_TYPE, SEX } from './codes.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { dateFromParts, formErrors } from './form.ts';
import { formatNhsNumber } from './identifiers.ts';
import { fullName } from './names.ts';
import { conflictRows, newFormValues, parsePersonForm, personFormChoices, valuesFromPerson } from './person-form.ts';
import { recordRoutes } from './routes-records.ts';
import { mergeRoutes } from './routes-merge.ts';
import { searchBody } from './schema.ts';
import * as people from './service.ts';

/** The person id from the path. */
export const personIdOf = (request: FastifyRequest) => uuidParam(request.params);

export const formBody = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

const SEARCH = 'domains/people/views/search.njk';
const SHOW = 'domains/people/views/show.njk';
const FORM = 'domains/people/views/person-form.njk';
const CONFLICT = 'domains/people/views/conflict.njk';

export const peopleRoutes = fp(async (app: FastifyInstance) => {
  app.get('/people', async (request, reply) => {
    authorise(request.ctx(), 'person.search');
    return reply.page(SEARCH, { title: 'Find a person', section: 'people', values: {} });
  });

  // POST so that names and dates of birth never appear in a URL, a browser history or a log.
  app.post('/people/search', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'person.search');
    const body = formBody(request);
    const values = {
      name: text(body, 'name'),
      nhsNumber: text(body, 'nhsNumber'),
      postcode: text(body, 'postcode'),
      dateOfBirth: { day: text(body, 'dateOfBirth-day'), month: text(body, 'dateOfBirth-month'), year: text(body, 'dateOfBirth-year') },
    };
    const dob = dateFromParts(body, 'dateOfBirth', 'Date of birth');
    const extra = noErrors();
    if (dob.error) addError(extra, 'dateOfBirth', dob.error);
    const parsed = searchBody.safeParse({
      name: values.name.trim() || undefined,
      dateOfBirth: dob.value ?? undefined,
      nhsNumber: values.nhsNumber.trim() || undefined,
      postcode: values.postcode.trim() || undefined,
    });
    const errors = formErrors(parsed.success ? null : parsed.error, extra);
    if (errors.summary.length || !parsed.success) {
      return reply.status(400).page(SEARCH, { title: 'Find a person', section: 'people', values, errors });
    }
    const results = await people.searchPeople(ctx, parsed.data);
    return reply.page(SEARCH, { title: 'Search results', section: 'people', values, results, searched: true });
  });

  app.get('/people/new', async (request, reply) => {
    authorise(request.ctx(), 'person.create');
    return reply.page(FORM, { title: 'Add a person', section: 'people', mode: 'create', values: newFormValues(), choices: personFormChoices });
  });

  app.post('/people/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'person.create');
    const body = formBody(request);
    const form = parsePersonForm(body, { withAddress: true });
    if (!form.values.idempotencyKey || !UUID.test(String(form.values.idempotencyKey))) form.values.idempotencyKey = newFormValues().idempotencyKey;
    const show = (status: number, extra: Record<string, unknown> = {}) =>
      reply.status(status).page(FORM, { title: 'Add a person', section: 'people', mode: 'create', values: form.values, errors: form.errors, choices: personFormChoices, ...extra });
    if (!form.input) return show(400);
    const outcome = await people.createPerson(ctx, form.input, form.address, {
      idempotencyKey: String(form.values.idempotencyKey),
      confirmedNotDuplicate: text(body, 'confirmDifferent') === 'yes',
    });
    if (outcome.outcome === 'possible_duplicates') {
      // The first time, the warning is news rather than an error; after that the box must be ticked.
      if (text(body, 'duplicatesShown') === 'yes') {
        addError(form.errors, 'confirmDifferent', 'Confirm you have checked that this is a different person, or open one of the existing records');
      }
      return show(text(body, 'duplicatesShown') === 'yes' ? 400 : 200, { duplicates: outcome.duplicates });
    }
    return reply.redirect(`/people/${outcome.id}${outcome.outcome === 'created' ? '?created=1' : ''}`, 303);
  });

  app.get('/people/:id', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const query = request.query as { from?: string; created?: string; saved?: string; merged?: string };
    const person = await people.openPerson(ctx, id, { fromSearch: query.from === 'search' });
    // A record destroyed under the retention schedule says so and shows nothing else (governance/retention-*).
    if (person.destroyed_at) return reply.page('domains/governance/views/retention-destroyed.njk', { title: 'Record destroyed', section: 'people', destroyedAt: person.destroyed_at });
    const record = await people.personRecord(ctx, person);
    return reply.page(SHOW, {
      title: fullName(person),
      section: 'people',
      person,
      record,
      nhsNumber: person.nhs_number ? formatNhsNumber(person.nhs_number) : null,
      labels: { personType: PERSON_TYPE, sex: SEX, ethnicity: ETHNICITY, disability: DISABILITY, basis: INVOLVEMENT_BASIS },
      flash: query.created ? 'Person added' : query.saved ? 'Changes saved' : query.merged ? 'Records merged' : undefined,
    });
  });

  app.get('/people/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await people.openForEdit(ctx, id, { auditView: true });
    return reply.page(FORM, { title: `Change details for ${fullName(person)}`, section: 'people', mode: 'edit', person, values: valuesFromPerson(person), choices: personFormChoices });
  });

  app.post('/people/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await people.openForEdit(ctx, id);
    const form = parsePersonForm(formBody(request), { withAddress: false });
    const version = Number(form.values.version);
    if (!form.input || !Number.isInteger(version)) {
      return reply.status(400).page(FORM, {
        title: `Change details for ${fullName(person)}`, section: 'people', mode: 'edit', person, values: form.values, errors: form.errors, choices: personFormChoices,
      });
    }
    try {
      await people.updatePerson(ctx, id, version, form.input);
    } catch (error) {
      if (!(error instanceof ConflictError) || !error.current) throw error;
      const current = error.current as people.PersonDto;
      return reply.status(409).page(CONFLICT, {
        title: 'This record was changed by someone else',
        section: 'people',
        person: current,
        rows: conflictRows(form.input, current),
        message: error.message,
      });
    }
    return reply.redirect(`/people/${id}?saved=1`, 303);
  });

  await app.register(recordRoutes);
  await app.register(mergeRoutes);
});
