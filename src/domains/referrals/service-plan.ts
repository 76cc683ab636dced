import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle } from '../people/service.ts';
import { episodeForWork, stalePlan } from './access.ts';
import { ITEM_KINDS, ITEM_STATUS, PLAN_END_REASONS, type PlanEndReason, REVIEW_DECISIONS } from './labels.ts';
import * as plans from './repository-plans.ts';
import type { ItemFields, ReviewFields } from './schema.ts';

type Problem = { field: string; message: string };

/** A plan that has ended is kept as it was. */
export class PlanEndedError extends StateError {
  constructor(endDate: string) {
    super(`This child in need plan ended on ${formatDate(endDate)}. An ended plan is kept as it was and cannot be changed.`);
  }
}

/** Opens a plan for work: social care staff on the child's open episode. */
export async function planForWork(ctx: RequestContext, planId: string, options: { auditView?: boolean; allowEnded?: boolean } = {}) {
  const plan = await plans.findPlan(ctx.db, planId);
  if (!plan) throw new NotFoundError();
  const { episode, decision } = await episodeForWork(ctx, plan.episode_id, 'socialcare.work', { auditView: options.auditView });
  if (plan.end_date && !options.allowEnded) throw new PlanEndedError(plan.end_date);
  return { plan, episode, decision };
}

export function itemProblems(plan: Pick<plans.PlanRow, 'start_date'>, input: Pick<ItemFields, 'dueDate'>): Problem[] {
  if (input.dueDate && input.dueDate < plan.start_date) return [{ field: 'dueDate', message: `The due date must be on or after the plan started (${formatDate(plan.start_date)})` }];
  return [];
}

async function checkAgency(db: Kysely<Database>, agencyId: string | null | undefined) {
  if (agencyId && !(await plans.findAgency(db, agencyId))) throw new BadRequestError('Select an agency from the list');
}

