import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../platform/http/errors.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { INVOLVEMENT_BASIS, RELATIONSHIP } from './codes.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { dateFromParts, formErrors } from './form.ts';
import { fullName } from './names.ts';
import * as repo from './repository.ts';
import { formBody, personIdOf } from './routes.ts';
import { addressFields, nameFields, relationshipFields, restrictFields, shareFields, toAddressInput } from './schema.ts';
import { openForEdit } from './service.ts';
import * as records from './service-records.ts';

const view = (name: string) => `domains/people/views/${name}.njk`;
const dateValue = (body: FormBody, name: string) => ({ day: text(body, `${name}-day`), month: text(body, `${name}-month`), year: text(body, `${name}-year`) });

/** A date from a GOV.UK date input, with its error added to `errors` when missing or not real. */
function requiredDate(body: FormBody, name: string, label: string, missing: string, errors: FormErrors): string | null {
  const d = dateFromParts(body, name, label);
  if (d.error) addError(errors, name, d.error);
  else if (!d.value) addError(errors, name, missing);
  return d.value;
}

/** Runs a change; a refusal about the request itself (a duplicate, a self-link) comes back as a form error. */
async function attempt(field: string, work: () => Promise<unknown>): Promise<{ errors: FormErrors; status: number } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof HttpError && (error.statusCode === 400 || error.statusCode === 409)) {
      return { errors: addError(noErrors(), field, error.message), status: error.statusCode };
    }
    throw error;
  }
}

