import type { FastifyInstance, FastifyReply } from 'fastify';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { EXPLOITATION_INDICATORS, EXPLOITATION_KINDS, EXPLOITATION_LEVELS } from './labels.ts';
import { childHref, view } from './routes-report.ts';
import { screeningFields } from './schema.ts';
import { MomentProblem } from './service.ts';
import { recordScreening, screeningForm, screeningProblems } from './service-screening.ts';

/** Exploitation risk screening, with a referral to the MET hub when any level is medium or high. */
export const screeningRoutes = async (app: FastifyInstance) => {
  const formPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await screeningForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('screening-form'), {
      title: 'Exploitation risk screening', section: 'people', ...form, kinds: EXPLOITATION_KINDS, levels: EXPLOITATION_LEVELS, indicators: EXPLOITATION_INDICATORS, values, errors,
    });
  };

  app.get('/people/:id/exploitation/new', async (request, reply) => {
    const today = ukToday();
    return formPage(reply, uuidParam(request.params), { screenedOn: dateParts(today), reviewDue: dateParts(dueDate('exploitationReview', today)), indicators: [], idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/exploitation/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const screened = dateField(body, 'screenedOn', 'The date of the screening', errors, 'Enter the date of the screening');
    const review = dateField(body, 'reviewDue', 'The review date', errors);
    const values = {
      screenedOn: screened.input,
      reviewDue: review.input,
      sexualExploitation: text(body, 'sexualExploitation'),
      criminalExploitation: text(body, 'criminalExploitation'),
      trafficking: text(body, 'trafficking'),
      indicators: list(body, 'indicators'),
      summary: text(body, 'summary'),
      referToMetHub: text(body, 'referToMetHub') || null,
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = screeningFields.safeParse({ ...values, screenedOn: screened.value ?? '', reviewDue: review.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['screenedOn', 'reviewDue']);
    if (parsed.success && !errors.summary.length) {
      for (const p of screeningProblems(parsed.data)) addError(errors, p.field === 'referToMetHub' ? p.field : `${p.field}-day`, p.message);
    }
    const back = { backHref: childHref(personId), backText: 'Back to missing episodes and exploitation', section: 'people', entered: [{ label: 'Summary', value: values.summary }] };
    return guarded(reply, back, async () => {
      if (!parsed.success || errors.summary.length) return formPage(reply, personId, values, errors);
      try {
        await recordScreening(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      } catch (error) {
        if (error instanceof MomentProblem) return formPage(reply, personId, values, addError(noErrors(), error.field === 'referToMetHub' ? error.field : `${error.field}-day`, error.message));
        throw error;
      }
      return reply.redirect(`${childHref(personId)}#exploitation`, 303);
    });
  });
};
