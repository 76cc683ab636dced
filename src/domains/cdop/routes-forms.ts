import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { describeRule, TIMESCALES } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { returnDueFrom } from './clocks.ts';
import { AGENCIES, CATEGORIES, FACTOR_DOMAINS, MODIFIABLE } from './labels.ts';
import { NOTIFICATION_FORM } from './notification-form.ts';
import { notificationCodes } from './routes-new.ts';
import { notificationEditFields, requestFields, returnFields, reviewFields } from './schema.ts';
import { formCase } from './service-read.ts';
import { editNotification, recordReturn, recordReview, requestInformation } from './service-work.ts';

export const view = (name: string) => `domains/cdop/views/${name}.njk`;
export const caseHref = (id: string) => `/cdop/${id}`;
const codes = { ...notificationCodes, categories: CATEGORIES, modifiable: MODIFIABLE, domains: FACTOR_DOMAINS };
type Row = Awaited<ReturnType<typeof formCase>>['row'];

interface Form extends DatedForm<unknown> {
  path: string;
  template: string;
  title: string;
  defaults: (row: Row, today: string) => Record<string, unknown>;
  save: (ctx: RequestContext, id: string, data: never, key: string) => Promise<unknown>;
}

const FORMS: Form[] = [
  {
    path: 'edit', template: 'edit-form', title: 'Change the notification’s details', ...NOTIFICATION_FORM,
    schema: notificationEditFields,
    defaults: (row) => ({
      diedOn: dateParts(row.died_on), timeOfDeath: row.time_of_death ?? '', place: row.place, placeDetail: row.place_detail ?? '', expectation: row.expectation, rapidResponse: row.rapid_response ?? '',
      rapidResponseOn: dateParts(row.rapid_response_on), notifiedOn: dateParts(row.notified_on), notifyingAgency: row.notifying_agency, notifierName: row.notifier_name, circumstances: row.circumstances,
    }),
    save: (ctx, id, data) => editNotification(ctx, id, data),
  },
  {
    path: 'requests/new', template: 'request-form', title: 'Request information from an agency',
    dates: { requestedOn: ['The date requested', 'Enter the date the information was requested'], dueOn: ['The date due', 'Enter the date the information is due'] },
    fields: (b) => ({ agency: text(b, 'agency'), contact: text(b, 'contact') }),
    schema: requestFields, entered: { contact: 'Who was asked' },
    defaults: (_row, today) => ({ requestedOn: dateParts(today), dueOn: dateParts(returnDueFrom(today)), idempotencyKey: idempotencyKeyOf() }),
    save: (ctx, id, data, key) => requestInformation(ctx, id, { ...(data as object), idempotencyKey: key } as never),
  },
  {
    path: 'review', template: 'review-form', title: 'Record the panel’s review',
    dates: { reviewedOn: ['The date of the panel meeting', 'Enter the date of the panel meeting'] },
    fields: (b) => ({ category: text(b, 'category'), modifiable: text(b, 'modifiable'), factorDomains: list(b, 'factorDomains'), modifiableFactors: text(b, 'modifiableFactors'), learning: text(b, 'learning'), ncmdNotified: text(b, 'ncmdNotified') }),
    schema: reviewFields, entered: { modifiableFactors: 'Modifiable factors', learning: 'Learning' },
    defaults: (_row, today) => ({ reviewedOn: dateParts(today), factorDomains: [] }),
    save: (ctx, id, data) => recordReview(ctx, id, data),
  },
];

/** The forms on a child death review: the notification's details, requests to agencies, their replies, the review. */
export const formRoutes = async (app: FastifyInstance) => {
  const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: caseHref(id), backText: 'Back to the case', section: 'cdop', entered });
  const page = async (reply: FastifyReply, id: string, template: string, title: string, values: (row: Row) => Record<string, unknown>, errors?: FormErrors) => {
    const data = await formCase(reply.request.ctx(), id);
    return reply.status(errors?.summary.length ? 400 : 200).page(view(template), { title, section: 'cdop', ...data, codes: { ...codes, agencies: AGENCIES }, returnRule: describeRule(TIMESCALES.cdopAgencyReturn.rule), values: { version: data.row.version, ...values(data.row) }, errors: errors ?? noErrors() });
  };
  const dateError = (field: string, dates: Record<string, unknown>) => (field in dates ? `${field}-day` : field);

  for (const form of FORMS) {
    app.get(`/cdop/:id/${form.path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      return guarded(reply, back(id), () => page(reply, id, form.template, form.title, (row) => form.defaults(row, ukToday())));
    });

    app.post(`/cdop/:id/${form.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const { values, parsed, errors, entered } = readDatedForm(formOf(request), form);
      return guarded(reply, back(id, entered), async () => {
        if (!parsed.success || errors.summary.length) return page(reply, id, form.template, form.title, () => values, errors);
        try {
          await form.save(ctx, id, parsed.data as never, values.idempotencyKey);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, id, form.template, form.title, () => values, addError(noErrors(), dateError(error.field, form.dates), error.message));
          throw error;
        }
        return reply.redirect(caseHref(id), 303);
      });
    });
  }

  // An agency's reply: when it came, and a summary of what it holds or that it holds nothing.
  const RETURN: DatedForm<unknown> = {
    dates: { returnedOn: ['The date of the reply', 'Enter the date the agency replied'] },
    fields: (b) => ({ notHeld: text(b, 'notHeld'), summary: text(b, 'summary'), requestVersion: text(b, 'requestVersion') }),
    schema: { safeParse: (v) => returnFields.safeParse({ ...(v as object), version: (v as { requestVersion: string }).requestVersion }) },
    entered: { summary: 'Summary of what they hold' },
  };
  const returnPage = (reply: FastifyReply, id: string, requestId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    page(reply, id, 'return-form', 'Record an agency’s reply', () => ({ requestId, ...values }), errors);

  app.get('/cdop/:id/requests/:requestId/return', async (request, reply) => {
    const id = uuidParam(request.params);
    return returnPage(reply, id, uuidParam(request.params, 'requestId'), { returnedOn: dateParts(ukToday()) });
  });

  app.post('/cdop/:id/requests/:requestId/return', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const requestId = uuidParam(request.params, 'requestId');
    const { values, parsed, errors, entered } = readDatedForm(formOf(request), RETURN);
    return guarded(reply, back(id, entered), async () => {
      if (!parsed.success || errors.summary.length) return returnPage(reply, id, requestId, values, errors);
      try {
        await recordReturn(ctx, id, requestId, parsed.data as never);
      } catch (error) {
        if (error instanceof FieldProblem) return returnPage(reply, id, requestId, values, addError(noErrors(), dateError(error.field, RETURN.dates), error.message));
        throw error;
      }
      return reply.redirect(caseHref(id), 303);
    });
  });
};
