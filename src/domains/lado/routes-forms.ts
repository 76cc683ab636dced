import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { CATEGORIES, DECISIONS, OUTCOMES, REFERRING_AGENCIES, REGULATORS, SANCTIONS, SECTORS } from './labels.ts';
import { CONCERN_FIELDS } from './new-concern-form.ts';
import { meetingDefaults, readMeeting } from './meeting-form.ts';
import { actionDoneFields, agenciesFields, closeFields, concernEditFields, decisionFields } from './schema.ts';
import { formCase } from './service-read.ts';
import { closeCase, decideCase, editConcern, markActionDone, recordAgencies, recordMeeting } from './service-work.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

export const view = (name: string) => `domains/lado/views/${name}.njk`;
export const caseHref = (id: string) => `/lado/${id}`;
const codes = { decisions: DECISIONS, outcomes: OUTCOMES, sanctions: SANCTIONS, regulators: REGULATORS, categories: CATEGORIES, sectors: SECTORS, agencies: REFERRING_AGENCIES };

interface Form {
  path: string;
  template: string;
  title: string;
  /** Date inputs: name → [label, message when missing (required) or undefined]. */
  dates: Record<string, [string, string | undefined]>;
  fields: (body: FormBody) => Record<string, unknown>;
  defaults: (row: Awaited<ReturnType<typeof formCase>>['row'], today: string) => Record<string, unknown>;
  schema: { safeParse: (v: unknown) => { success: true; data: unknown } | { success: false; error: import('zod').ZodError } };
  save: (ctx: Parameters<typeof decideCase>[0], id: string, data: never) => Promise<unknown>;
  entered: Record<string, string>;
}

const FORMS: Form[] = [
  {
    path: 'edit', template: 'edit-form', title: 'Change the concern’s details',
    dates: { receivedOn: ['The date received', 'Enter the date the concern was received'] },
    fields: (b) => Object.fromEntries(CONCERN_FIELDS.map((f) => [f, text(b, f)])),
    defaults: (row) => ({ adultRole: row.adult_role, employer: row.employer, sector: row.sector, referringAgency: row.referring_agency, referrerName: row.referrer_name, receivedOn: dateParts(row.received_on), category: row.category, allegation: row.allegation }),
    schema: concernEditFields, save: (ctx, id, data) => editConcern(ctx, id, data), entered: { allegation: 'What is alleged', employer: 'Employer or organisation', adultRole: 'Role or job' },
  },
  {
    path: 'decision', template: 'decision-form', title: 'Initial consideration',
    dates: { decidedOn: ['The date of the decision', 'Enter the date of the decision'] },
    fields: (b) => ({ decision: text(b, 'decision'), reasons: text(b, 'reasons') }),
    defaults: (_row, today) => ({ decidedOn: dateParts(today) }),
    schema: decisionFields, save: (ctx, id, data) => decideCase(ctx, id, data), entered: { reasons: 'Reasons' },
  },
  {
    path: 'agencies', template: 'agencies-form', title: 'Agencies informed',
    dates: { policeInformedOn: ['The date the police were informed', undefined], employerInformedOn: ['The date the employer was informed', undefined], dbsReferredOn: ['The date of the DBS referral', undefined], regulatorInformedOn: ['The date the regulator was informed', undefined] },
    fields: (b) => ({ regulator: text(b, 'regulator') }),
    defaults: (row) => ({ policeInformedOn: dateParts(row.police_informed_on), employerInformedOn: dateParts(row.employer_informed_on), dbsReferredOn: dateParts(row.dbs_referred_on), regulator: row.regulator ?? '', regulatorInformedOn: dateParts(row.regulator_informed_on) }),
    schema: agenciesFields, save: (ctx, id, data) => recordAgencies(ctx, id, data), entered: {},
  },
  {
    path: 'close', template: 'close-form', title: 'Outcome and closure',
    dates: { closedOn: ['The date the case closes', 'Enter the date the case closes'] },
    fields: (b) => ({ outcome: text(b, 'outcome'), sanctions: list(b, 'sanctions'), notes: text(b, 'notes') }),
    defaults: (_row, today) => ({ closedOn: dateParts(today), sanctions: [] }),
    schema: closeFields, save: (ctx, id, data) => closeCase(ctx, id, data), entered: { notes: 'Notes' },
  },
];

