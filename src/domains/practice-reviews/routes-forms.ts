import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { codeItems, type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { DECISIONS } from './labels.ts';
import type { ReviewRow } from './repository.ts';
import { actionFields, closeFields, decisionFields, notificationFields, rapidReviewFields, recommendationFields, reviewFields } from './schema.ts';
import { formReview } from './service-read.ts';
import { addAction, addRecommendation, closeReview, decideReview, recordNotification, recordRapidReview, recordReview } from './service-work.ts';

export const view = (name: string) => `domains/practice-reviews/views/${name}.njk`;
export const reviewHref = (id: string) => `/practice-reviews/${id}`;
const SECTION = 'practice-reviews';
const REVIEWER_SLOTS = [1, 2, 3];

type Ctx = Parameters<typeof recordNotification>[0];
interface Form extends DatedForm<unknown> {
  path: string;
  template: string;
  title: string;
  /** Creating forms carry an idempotency key; the others a version. */
  creates: boolean;
  defaults: (row: ReviewRow, reviewers: { name: string; independent: boolean }[], today: string) => Record<string, unknown>;
  save: (ctx: Ctx, id: string, data: never, key: string, params: unknown) => Promise<unknown>;
}

/** Up to three reviewers, each a name and whether they are independent: blank rows are left out. */
function reviewersOf(b: FormBody) {
  const raw = Object.fromEntries(REVIEWER_SLOTS.flatMap((i) => [[`reviewer${i}Name`, text(b, `reviewer${i}Name`)], [`reviewer${i}Independent`, text(b, `reviewer${i}Independent`)]]));
  const reviewers = REVIEWER_SLOTS.filter((i) => raw[`reviewer${i}Name`] || raw[`reviewer${i}Independent`]).map((i) => ({
    name: raw[`reviewer${i}Name`],
    independent: raw[`reviewer${i}Independent`] === 'yes' ? true : raw[`reviewer${i}Independent`] === 'no' ? false : undefined,
  }));
  return { ...raw, reviewers };
}

const FORMS: Form[] = [
  {
    path: 'notification', template: 'notification-form', title: 'Notification to the national panel', creates: false,
    dates: { notifiedOn: ['The date of the notification', 'Enter the date the national panel was notified'] },
    fields: () => ({}), defaults: (row, _r, today) => ({ notifiedOn: dateParts(row.notified_on ?? today) }),
    schema: notificationFields, entered: {}, save: (ctx, id, data) => recordNotification(ctx, id, data),
  },
  {
    path: 'rapid-review', template: 'rapid-review-form', title: 'Rapid review', creates: false,
    dates: { heldOn: ['The date of the rapid review', 'Enter the date the rapid review was held'] },
    fields: (b) => ({ agencyIds: list(b, 'agencyIds'), recommendation: text(b, 'recommendation') }),
    defaults: (row, _r, today) => ({ heldOn: dateParts(row.rapid_review_held_on ?? today), agencyIds: row.rapid_review_agency_ids, recommendation: row.rapid_review_recommendation ?? '' }),
    schema: rapidReviewFields, entered: {}, save: (ctx, id, data) => recordRapidReview(ctx, id, data),
  },
  {
    path: 'decision', template: 'decision-form', title: 'Decision', creates: false,
    dates: { decidedOn: ['The date of the decision', 'Enter the date of the decision'] },
    fields: (b) => ({ decision: text(b, 'decision'), rationale: text(b, 'rationale') }),
    defaults: (row, _r, today) => ({ decidedOn: dateParts(today), decision: row.rapid_review_recommendation ?? '' }),
    schema: decisionFields, entered: { rationale: 'Rationale' }, save: (ctx, id, data) => decideReview(ctx, id, data),
  },
  {
    path: 'review', template: 'review-form', title: 'The review and its report', creates: false,
    dates: { termsAgreedOn: ['The date the terms of reference were agreed', undefined], reportReceivedOn: ['The date the report was received', undefined], publishedOn: ['The date of publication', undefined] },
    fields: (b) => ({ ...reviewersOf(b), notPublishedReason: text(b, 'notPublishedReason') }),
    defaults: (row, reviewers) => ({
      ...Object.fromEntries(reviewers.flatMap((r, i) => [[`reviewer${i + 1}Name`, r.name], [`reviewer${i + 1}Independent`, r.independent ? 'yes' : 'no']])),
      termsAgreedOn: dateParts(row.terms_agreed_on), reportReceivedOn: dateParts(row.report_received_on), publishedOn: dateParts(row.published_on), notPublishedReason: row.not_published_reason ?? '',
    }),
    schema: reviewFields, entered: { notPublishedReason: 'Reason not published' }, save: (ctx, id, data) => recordReview(ctx, id, data),
  },
  {
    path: 'recommendations/new', template: 'recommendation-form', title: 'Add a recommendation', creates: true, dates: {},
    fields: (b) => ({ text: text(b, 'text') }), defaults: () => ({}),
    schema: recommendationFields, entered: { text: 'Recommendation' }, save: (ctx, id, data, key) => addRecommendation(ctx, id, { ...(data as object), idempotencyKey: key } as never),
  },
  {
    path: 'recommendations/:recommendationId/actions/new', template: 'action-form', title: 'Add an action', creates: true,
    dates: { dueOn: ['The due date', 'Enter the date the action is due'] },
    fields: (b) => ({ what: text(b, 'what'), agencyId: text(b, 'agencyId'), owner: text(b, 'owner'), rag: text(b, 'rag') }), defaults: () => ({ rag: 'green' }),
    schema: actionFields, entered: { what: 'The action', owner: 'Owner' },
    save: (ctx, id, data, key, params) => addAction(ctx, id, uuidParam(params, 'recommendationId'), { ...(data as object), idempotencyKey: key } as never),
  },
  {
    path: 'close', template: 'close-form', title: 'Close the review', creates: false,
    dates: { closedOn: ['The date the review closed', 'Enter the date the review closed'] },
    fields: (b) => ({ note: text(b, 'note') }), defaults: (_row, _r, today) => ({ closedOn: dateParts(today) }),
    schema: closeFields, entered: { note: 'What the review achieved' }, save: (ctx, id, data) => closeReview(ctx, id, data),
  },
];

/** The chair's forms on a review: notification, rapid review, decision, the review itself, recommendations, actions, closure. */
export const formRoutes = async (app: FastifyInstance) => {
  for (const form of FORMS) {
    const page = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
      const data = await formReview(reply.request.ctx(), id);
      const params = reply.request.params as Record<string, string>;
      const recommendation = params.recommendationId ? data.recommendations.find((m) => m.id === uuidParam(params, 'recommendationId')) : null;
      if (recommendation === undefined) throw new NotFoundError();
      const shown: Record<string, unknown> = { version: data.row.version, ...values };
      return reply.status(errors?.summary.length ? 400 : 200).page(view(form.template), {
        title: form.title, section: SECTION, ...data, recommendation, values: shown, errors: errors ?? noErrors(), decisions: DECISIONS, action: `${reviewHref(id)}/${form.path.replace(':recommendationId', recommendation?.id ?? '')}`,
        agencyItems: codeItems(Object.fromEntries(data.agencies.map((a) => [a.id, a.name])), (shown.agencyIds ?? shown.agencyId ?? null) as string[] | string | null, { blank: form.path.includes('actions') ? 'Select an agency' : undefined }),
        reviewerSlots: REVIEWER_SLOTS,
      });
    };
    const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: reviewHref(id), backText: 'Back to the review', section: SECTION, entered });

    app.get(`/practice-reviews/:id/${form.path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      const data = await formReview(request.ctx(), id);
      return page(reply, id, { ...form.defaults(data.row, data.reviewers, ukToday()), ...(form.creates ? { idempotencyKey: idempotencyKeyOf() } : {}) });
    });

    app.post(`/practice-reviews/:id/${form.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const { values, parsed, errors, entered } = readDatedForm(formOf(request), form);
      return guarded(reply, back(id, entered), async () => {
        if (!parsed.success || errors.summary.length) return page(reply, id, values, errors);
        try {
          await form.save(ctx, id, parsed.data as never, values.idempotencyKey, request.params);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, id, values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
          throw error;
        }
        return reply.redirect(reviewHref(id), 303);
      });
    });
  }
};
