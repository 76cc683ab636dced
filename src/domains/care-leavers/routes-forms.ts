import type { FastifyInstance, FastifyReply } from 'fastify';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { CLOSURE_REASONS } from './labels.ts';
import { adviserFields, closeFields, contactFields, planFields } from './schema.ts';
import { assignAdviser, closeRecord, formFor, recordContact, recordPlan } from './service-record.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

export const view = (name: string) => `domains/care-leavers/views/${name}.njk`;
export const leaverHref = (id: string) => `/care-leavers/${id}`;

interface Form {
  path: string;
  template: string;
  title: string;
  /** Date inputs: name → [label, message when missing (required) or undefined]. */
  dates: Record<string, [string, string | undefined]>;
  fields: (body: FormBody) => Record<string, unknown>;
  defaults: (today: string) => Record<string, unknown>;
  schema: { safeParse: (v: unknown) => { success: true; data: unknown } | { success: false; error: import('zod').ZodError } };
  save: (ctx: Parameters<typeof recordPlan>[0], id: string, data: never, key: string) => Promise<unknown>;
  creates: boolean;
  entered: Record<string, string>;
}

const FORMS: Form[] = [
  {
    path: 'plans/new', template: 'plan-form', title: 'Record a pathway plan or review', creates: true,
    dates: { planDate: ['The date of the plan', 'Enter the date of the plan or review'], nextReviewDue: ['The next review date', undefined] },
    fields: (b) => ({ accommodation: text(b, 'accommodation'), activity: text(b, 'activity'), summary: text(b, 'summary') }),
    defaults: (today) => ({ planDate: dateParts(today), nextReviewDue: dateParts(dueDate('pathwayPlanReview', today)) }),
    schema: planFields, save: (ctx, id, data, key) => recordPlan(ctx, id, { ...(data as object), idempotencyKey: key } as never),
    entered: { summary: 'The plan', accommodation: 'Accommodation', activity: 'Education, training or work' },
  },
  {
    path: 'contacts/new', template: 'contact-form', title: 'Record keeping in touch', creates: true,
    dates: { contactDate: ['The date of the contact', 'Enter the date of the contact'] },
    fields: (b) => ({ inTouch: text(b, 'inTouch'), accommodation: text(b, 'accommodation'), suitable: text(b, 'suitable'), activity: text(b, 'activity'), notes: text(b, 'notes') }),
    defaults: (today) => ({ contactDate: dateParts(today) }),
    schema: contactFields, save: (ctx, id, data, key) => recordContact(ctx, id, { ...(data as object), idempotencyKey: key } as never),
    entered: { notes: 'Notes' },
  },
  {
    path: 'adviser', template: 'adviser-form', title: 'Personal adviser', creates: false, dates: {},
    fields: (b) => ({ personalAdviserId: text(b, 'personalAdviserId') }), defaults: () => ({}),
    schema: adviserFields, save: (ctx, id, data) => assignAdviser(ctx, id, data), entered: {},
  },
  {
    path: 'close', template: 'close-form', title: 'Close the care leaver record', creates: false,
    dates: { closedOn: ['The date the record closes', 'Enter the date the record closes'] },
    fields: (b) => ({ reason: text(b, 'reason') }), defaults: (today) => ({ closedOn: dateParts(today) }),
    schema: closeFields, save: (ctx, id, data) => closeRecord(ctx, id, data), entered: {},
  },
];

/** The forms on a care leaver record: pathway plan, keeping in touch, personal adviser, closing. */
export const formRoutes = async (app: FastifyInstance) => {
  const codes = { inTouch: CARE_LEAVER_IN_TOUCH, accommodation: CARE_LEAVER_ACCOMMODATION, activity: CARE_LEAVER_ACTIVITY, reasons: CLOSURE_REASONS };
  for (const form of FORMS) {
    const page = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
      const data = await formFor(reply.request.ctx(), id);
      return reply.status(errors ? 400 : 200).page(view(form.template), {
        title: form.title, section: 'social-care', ...data, codes, action: form.path, values: { version: data.row.version, personalAdviserId: data.row.personal_adviser_id, ...values }, errors,
      });
    };

    app.get(`/care-leavers/:id/${form.path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      return guarded(reply, { backHref: leaverHref(id), backText: 'Back to the care leaver record', section: 'social-care' }, () =>
        page(reply, id, { ...form.defaults(ukToday()), ...(form.creates ? { idempotencyKey: idempotencyKeyOf() } : {}) }),
      );
    });

    app.post(`/care-leavers/:id/${form.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const body = formOf(request);
      const { values, parsed, errors, entered } = readDatedForm(body, form);
      const key = values.idempotencyKey;
      return guarded(reply, { backHref: leaverHref(id), backText: 'Back to the care leaver record', section: 'social-care', entered }, async () => {
        if (!parsed.success || errors.summary.length) return page(reply, id, values, errors);
        try {
          await form.save(ctx, id, parsed.data as never, key);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, id, values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
          throw error;
        }
        return reply.redirect(leaverHref(id), 303);
      });
    });
  }
};
