import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { authorise } from '../../platform/access/authorise.ts';
import { searchPeople } from '../people/service.ts';
import { CHECK_RESULTS, CHECKS, DECISIONS, END_REASONS, NON_RELATIVES, NOTIFIERS, RELATIONSHIPS } from './labels.ts';
import { arrangementHref, formRoutes, view } from './routes-forms.ts';
import { listFilters, notificationFields } from './schema.ts';
import { recordNotification } from './service.ts';
import { annualFigures, arrangementList, arrangementPage, notificationForm, yearsAvailable } from './service-views.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

const codes = { notifiers: NOTIFIERS, relationships: RELATIONSHIPS, nonRelatives: NON_RELATIVES, checks: CHECKS, results: CHECK_RESULTS, decisions: DECISIONS, endReasons: END_REASONS };
const DATES = { notifiedOn: 'The date of the notification', startDate: 'The date the arrangement started or will start' } as const;
const TEXTS = ['notifiedBy', 'notifierDetail', 'carerPersonId', 'carerName', 'carerRelationship', 'secondCarerName', 'secondCarerRelationship', 'parentsDetails', 'reason', 'expectedDuration'] as const;

/** Private fostering: notifications, arrangements and their visits, the list and the year's figures. */
export const privateFosteringRoutes = fp(async (app: FastifyInstance) => {
  app.get('/private-fostering', async (request, reply) => {
    const { show } = listFilters.parse(request.query ?? {});
    const rows = await arrangementList(request.ctx(), show);
    return reply.page(view('list'), { title: 'Private fostering', section: 'social-care', rows, show, codes });
  });

  app.get('/private-fostering/figures', async (request, reply) => {
    const ctx = request.ctx();
    const years = await yearsAvailable(ctx);
    const asked = Number(text(request.query, 'year'));
    const year = years.some((y) => y.year === asked) ? asked : financialYearStart(ukToday());
    return reply.page(view('figures'), { title: 'Private fostering figures', section: 'social-care', figures: await annualFigures(ctx, year), years });
  });

  // Choosing the child: a search of the person index, POSTed so that no name appears in a URL.
  app.get('/private-fostering/new', async (request, reply) => {
    authorise(request.ctx(), 'socialcare.list');
    return reply.page(view('choose-child'), { title: 'Record a private fostering notification', section: 'social-care', values: {}, results: null });
  });

  app.post('/private-fostering/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'socialcare.list');
    const name = text(formOf(request), 'name').trim().slice(0, 200);
    const render = (errors?: FormErrors, results: unknown = null) =>
      reply.status(errors ? 400 : 200).page(view('choose-child'), { title: 'Record a private fostering notification', section: 'social-care', values: { name }, results, errors });
    if (!name) return render(addError(noErrors(), 'name', 'Enter the child’s name to search for'));
    const results = (await searchPeople(ctx, { name })).filter((p) => p.personType === 'child' && p.canOpen);
    return render(undefined, results);
  });

  const notifyPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await notificationForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('notify-form'), { title: 'Record a private fostering notification', section: 'social-care', ...form, codes, values, errors });
  };

  app.get('/people/:id/private-fostering/new', async (request, reply) => {
    return notifyPage(reply, uuidParam(request.params), { notifiedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/private-fostering/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const dates = Object.fromEntries(Object.entries(DATES).map(([name, label]) => [name, dateField(body, name, label, errors, `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`)]));
    const values: Record<string, unknown> = { ...Object.fromEntries(TEXTS.map((n) => [n, text(body, n)])), notifiedOn: dates.notifiedOn!.input, startDate: dates.startDate!.input, idempotencyKey: idempotencyKeyOf(body) };
    const parsed = notificationFields.safeParse({ ...values, notifiedOn: dates.notifiedOn!.value ?? '', startDate: dates.startDate!.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, Object.keys(DATES));
    return guarded(reply, { backHref: `/people/${personId}`, backText: 'Back to the record', section: 'social-care' }, async () => {
      if (!parsed.success || errors.summary.length) return notifyPage(reply, personId, values, errors);
      try {
        const id = await recordNotification(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey as string });
        return reply.redirect(arrangementHref(id), 303);
      } catch (error) {
        if (error instanceof FieldProblem) return notifyPage(reply, personId, values, addError(noErrors(), error.field in DATES ? `${error.field}-day` : error.field, error.message));
        throw error;
      }
    });
  });

  app.get('/private-fostering/:id', async (request, reply) => {
    const page = await arrangementPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('arrangement'), { title: 'Private fostering arrangement', section: 'social-care', ...page, codes });
  });

  await app.register(formRoutes);
});