/** Adds an outcome the plan aims for, or an action towards it with who does it and by when. Once per key. */
export async function addItem(ctx: RequestContext, planId: string, input: ItemFields & { idempotencyKey: string | null }): Promise<{ id: string; replayed: boolean }> {
  const { plan, decision } = await planForWork(ctx, planId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'cin_plan_item' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  const problems = itemProblems(plan, input);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  await checkAgency(ctx.db, input.agencyId);
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await plans.insertItem(trx, { id, plan_id: planId, kind: input.kind, description: input.description, owner: input.owner, agency_id: input.agencyId ?? null, due_date: input.dueDate, created_by: ctx.actor.id });
    await chronicle(trx, ctx, plan.person_id, 'cin_plan.changed', `Child in need plan: ${ITEM_KINDS[input.kind].toLowerCase()} added: ${input.description}`, { type: 'cin_plan', id: planId });
    await auditChange(trx, ctx, 'socialcare.work', plan.person_id, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

export async function itemForWork(ctx: RequestContext, planId: string, itemId: string, options: { auditView?: boolean } = {}) {
  const found = await planForWork(ctx, planId, options);
  const item = await plans.findItem(ctx.db, planId, itemId);
  if (!item) throw new NotFoundError();
  return { ...found, item };
}

/** Changes an outcome or action (its wording, owner, date or whether it is done), at the version read. */
export async function updateItem(ctx: RequestContext, planId: string, itemId: string, input: ItemFields & { version: number }): Promise<void> {
  const { plan, item, decision } = await itemForWork(ctx, planId, itemId);
  if (item.version !== input.version) throw stalePlan();
  const problems = itemProblems(plan, input);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  await checkAgency(ctx.db, input.agencyId);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await plans.updateItemAtVersion(trx, itemId, input.version, { description: input.description, owner: input.owner, agency_id: input.agencyId ?? null, due_date: input.dueDate, status: input.status });
    if (!saved) throw stalePlan();
    const what = item.status !== input.status ? `marked ${ITEM_STATUS[input.status].toLowerCase()}` : 'changed';
    await chronicle(trx, ctx, plan.person_id, 'cin_plan.changed', `Child in need plan: ${ITEM_KINDS[item.kind].toLowerCase()} ${what}: ${input.description}`, { type: 'cin_plan', id: planId });
    await auditChange(trx, ctx, 'socialcare.work', plan.person_id, decision);
  });
}

/** Marks an outcome achieved or an action done, from the plan page. */
export async function completeItem(ctx: RequestContext, planId: string, itemId: string, version: number): Promise<void> {
  const { item } = await itemForWork(ctx, planId, itemId);
  if (item.status !== 'open') throw new StateError(`This ${ITEM_KINDS[item.kind].toLowerCase()} is already ${ITEM_STATUS[item.status].toLowerCase()}.`);
  await updateItem(ctx, planId, itemId, { kind: item.kind, description: item.description, owner: item.owner, agencyId: item.agency_id, dueDate: item.due_date, status: 'done', version });
}

export function reviewProblems(plan: Pick<plans.PlanRow, 'start_date'>, input: Pick<ReviewFields, 'reviewDate' | 'nextReviewDue' | 'decision'>, today = ukToday()): Problem[] {
  const problems: Problem[] = [];
  if (input.reviewDate > today) problems.push({ field: 'reviewDate', message: 'The date the review was held must be today or in the past' });
  else if (input.reviewDate < plan.start_date) problems.push({ field: 'reviewDate', message: `The review must be on or after the plan started (${formatDate(plan.start_date)})` });
  if (input.nextReviewDue && input.nextReviewDue <= input.reviewDate) problems.push({ field: 'nextReviewDue', message: 'The next review must be after this review' });
  return problems;
}

/**
 * Records a review of the plan. The next review falls due by the timescales table (3 months) unless the review
 * set a date; a decision to end the plan leads to ending it, one for a strategy discussion to child protection.
 */
export async function recordReview(ctx: RequestContext, planId: string, input: ReviewFields & { idempotencyKey: string | null }): Promise<{ id: string; replayed: boolean }> {
  const { plan, decision } = await planForWork(ctx, planId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'cin_plan_review' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  if (plan.version !== input.version) throw stalePlan();
  const problems = reviewProblems(plan, input);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  const next = input.nextReviewDue || dueDate('cinPlanReview', input.reviewDate);
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    if (!(await plans.updatePlanAtVersion(trx, planId, input.version, { next_review_due: next }))) throw stalePlan();
    await plans.insertReview(trx, { id, plan_id: planId, review_date: input.reviewDate, progress: input.progress, decision: input.decision, next_review_due: input.decision === 'end_plan' ? null : next, created_by: ctx.actor.id });
    const then = input.decision === 'end_plan' ? '' : `. Next review due ${formatDate(next)}`;
    await chronicle(trx, ctx, plan.person_id, 'cin_plan.reviewed', `Child in need plan reviewed on ${formatDate(input.reviewDate)}: ${REVIEW_DECISIONS[input.decision].toLowerCase()}${then}`, { type: 'cin_plan', id: planId });
    await auditChange(trx, ctx, 'socialcare.work', plan.person_id, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

export function endProblems(plan: Pick<plans.PlanRow, 'start_date'>, endDate: string, today = ukToday()): Problem[] {
  if (endDate > today) return [{ field: 'endDate', message: 'The date the plan ended must be today or in the past' }];
  if (endDate < plan.start_date) return [{ field: 'endDate', message: `The plan cannot end before it started (${formatDate(plan.start_date)})` }];
  return [];
}

/** Ends the plan (the census's CINPlanEndDate). The episode stays open until a manager closes it. */
export async function endPlan(ctx: RequestContext, planId: string, input: { endDate: string; reason: PlanEndReason; version: number }): Promise<void> {
  const { plan, decision } = await planForWork(ctx, planId);
  if (plan.version !== input.version) throw stalePlan();
  const problems = endProblems(plan, input.endDate);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await plans.updatePlanAtVersion(trx, planId, input.version, { end_date: input.endDate, end_reason: PLAN_END_REASONS[input.reason] }))) throw stalePlan();
    await chronicle(trx, ctx, plan.person_id, 'cin_plan.ended', `Child in need plan ended on ${formatDate(input.endDate)}: ${PLAN_END_REASONS[input.reason].toLowerCase()}`, { type: 'cin_plan', id: planId });
    await auditChange(trx, ctx, 'socialcare.work', plan.person_id, decision);
  });
}

export const agencyChoices = (ctx: RequestContext) => plans.agencies(ctx.db);
