import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise, authorisePerson, loadPersonScope } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { pageNumber, pagination, PAGE_SIZE } from '../../platform/http/pagination.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { LOCALITIES, localityName } from '../people/localities.ts';
import { personHeading, searchPeople } from '../people/service.ts';
import { CASE_FILTER_KEYS, CASE_FILTERS, type CaseFilter, STEP_DOWN_REASONS } from './labels.ts';
import { attempt, caseHref, caseIdOf, formOf, guarded, idempotencyKeyOf, SECTION, view, zodErrors } from './routes-support.ts';
import { allocateFields, openCaseFields, stepDownFields } from './schema.ts';
import * as cases from './service.ts';
import { caseForm } from './service-review.ts';
import { latestChildsViews } from '../childs-voice/service.ts';
import { caseload, casesForPerson, caseView, myCases, seesAllCases } from './service-view.ts';

const personIdOf = (request: { params: unknown }) => uuidParam(request.params);

/** The early help landing page, finding a child, starting and stepping down cases, the case page, allocation. */
export const caseRoutes = async (app: FastifyInstance) => {
  app.get('/early-help', async (request, reply) => {
    const ctx = request.ctx();
    // Everyone who works with children has early help work; figures-only and administrative roles do not.
    authorise(ctx, 'person.search');
    const showFigures = can(ctx.actor, 'aggregates.view').allowed;
    if (!seesAllCases(ctx)) return reply.page(view('index'), { title: 'Early help', section: SECTION, all: false, items: await myCases(ctx), showFigures });
    const query = request.query as Record<string, unknown>;
    const filter: CaseFilter = CASE_FILTER_KEYS.includes(query.filter as CaseFilter) ? (query.filter as CaseFilter) : 'open';
    const locality = LOCALITIES.some((l) => l.key === query.locality) ? (query.locality as string) : null;
    const page = pageNumber(query.page);
    const { items, total } = await caseload(ctx, { filter, locality }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return reply.page(view('index'), {
      title: 'Early help',
      section: SECTION,
      all: true,
      items,
      total,
      showFigures,
      filters: CASE_FILTERS,
      localities: LOCALITIES,
      values: { filter, locality },
      filterLabel: CASE_FILTERS[filter],
      localityLabel: locality ? localityName(locality) : null,
      pagination: pagination('/early-help', { filter, locality: locality ?? '' }, page, total),
    });
  });

  app.get('/early-help/start', async (request, reply) => {
    authorise(request.ctx(), 'person.search');
    return reply.page(view('start'), { title: 'Start early help for a child', section: SECTION, values: {} });
  });

  // POST so that a child's name never appears in a URL or a log.
  app.post('/early-help/start', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'person.search');
    const body = formOf(request);
    const values = { name: text(body, 'name').trim(), dateOfBirth: readDateInput(body, 'dateOfBirth') };
    const errors = noErrors();
    const dob = checkDate(values.dateOfBirth, 'Date of birth');
    if (!('value' in dob)) addError(errors, `dateOfBirth-${dob.part}`, dob.error);
    if (!values.name) addError(errors, 'name', 'Enter the child’s name');
    else if (values.name.length > 200) addError(errors, 'name', 'Name must be 200 characters or fewer');
    if (errors.summary.length) return reply.status(400).page(view('start'), { title: 'Start early help for a child', section: SECTION, values, errors });
    const found = await searchPeople(ctx, { name: values.name, dateOfBirth: ('value' in dob && dob.value) || undefined });
    const results = found.filter((r) => r.personType !== 'adult');
    return reply.page(view('start'), { title: 'Start early help for a child', section: SECTION, values, results, searched: true });
  });

  app.get('/people/:id/early-help', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authorisePerson(ctx, personId, 'person.view');
    const [heading, items, openCaseId] = await Promise.all([personHeading(ctx, personId), casesForPerson(ctx, personId), cases.openCaseOf(ctx.db, personId)]);
    const scope = await loadPersonScope(ctx, personId);
    const mayStepDown = scope !== null && can(ctx.actor, 'earlyhelp.step_down', { kind: 'person', person: scope }).allowed;
    return reply.page(view('person'), { title: 'Early help', section: SECTION, heading, items, openCaseId, mayStepDown });
  });

  const alreadyOpen = async (reply: FastifyReply, personId: string, caseId: string, status = 200) => {
    const heading = await personHeading(reply.request.ctx(), personId);
    const error = new cases.CaseAlreadyOpenError(caseId);
    return reply.status(status).page(view('already-open'), { title: error.title, section: SECTION, heading, caseId, message: error.message });
  };

  const openPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('open-form'), {
      title: 'Start early help',
      section: SECTION,
      heading: await personHeading(reply.request.ctx(), personId),
      localities: LOCALITIES,
      values,
      errors,
    });

  app.get('/people/:id/early-help/new', async (request, reply) => {
    const personId = personIdOf(request);
    const { locality, openCaseId } = await cases.openingChoices(request.ctx(), personId);
    if (openCaseId) return alreadyOpen(reply, personId, openCaseId);
    return openPage(reply, personId, { locality, idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/early-help/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authorisePerson(ctx, personId, 'earlyhelp.open', { audit: false });
    const body = formOf(request);
    const values = { locality: text(body, 'locality'), lead: text(body, 'lead'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = openCaseFields.safeParse({ ...values, idempotencyKey: text(body, 'idempotencyKey') });
    if (!parsed.success) return openPage(reply, personId, values, zodErrors(parsed.error));
    try {
      const created = await cases.openCase(ctx, personId, { ...parsed.data, lead: parsed.data.lead === 'yes' });
      return reply.redirect(caseHref(created.id), 303);
    } catch (error) {
      if (error instanceof cases.CaseAlreadyOpenError) return alreadyOpen(reply, personId, error.caseId, 409);
      throw error;
    }
  });

  const stepDownPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const agencies = (await cases.agencies(ctx.db)).filter((a) => a.kind !== 'social_care');
    return reply.status(errors ? 400 : 200).page(view('step-down-form'), {
      title: 'Step down to early help',
      section: SECTION,
      heading: await personHeading(ctx, personId),
      reasons: STEP_DOWN_REASONS,
      agencies,
      values,
      errors,
    });
  };

  app.get('/people/:id/step-down', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authorisePerson(ctx, personId, 'earlyhelp.step_down');
    const openCaseId = await cases.openCaseOf(ctx.db, personId);
    if (openCaseId) return alreadyOpen(reply, personId, openCaseId);
    return stepDownPage(reply, personId, { idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/step-down', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authorisePerson(ctx, personId, 'earlyhelp.step_down', { audit: false });
    const body = formOf(request);
    const values = { summary: text(body, 'summary'), reason: text(body, 'reason'), suggestedAgencyId: text(body, 'suggestedAgencyId'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = stepDownFields.safeParse({ ...values, idempotencyKey: text(body, 'idempotencyKey') });
    if (!parsed.success) return stepDownPage(reply, personId, values, zodErrors(parsed.error));
    try {
      const created = await cases.stepDown(ctx, personId, parsed.data);
      return reply.redirect(caseHref(created.id), 303);
    } catch (error) {
      if (error instanceof cases.CaseAlreadyOpenError) return alreadyOpen(reply, personId, error.caseId, 409);
      if (error instanceof BadRequestError) return stepDownPage(reply, personId, values, addError(noErrors(), 'suggestedAgencyId', error.message));
      throw error;
    }
  });

  app.get('/early-help/cases/:id', async (request, reply) => {
    const c = await caseView(request.ctx(), caseIdOf(request));
    return reply.page(view('case'), { title: `Early help case: ${c.heading.givenName} ${c.heading.familyName}`, section: SECTION, view: c, childsViews: await latestChildsViews(request.ctx(), c.heading.id) });
  });

  const allocatePage = async (reply: FastifyReply, caseId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { row, heading } = await caseForm(ctx, caseId);
    return reply.status(errors ? 400 : 200).page(view('allocate'), {
      title: row.lead_professional_id ? 'Change the lead professional' : 'Allocate a lead professional',
      section: SECTION,
      row,
      heading,
      leads: await cases.leadChoices(ctx.db),
      values: { version: row.version, leadId: row.lead_professional_id, ...values },
      errors,
    });
  };

  app.get('/early-help/cases/:id/allocate', async (request, reply) => {
    authorise(request.ctx(), 'earlyhelp.list');
    return allocatePage(reply, caseIdOf(request), {});
  });

  app.post('/early-help/cases/:id/allocate', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'earlyhelp.list');
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const values = { leadId: text(body, 'leadId'), version: text(body, 'version') };
    const parsed = allocateFields.safeParse(values);
    if (!parsed.success) return allocatePage(reply, caseId, values, zodErrors(parsed.error));
    return guarded(reply, caseId, async () => {
      const refused = await attempt('leadId', () => cases.allocate(ctx, caseId, parsed.data));
      return refused ? allocatePage(reply, caseId, values, refused) : reply.redirect(caseHref(caseId), 303);
    });
  });
};
