import type { FastifyInstance, FastifyReply } from 'fastify';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CLOSURE_REASONS, REVIEW_DECISIONS, STEP_UP_CONSENT, STEP_UP_URGENCY } from './labels.ts';
import { caseHref, caseIdOf, dateField, formOf, guarded, idempotencyKeyOf, SECTION, view, zodErrors } from './routes-support.ts';
import { closeFields, reviewFields, stepUpFields } from './schema.ts';
import { caseForm, closeCase, recordReview, reviewProblems, stepUp } from './service-review.ts';

/** Reviews, closure and step up: each names the case version it was read at. */
export const reviewRoutes = async (app: FastifyInstance) => {
  const formPage = async (reply: FastifyReply, caseId: string, template: string, title: string, values: Record<string, unknown>, extra: Record<string, unknown>, errors?: FormErrors) => {
    const { row, heading } = await caseForm(reply.request.ctx(), caseId);
    return reply.status(errors ? 400 : 200).page(view(template), { title, section: SECTION, row, heading, ...extra, values: { version: row.version, ...values }, errors });
  };

  const reviewPage = (reply: FastifyReply, caseId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    formPage(reply, caseId, 'review-form', 'Record a review', values, { decisions: REVIEW_DECISIONS }, errors);

  app.get('/early-help/cases/:id/reviews/new', async (request, reply) => {
    const caseId = caseIdOf(request);
    return guarded(reply, caseId, () => reviewPage(reply, caseId, { heldOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));
  });

  app.post('/early-help/cases/:id/reviews/new', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date the review was held', errors, 'Enter the date the review was held');
    const next = dateField(body, 'nextReviewDue', 'The next review date', errors);
    const values = {
      heldOn: held.input,
      nextReviewDue: next.input,
      progress: text(body, 'progress'),
      familyViews: text(body, 'familyViews'),
      decision: text(body, 'decision'),
      version: text(body, 'version'),
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = reviewFields.safeParse({ ...values, heldOn: held.value ?? '', nextReviewDue: next.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn', 'nextReviewDue']);
    const entered = [
      { label: 'Progress', value: values.progress },
      { label: 'The family’s views', value: values.familyViews },
    ];
    return guarded(
      reply,
      caseId,
      async () => {
        if (parsed.success && !errors.summary.length) {
          const { row } = await caseForm(ctx, caseId);
          for (const p of reviewProblems(row, parsed.data)) addError(errors, `${p.field}-day`, p.message);
        }
        if (!parsed.success || errors.summary.length) return reviewPage(reply, caseId, values, errors);
        await recordReview(ctx, caseId, { ...parsed.data, idempotencyKey: text(body, 'idempotencyKey') || null });
        const then = { close: '/close', step_up: '/step-up', continue: '#reviews' }[parsed.data.decision];
        return reply.redirect(`${caseHref(caseId)}${then}`, 303);
      },
      entered,
    );
  });

  const closePage = (reply: FastifyReply, caseId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    formPage(reply, caseId, 'close-form', 'Close the case', values, { reasons: CLOSURE_REASONS }, errors);

  app.get('/early-help/cases/:id/close', async (request, reply) => {
    const caseId = caseIdOf(request);
    return guarded(reply, caseId, () => closePage(reply, caseId, {}));
  });

  app.post('/early-help/cases/:id/close', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const values = { reason: text(body, 'reason'), summary: text(body, 'summary'), version: text(body, 'version') };
    const parsed = closeFields.safeParse(values);
    return guarded(
      reply,
      caseId,
      async () => {
        if (!parsed.success) return closePage(reply, caseId, values, zodErrors(parsed.error));
        await closeCase(ctx, caseId, parsed.data);
        return reply.redirect(caseHref(caseId), 303);
      },
      [{ label: 'Closing summary', value: values.summary }],
    );
  });

  const stepUpPage = (reply: FastifyReply, caseId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    formPage(reply, caseId, 'step-up-form', 'Step up to the front door', values, { urgencies: STEP_UP_URGENCY, consents: STEP_UP_CONSENT }, errors);

  app.get('/early-help/cases/:id/step-up', async (request, reply) => {
    const caseId = caseIdOf(request);
    return guarded(reply, caseId, () => stepUpPage(reply, caseId, {}));
  });

  app.post('/early-help/cases/:id/step-up', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const values = {
      reason: text(body, 'reason'),
      urgency: text(body, 'urgency'),
      consent: text(body, 'consent'),
      consentOverrideReason: text(body, 'consentOverrideReason'),
      version: text(body, 'version'),
    };
    const parsed = stepUpFields.safeParse(values);
    return guarded(
      reply,
      caseId,
      async () => {
        if (!parsed.success) {
          const errors = zodErrors(parsed.error);
          // The override reason is checked with the rest, so every problem is listed at once.
          if (values.consent === 'overridden' && !values.consentOverrideReason.trim()) addError(errors, 'consentOverrideReason', 'Enter why consent was not sought or was overridden');
          return stepUpPage(reply, caseId, values, errors);
        }
        await stepUp(ctx, caseId, parsed.data);
        return reply.redirect(caseHref(caseId), 303);
      },
      [{ label: 'Why it needs the front door', value: values.reason }],
    );
  });
};