/** The forms on a LADO case: initial consideration, agencies informed, meetings, outcome and closure. */
export const formRoutes = async (app: FastifyInstance) => {
  const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: caseHref(id), backText: 'Back to the case', section: 'lado', entered });
  const page = async (reply: FastifyReply, id: string, template: string, title: string, values: (row: Awaited<ReturnType<typeof formCase>>['row']) => Record<string, unknown>, errors?: FormErrors) => {
    const data = await formCase(reply.request.ctx(), id);
    return reply.status(errors?.summary.length ? 400 : 200).page(view(template), { title, section: 'lado', ...data, codes, values: { version: data.row.version, ...values(data.row) }, errors: errors ?? noErrors() });
  };

  for (const form of FORMS) {
    app.get(`/lado/:id/${form.path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      return page(reply, id, form.template, form.title, (row) => form.defaults(row, ukToday()));
    });

    app.post(`/lado/:id/${form.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const body = formOf(request);
      const errors = noErrors();
      const dates = Object.fromEntries(Object.entries(form.dates).map(([name, [label, missing]]) => [name, dateField(body, name, label, errors, missing)]));
      const values = { ...form.fields(body), ...Object.fromEntries(Object.entries(dates).map(([n, d]) => [n, d.input])), version: text(body, 'version') };
      const parsed = form.schema.safeParse({ ...values, ...Object.fromEntries(Object.entries(dates).map(([n, d]) => [n, d.value ?? (form.dates[n]![1] ? '' : null)])) });
      zodErrors(parsed.success ? null : parsed.error, errors, Object.keys(form.dates));
      const entered = Object.entries(form.entered).map(([name, label]) => ({ label, value: text(body, name) }));
      return guarded(reply, back(id, entered), async () => {
        if (!parsed.success || errors.summary.length) return page(reply, id, form.template, form.title, () => values, errors);
        try {
          await form.save(ctx, id, parsed.data as never);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, id, form.template, form.title, () => values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
          throw error;
        }
        return reply.redirect(caseHref(id), 303);
      });
    });
  }

  app.get('/lado/:id/meetings/new', async (request, reply) => {
    const id = uuidParam(request.params);
    return guarded(reply, back(id), () => page(reply, id, 'meeting-form', 'Record an allegation management meeting', () => meetingDefaults(ukToday())));
  });

  app.post('/lado/:id/meetings/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const form = readMeeting(formOf(request));
    const title = 'Record an allegation management meeting';
    return guarded(reply, back(id, [{ label: 'Discussion summary', value: String(form.values.summary) }]), async () => {
      if (!form.input) return page(reply, id, 'meeting-form', title, () => form.values, form.errors);
      try {
        await recordMeeting(ctx, id, { ...form.input, idempotencyKey: String(form.values.idempotencyKey) });
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        const field = /^(heldOn|nextMeetingOn|actionDue\d)$/.test(error.field) ? `${error.field}-day` : error.field;
        return page(reply, id, 'meeting-form', title, () => form.values, addError(noErrors(), field, error.message));
      }
      return reply.redirect(caseHref(id), 303);
    });
  });

  // Marking an action done asks when it was done (it may have been done days before the LADO heard).
  const actionPage = async (reply: FastifyReply, id: string, actionId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    page(reply, id, 'action-form', 'Mark an action done', () => ({ actionId, ...values }), errors);

  app.get('/lado/:id/actions/:actionId/done', async (request, reply) => {
    const id = uuidParam(request.params);
    return actionPage(reply, id, uuidParam(request.params, 'actionId'), { doneOn: dateParts(ukToday()) });
  });

  app.post('/lado/:id/actions/:actionId/done', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const actionId = uuidParam(request.params, 'actionId');
    const body = formOf(request);
    const errors = noErrors();
    const done = dateField(body, 'doneOn', 'The date it was done', errors, 'Enter the date the action was done');
    const values = { doneOn: done.input, actionVersion: text(body, 'actionVersion') };
    const parsed = actionDoneFields.safeParse({ doneOn: done.value ?? '', version: values.actionVersion });
    zodErrors(parsed.success ? null : parsed.error, errors, ['doneOn']);
    return guarded(reply, back(id), async () => {
      if (!parsed.success || errors.summary.length) return actionPage(reply, id, actionId, values, errors);
      try {
        await markActionDone(ctx, id, actionId, parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return actionPage(reply, id, actionId, values, addError(noErrors(), 'doneOn-day', error.message));
        throw error;
      }
      return reply.redirect(caseHref(id), 303);
    });
  });
};
