import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { CHECK_RESULTS, CHECKS, DECISIONS, END_REASONS } from './labels.ts';
import { assessmentFields, confirmFields, detailsFields, endFields, visitFields } from './schema.ts';
import { confirmDecision, endArrangement, recordVisit, saveAssessment, updateDetails } from './service.ts';
import { arrangementForm } from './service-views.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

export const view = (name: string) => `domains/private-fostering/views/${name}.njk`;
export const arrangementHref = (id: string) => `/private-fostering/${id}`;

interface Form {
  path: string;
  template: string;
  title: string;
  action: 'socialcare.work' | 'socialcare.authorise';
  /** Date inputs: name → [label, message when missing (required) or undefined]. */
  dates: Record<string, [string, string | undefined]>;
  fields: (body: FormBody) => Record<string, unknown>;
  /** What the form shows first: today's date for a new entry, or what the record holds. */
  defaults: (row: Awaited<ReturnType<typeof arrangementForm>>['row'], today: string) => Record<string, unknown>;
  schema: { safeParse: (v: unknown) => { success: true; data: unknown } | { success: false; error: import('zod').ZodError } };
  save: (ctx: RequestContext, id: string, data: never, key: string) => Promise<unknown>;
  creates: boolean;
  entered: Record<string, string>;
}

const checkDates = Object.fromEntries(CHECKS.map((c) => [`${c.key}On`, [c.label, undefined] as [string, undefined]]));

const FORMS: Form[] = [
  {
    path: 'visits/new', template: 'visit-form', title: 'Record a private fostering visit', action: 'socialcare.work', creates: true,
    dates: { visitDate: ['The date of the visit', 'Enter the date of the visit'] },
    fields: (b) => ({ childSeen: text(b, 'childSeen'), seenAlone: text(b, 'seenAlone'), notes: text(b, 'notes') }),
    defaults: (_row, today) => ({ visitDate: dateParts(today) }),
    schema: visitFields, save: (ctx, id, data, key) => recordVisit(ctx, id, { ...(data as object), idempotencyKey: key } as never),
    entered: { notes: 'Notes' },
  },
  {
    path: 'assessment', template: 'assessment-form', title: 'Assess the arrangement', action: 'socialcare.work', creates: false,
    dates: { ...checkDates, decisionOn: ['The date of the decision', undefined] },
    fields: (b) => ({ ...Object.fromEntries(CHECKS.map((c) => [`${c.key}Result`, text(b, `${c.key}Result`)])), decision: text(b, 'decision'), decisionNotes: text(b, 'decisionNotes') }),
    defaults: (row) => ({
      ...Object.fromEntries(CHECKS.flatMap((c) => [[`${c.key}On`, dateParts(row[`${c.key}_on`])], [`${c.key}Result`, row[`${c.key}_result`] ?? '']])),
      decision: row.decision ?? '', decisionOn: dateParts(row.decision_on), decisionNotes: row.decision_notes ?? '',
    }),
    schema: assessmentFields, save: (ctx, id, data) => saveAssessment(ctx, id, data), entered: { decisionNotes: 'Conditions or next steps' },
  },
  {
    path: 'confirm', template: 'confirm-form', title: 'Confirm the decision on suitability', action: 'socialcare.authorise', creates: false, dates: {},
    fields: () => ({}), defaults: () => ({}), schema: confirmFields, save: (ctx, id, data) => confirmDecision(ctx, id, data), entered: {},
  },
  {
    path: 'details', template: 'details-form', title: 'Change the arrangement’s details', action: 'socialcare.work', creates: false,
    dates: { startDate: ['The date the arrangement started or will start', 'Enter the date the arrangement started, or is planned to start'] },
    fields: (b) => ({ notifierDetail: text(b, 'notifierDetail'), parentsDetails: text(b, 'parentsDetails'), reason: text(b, 'reason'), expectedDuration: text(b, 'expectedDuration') }),
    defaults: (row) => ({ startDate: dateParts(row.start_date), notifierDetail: row.notifier_detail ?? '', parentsDetails: row.parents_details, reason: row.reason, expectedDuration: row.expected_duration }),
    schema: detailsFields, save: (ctx, id, data) => updateDetails(ctx, id, data),
    entered: { parentsDetails: 'Parents', reason: 'Reason', expectedDuration: 'Expected duration' },
  },
  {
    path: 'end', template: 'end-form', title: 'End the private fostering arrangement', action: 'socialcare.work', creates: false,
    dates: { endedOn: ['The date the arrangement ended', 'Enter the date the arrangement ended'] },
    fields: (b) => ({ endReason: text(b, 'endReason'), endNotes: text(b, 'endNotes') }), defaults: (_row, today) => ({ endedOn: dateParts(today) }),
    schema: endFields, save: (ctx, id, data) => endArrangement(ctx, id, data), entered: { endNotes: 'Notes' },
  },
];

const codes = { checks: CHECKS, results: CHECK_RESULTS, decisions: DECISIONS, endReasons: END_REASONS };

/** The forms on an arrangement: visits, the assessment, the manager's confirmation, its details, the end. */
export const formRoutes = async (app: FastifyInstance) => {
  for (const form of FORMS) {
    const page = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors?: FormErrors) => {
      const data = await arrangementForm(reply.request.ctx(), id, form.action);
      const shown = values ?? { ...form.defaults(data.row, ukToday()), ...(form.creates ? { idempotencyKey: idempotencyKeyOf() } : {}) };
      return reply.status(errors ? 400 : 200).page(view(form.template), { title: form.title, section: 'social-care', ...data, codes, action: form.path, values: { version: data.row.version, ...shown }, errors });
    };
    const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: arrangementHref(id), backText: 'Back to the arrangement', section: 'social-care', entered });

    app.get(`/private-fostering/:id/${form.path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      return guarded(reply, back(id), () => page(reply, id, null));
    });

    app.post(`/private-fostering/:id/${form.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const body = formOf(request);
      const { values, parsed, errors, entered } = readDatedForm(body, form);
      const key = values.idempotencyKey;
      return guarded(reply, back(id, entered), async () => {
        if (!parsed.success || errors.summary.length) return page(reply, id, values, errors);
        try {
          await form.save(ctx, id, parsed.data as never, key);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, id, values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
          throw error;
        }
        return reply.redirect(arrangementHref(id), 303);
      });
    });
  }
};
