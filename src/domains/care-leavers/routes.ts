import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { careLeaverApi } from './api.ts';
import { CLOSURE_REASONS, ELIGIBILITY_LABELS } from './labels.ts';
import { formRoutes, leaverHref, view } from './routes-forms.ts';
import { openFields } from './schema.ts';
import { AlreadyOpenError, careLeaverList, careLeaverPage, openForm, openFromRecord } from './service-record.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

const codes = { inTouch: CARE_LEAVER_IN_TOUCH, accommodation: CARE_LEAVER_ACCOMMODATION, activity: CARE_LEAVER_ACTIVITY, reasons: CLOSURE_REASONS };

/** Care leavers: the record with its pathway plan, keeping in touch and OC3 birthdays; the list; the API. */
export const careLeaverRoutes = fp(async (app: FastifyInstance) => {
  app.get('/care-leavers', async (request, reply) => {
    const rows = await careLeaverList(request.ctx());
    return reply.page(view('list'), { title: 'Care leavers', section: 'social-care', rows, eligibilities: ELIGIBILITY_LABELS, codes });
  });

  app.get('/care-leavers/:id', async (request, reply) => {
    const page = await careLeaverPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('record'), { title: 'Care leaver', section: 'people', ...page, eligibilities: ELIGIBILITY_LABELS, codes });
  });

  const openPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await openForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('open-form'), { title: 'Open a care leaver record', section: 'people', ...form, eligibilities: ELIGIBILITY_LABELS, values, errors });
  };

  app.get('/people/:id/care-leaver/new', async (request, reply) => {
    return openPage(reply, uuidParam(request.params), { eligibility: 'eligible', openedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/care-leaver/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const opened = dateField(body, 'openedOn', 'The date the record starts', errors, 'Enter the date the record starts');
    const values = { eligibility: text(body, 'eligibility'), openedOn: opened.input, personalAdviserId: text(body, 'personalAdviserId'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = openFields.safeParse({ ...values, openedOn: opened.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['openedOn']);
    return guarded(reply, { backHref: `/people/${personId}`, backText: 'Back to the record', section: 'people' }, async () => {
      if (!parsed.success || errors.summary.length) return openPage(reply, personId, values, errors);
      try {
        const id = await openFromRecord(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
        return reply.redirect(leaverHref(id), 303);
      } catch (error) {
        if (error instanceof FieldProblem) return openPage(reply, personId, values, addError(noErrors(), error.field === 'openedOn' ? 'openedOn-day' : error.field, error.message));
        if (error instanceof AlreadyOpenError) return reply.redirect(leaverHref(error.careLeaverId), 303);
        throw error;
      }
    });
  });

  await app.register(formRoutes);
  await app.register(careLeaverApi, { prefix: '/api/v1' });
});
