import type { FastifyInstance, FastifyReply } from 'fastify';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addProblems, codeItems, dateField, formOf, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { ITEM_STATUS, PLAN_END_REASONS, REVIEW_DECISIONS } from './labels.ts';
import * as repo from './repository.ts';
import { episodeHref, idOf, planHref, refused, SECTION, view } from './routes-support.ts';
import { endPlanFields, itemFields, reviewFields } from './schema.ts';
import { addItem, agencyChoices, completeItem, endPlan, endProblems, itemForWork, itemProblems, planForWork, recordReview, reviewProblems, updateItem } from './service-plan.ts';
import { episodesWithDetail } from './service-view.ts';
import { mayAuthorise } from './service-assessment.ts';

/** The child in need plan: outcomes and actions, reviews, and ending it. */
export const planRoutes = async (app: FastifyInstance) => {
  app.get('/cin-plans/:id', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const { plan, episode } = await planForWork(ctx, id, { auditView: true, allowEnded: true });
    const detail = (await episodesWithDetail(ctx, plan.person_id)).find((e) => e.row.id === episode.id)!;
    const [heading, disabilities, manager] = await Promise.all([personHeading(ctx, plan.person_id), repo.disabilitiesOf(ctx.db, plan.person_id), mayAuthorise(ctx, plan.person_id)]);
    return reply.page(view('plan'), {
      title: 'Child in need plan', section: SECTION, heading, episode, detail, manager,
      plan: detail.plans.find((p) => p.row.id === id)!,
      disabilityRecorded: disabilities.length > 0,
      decisions: REVIEW_DECISIONS,
    });
  });

  const back = (planId: string) => [planHref(planId), 'Go back to the plan'] as const;

  const itemPage = async (reply: FastifyReply, planId: string, itemId: string | null, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { plan } = itemId ? await itemForWork(ctx, planId, itemId, { auditView: true }) : await planForWork(ctx, planId, { auditView: true });
    const agencies = await agencyChoices(ctx);
    return reply.status(errors ? 400 : 200).page(view('item-form'), {
      title: itemId ? 'Change the plan' : values.kind === 'outcome' ? 'Add an outcome' : 'Add an action', section: SECTION, plan, itemId, errors, values,
      heading: await personHeading(ctx, plan.person_id),
      agencies: [{ value: '', text: 'No agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === values.agencyId }))],
      statuses: codeItems(ITEM_STATUS, String(values.status ?? 'open')),
    });
  };
  const itemValues = (body: Record<string, unknown>, due: { input: unknown }) => ({
    kind: text(body, 'kind'),
    description: text(body, 'description'),
    owner: text(body, 'owner'),
    agencyId: text(body, 'agencyId') || null,
    dueDate: due.input,
    status: text(body, 'status') || 'open',
  });

  app.get('/cin-plans/:id/items/new', async (request, reply) => {
    const id = idOf(request);
    const kind = (request.query as Record<string, unknown> | undefined)?.kind === 'outcome' ? 'outcome' : 'action';
    return refused(reply, ...back(id), () => itemPage(reply, id, null, { kind, idempotencyKey: idempotencyKeyOf() }));
  });
  app.post('/cin-plans/:id/items/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const due = dateField(body, 'dueDate', 'The due date', errors);
    const values = { ...itemValues(body, due), status: 'open', idempotencyKey: idempotencyKeyOf(body) };
    const parsed = itemFields.safeParse({ ...values, dueDate: due.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['dueDate']);
    return refused(reply, ...back(id), async () => {
      if (parsed.success && !errors.summary.length) addProblems(errors, itemProblems((await planForWork(ctx, id)).plan, parsed.data), ['dueDate']);
      if (!parsed.success || errors.summary.length) return itemPage(reply, id, null, values, errors);
      await addItem(ctx, id, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(`${planHref(id)}#plan-items`, 303);
    }, [{ label: 'Description', value: values.description }]);
  });

  app.get('/cin-plans/:id/items/:itemId/edit', async (request, reply) => {
    const id = idOf(request);
    const itemId = idOf(request, 'itemId');
    return refused(reply, ...back(id), async () => {
      const { item } = await itemForWork(request.ctx(), id, itemId);
      return itemPage(reply, id, itemId, { kind: item.kind, description: item.description, owner: item.owner, agencyId: item.agency_id, dueDate: dateParts(item.due_date), status: item.status, version: item.version });
    });
  });
  app.post('/cin-plans/:id/items/:itemId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const itemId = idOf(request, 'itemId');
    const body = formOf(request);
    const errors = noErrors();
    const due = dateField(body, 'dueDate', 'The due date', errors);
    const values = { ...itemValues(body, due), version: text(body, 'version') };
    const parsed = itemFields.safeParse({ ...values, dueDate: due.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['dueDate']);
    const version = Number(values.version);
    return refused(reply, ...back(id), async () => {
      if (parsed.success && !errors.summary.length) addProblems(errors, itemProblems((await planForWork(ctx, id)).plan, parsed.data), ['dueDate']);
      if (!parsed.success || errors.summary.length || !Number.isInteger(version)) return itemPage(reply, id, itemId, values, errors);
      await updateItem(ctx, id, itemId, { ...parsed.data, version });
      return reply.redirect(`${planHref(id)}#plan-items`, 303);
    }, [{ label: 'Description', value: values.description }]);
  });
  app.post('/cin-plans/:id/items/:itemId/done', async (request, reply) => {
    const id = idOf(request);
    const itemId = idOf(request, 'itemId');
    return refused(reply, ...back(id), async () => {
      await completeItem(request.ctx(), id, itemId, Number(text(formOf(request), 'version')));
      return reply.redirect(`${planHref(id)}#plan-items`, 303);
    });
  });

  const planForm = async (reply: FastifyReply, planId: string, template: string, title: string, values: Record<string, unknown>, extra: Record<string, unknown>, errors?: FormErrors) => {
    const { plan } = await planForWork(reply.request.ctx(), planId, { auditView: true });
    return reply.status(errors ? 400 : 200).page(view(template), { title, section: SECTION, plan, heading: await personHeading(reply.request.ctx(), plan.person_id), ...extra, values: { version: plan.version, ...values }, errors });
  };

  const reviewPage = (reply: FastifyReply, planId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    planForm(reply, planId, 'review-form', 'Record a review', values, { decisions: codeItems(REVIEW_DECISIONS, String(values.decision ?? '')), defaultNext: dueDate('cinPlanReview', ukToday()) }, errors);
  app.get('/cin-plans/:id/reviews/new', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, ...back(id), () => reviewPage(reply, id, { reviewDate: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));
  });
  app.post('/cin-plans/:id/reviews/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'reviewDate', 'The date the review was held', errors, 'Enter the date the review was held');
    const next = dateField(body, 'nextReviewDue', 'The next review date', errors);
    const values = { reviewDate: held.input, nextReviewDue: next.input, progress: text(body, 'progress'), decision: text(body, 'decision'), version: text(body, 'version'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = reviewFields.safeParse({ ...values, reviewDate: held.value ?? '', nextReviewDue: next.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['reviewDate', 'nextReviewDue']);
    return refused(reply, ...back(id), async () => {
      if (parsed.success && !errors.summary.length) addProblems(errors, reviewProblems((await planForWork(ctx, id)).plan, parsed.data), ['reviewDate', 'nextReviewDue']);
      if (!parsed.success || errors.summary.length) return reviewPage(reply, id, values, errors);
      await recordReview(ctx, id, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(parsed.data.decision === 'end_plan' ? `${planHref(id)}/end` : `${planHref(id)}#reviews`, 303);
    }, [{ label: 'Progress', value: values.progress }]);
  });

  const endPage = (reply: FastifyReply, planId: string, values: Record<string, unknown>, errors?: FormErrors) =>
    planForm(reply, planId, 'end-form', 'End the child in need plan', values, { reasons: codeItems(PLAN_END_REASONS, String(values.reason ?? '')) }, errors);
  app.get('/cin-plans/:id/end', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, ...back(id), () => endPage(reply, id, { endDate: dateParts(ukToday()) }));
  });
  app.post('/cin-plans/:id/end', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'endDate', 'The date the plan ended', errors, 'Enter the date the plan ended');
    const values = { endDate: date.input, reason: text(body, 'reason'), version: text(body, 'version') };
    const parsed = endPlanFields.safeParse({ ...values, endDate: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['endDate']);
    return refused(reply, ...back(id), async () => {
      const { plan } = await planForWork(ctx, id);
      if (parsed.success && !errors.summary.length) addProblems(errors, endProblems(plan, parsed.data.endDate), ['endDate']);
      if (!parsed.success || errors.summary.length) return endPage(reply, id, values, errors);
      await endPlan(ctx, id, parsed.data);
      return reply.redirect(episodeHref(plan.episode_id), 303);
    });
  });
};
