import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { addProblems, codeItems, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { CHECK_KINDS, periodHref, SECTION, view } from './labels.ts';
import { backToPeriod, periodIdOf } from './routes-support.ts';
import { checkFields, reviewFields } from './schema.ts';
import { checkProblems, periodForChair, recordCheck, recordReview, reviewProblems } from './service-reviews.ts';
import { periodForWork } from './service.ts';

type Values = Record<string, unknown>;

/** The IRO's reviews, and health and education checks. */
export const reviewRoutes = async (app: FastifyInstance) => {
  const reviewPage = async (reply: FastifyReply, periodId: string, values: Values, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { period } = await periodForChair(ctx, periodId, { auditView: true });
    const heading = await personHeading(ctx, period.person_id);
    return reply.status(errors ? 400 : 200).page(view('review-form'), { title: 'Record a looked-after review', section: SECTION, heading, period, values, errors, participation: codeItems(REVIEW_PARTICIPATION, values.participation as string, { withCode: true }) });
  };

  app.get('/care/:id/reviews/new', async (request, reply) => {
    const periodId = periodIdOf(request);
    return guarded(reply, backToPeriod(periodId), () => reviewPage(reply, periodId, { heldOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));
  });

  app.post('/care/:id/reviews/new', async (request, reply) => {
    const ctx = request.ctx();
    const periodId = periodIdOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date the review was held', errors, 'Enter the date the review was held');
    const values = { heldOn: held.input, participation: text(body, 'participation'), summary: text(body, 'summary'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = reviewFields.safeParse({ ...values, heldOn: held.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn']);
    return guarded(reply, backToPeriod(periodId, [{ label: 'Summary', value: values.summary }]), async () => {
      if (parsed.success && !errors.summary.length) {
        const { period } = await periodForChair(ctx, periodId);
        addProblems(errors, await reviewProblems(ctx.db, period, parsed.data), ['heldOn']);
      }
      if (!parsed.success || errors.summary.length) return reviewPage(reply, periodId, values, errors);
      await recordReview(ctx, periodId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(`${periodHref(periodId)}#reviews`, 303);
    });
  });

  const checkPage = async (reply: FastifyReply, periodId: string, values: Values, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { period } = await periodForWork(ctx, periodId, { auditView: true });
    const heading = await personHeading(ctx, period.person_id);
    return reply.status(errors ? 400 : 200).page(view('check-form'), { title: 'Record a health or education check', section: SECTION, heading, period, values, errors, kinds: codeItems(CHECK_KINDS, values.kind as string, { withCode: true }).map((o) => ({ ...o, text: CHECK_KINDS[o.value as keyof typeof CHECK_KINDS] })) });
  };

  app.get('/care/:id/checks/new', async (request, reply) => {
    const periodId = periodIdOf(request);
    const kind = text(request.query, 'kind');
    return guarded(reply, backToPeriod(periodId), () => checkPage(reply, periodId, { kind: kind in CHECK_KINDS ? kind : '', doneOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));
  });

  app.post('/care/:id/checks/new', async (request, reply) => {
    const ctx = request.ctx();
    const periodId = periodIdOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const done = dateField(body, 'doneOn', 'The date it was done', errors, 'Enter the date it was done');
    const values = { kind: text(body, 'kind'), doneOn: done.input, score: text(body, 'score'), notes: text(body, 'notes'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = checkFields.safeParse({ ...values, doneOn: done.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['doneOn']);
    return guarded(reply, backToPeriod(periodId, [{ label: 'Notes', value: values.notes }]), async () => {
      if (parsed.success && !errors.summary.length) {
        const { period } = await periodForWork(ctx, periodId);
        addProblems(errors, await checkProblems(ctx.db, period, parsed.data), ['doneOn']);
      }
      if (!parsed.success || errors.summary.length) return checkPage(reply, periodId, values, errors);
      await recordCheck(ctx, periodId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(`${periodHref(periodId)}#health`, 303);
    });
  });
};