export const recordRoutes = async (app: FastifyInstance) => {
  app.get('/people/:id/names/new', async (request, reply) => {
    const person = await openForEdit(request.ctx(), personIdOf(request));
    return reply.page(view('name-form'), { title: 'Add another name', section: 'people', person, values: { kind: 'alias' } });
  });

  app.post('/people/:id/names/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForEdit(ctx, id);
    const body = formBody(request);
    const values = { givenName: text(body, 'givenName'), familyName: text(body, 'familyName'), kind: text(body, 'kind') };
    const parsed = nameFields.safeParse(values);
    if (!parsed.success) return reply.status(400).page(view('name-form'), { title: 'Add another name', section: 'people', person, values, errors: formErrors(parsed.error) });
    await records.addName(ctx, id, parsed.data);
    return reply.redirect(`/people/${id}`, 303);
  });

  app.get('/people/:id/addresses/new', async (request, reply) => {
    const person = await openForEdit(request.ctx(), personIdOf(request));
    return reply.page(view('address-form'), { title: 'Add an address', section: 'people', person, values: {} });
  });

  app.post('/people/:id/addresses/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForEdit(ctx, id);
    const body = formBody(request);
    const values = { line1: text(body, 'line1'), line2: text(body, 'line2'), town: text(body, 'town'), postcode: text(body, 'postcode'), startDate: dateValue(body, 'startDate') };
    const extra = noErrors();
    const start = requiredDate(body, 'startDate', 'The date they moved in', 'Enter the date they started living at this address', extra);
    const parsed = addressFields.safeParse({ ...values, startDate: start ?? '2000-01-01' });
    const errors = formErrors(parsed.success ? null : parsed.error, extra);
    if (!parsed.success || errors.summary.length) return reply.status(400).page(view('address-form'), { title: 'Add an address', section: 'people', person, values, errors });
    await records.addAddress(ctx, id, toAddressInput(parsed.data));
    return reply.redirect(`/people/${id}`, 303);
  });

  const relationshipPage = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.page(view('relationship-form'), { title: 'Add a relationship', section: 'people', kinds: Object.entries(RELATIONSHIP).map(([value, r]) => ({ value, text: r.label })), ...data });

  app.get('/people/:id/relationships/new', async (request, reply) => {
    const person = await openForEdit(request.ctx(), personIdOf(request));
    return relationshipPage(reply, { person, values: {} });
  });

  // A search step inside the page: the other person is picked from people the actor may open.
  app.post('/people/:id/relationships/search', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForEdit(ctx, id);
    const name = text(formBody(request), 'name').trim();
    if (!name) return reply.status(400).page(view('relationship-form'), { title: 'Add a relationship', section: 'people', person, values: {}, errors: addError(noErrors(), 'name', 'Enter a name to search for') });
    const results = await records.findOtherPeople(ctx, id, name);
    return relationshipPage(reply, { person, values: { name }, results, searched: true });
  });

  app.post('/people/:id/relationships/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForEdit(ctx, id);
    const body = formBody(request);
    const values = { name: text(body, 'name'), relatedPersonId: text(body, 'relatedPersonId'), kind: text(body, 'kind') };
    const results = values.name ? await records.findOtherPeople(ctx, id, values.name) : [];
    const show = (errors: FormErrors, status: number) => relationshipPage(reply.status(status), { person, values, results, searched: Boolean(values.name), errors });
    const parsed = relationshipFields.safeParse(values);
    if (!parsed.success) return show(formErrors(parsed.error), 400);
    const refused = await attempt('relatedPersonId', () => records.addRelationship(ctx, id, parsed.data.relatedPersonId, parsed.data.kind));
    return refused ? show(refused.errors, refused.status) : reply.redirect(`/people/${id}`, 303);
  });

  const agencyChoices = async (request: FastifyRequest) => (await repo.listAgencies(request.ctx().db)).filter((a) => a.kind !== 'social_care');
  const sharePage = (reply: FastifyReply, data: Record<string, unknown>) => {
    return reply.page(view('share-form'), {
      title: 'Share with an agency', section: 'people',
      bases: ['consent', 'lawful_basis', 'team_around_child'].map((value) => ({ value, text: INVOLVEMENT_BASIS[value] })), ...data,
    });
  };

  app.get('/people/:id/sharing/new', async (request, reply) => {
    const ctx = request.ctx();
    const person = await openForEdit(ctx, personIdOf(request));
    return sharePage(reply, { person, values: {}, agencies: await agencyChoices(request) });
  });

  app.post('/people/:id/sharing/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const person = await openForEdit(ctx, id);
    const body = formBody(request);
    const agencies = await agencyChoices(request);
    const values = { agencyId: text(body, 'agencyId'), basis: text(body, 'basis'), detail: text(body, 'detail'), startDate: dateValue(body, 'startDate') };
    const extra = noErrors();
    const start = requiredDate(body, 'startDate', 'Start date', 'Enter the date sharing starts', extra);
    const parsed = shareFields.safeParse({ ...values, detail: values.detail.trim() || null, startDate: start ?? '2000-01-01' });
    const errors = formErrors(parsed.success ? null : parsed.error, extra);
    const show = (e: FormErrors, status = 400) => sharePage(reply.status(status), { person, values, errors: e, agencies });
    if (!parsed.success || errors.summary.length) return show(errors, 400);
    const refused = await attempt('agencyId', () => records.shareRecord(ctx, id, { ...parsed.data, detail: parsed.data.detail ?? null }));
    return refused ? show(refused.errors, refused.status) : reply.redirect(`/people/${id}`, 303);
  });

  app.post('/people/:id/sharing/:involvementId/end', async (request, reply) => {
    const id = personIdOf(request);
    const involvementId = (request.params as { involvementId: string }).involvementId;
    if (!/^[0-9a-f-]{36}$/i.test(involvementId)) return reply.callNotFound();
    await records.endShare(request.ctx(), id, involvementId);
    return reply.redirect(`/people/${id}`, 303);
  });

  app.get('/people/:id/restrict', async (request, reply) => {
    const ctx = request.ctx();
    const { person, users, namedIds } = await records.restrictionChoices(ctx, personIdOf(request));
    return reply.page(view('restrict'), { title: `Who can see ${fullName(person)}’s record`, section: 'people', person, users, values: { restricted: person.restricted ? 'yes' : 'no', userIds: namedIds } });
  });

  app.post('/people/:id/restrict', async (request, reply) => {
    const ctx = request.ctx();
    const id = personIdOf(request);
    const { person, users } = await records.restrictionChoices(ctx, id);
    const body = formBody(request);
    const values = { restricted: text(body, 'restricted'), reason: text(body, 'reason'), userIds: list(body, 'userIds') };
    const parsed = restrictFields.safeParse(values);
    if (!parsed.success) {
      return reply.status(400).page(view('restrict'), { title: `Who can see ${fullName(person)}’s record`, section: 'people', person, users, values, errors: formErrors(parsed.error) });
    }
    await records.setRestriction(ctx, id, { restricted: parsed.data.restricted === 'yes', reason: parsed.data.reason, userIds: parsed.data.userIds });
    return reply.redirect(`/people/${id}`, 303);
  });
};
