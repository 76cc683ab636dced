import { sql } from 'kysely';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { Kysely } from 'kysely';
import { isOverdue, planSummary } from './figures.ts';
import * as repo from './repository.ts';
import type { ActionInput, PlanInput, PriorityInput, ProgressInput } from './schema.ts';

/**
 * The business plan: for a plan period, the board's priorities and the actions under each, with an owner agency, a
 * named lead, the sub-group responsible, a due date and a RAG status. Complete needs evidence. A plan whose period
 * has ended is kept as it was, read-only; a new plan may carry the open actions forward.
 */

export const isClosed = (plan: { ends_on: string }, today = ukToday()) => plan.ends_on < today;

export async function planList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  const today = ukToday();
  const plans = await ctx.db.selectFrom('board_plans').selectAll().orderBy('starts_on', 'desc').execute();
  return plans.map((p) => ({ ...p, closed: isClosed(p, today) }));
}

export async function planFor(db: Kysely<Database>, id: string) {
  const plan = await db.selectFrom('board_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw new NotFoundError();
  return plan;
}

function actionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('board_actions as a')
    .innerJoin('board_priorities as p', 'p.id', 'a.priority_id')
    .innerJoin('agencies as g', 'g.id', 'a.agency_id')
    .leftJoin('board_subgroups as s', 's.id', 'a.subgroup_id')
    .selectAll('a')
    .select(['p.plan_id', 'p.number as priority_number', 'p.title as priority_title', 'g.name as agency_name', 's.name as subgroup_name']);
}

/** A plan with its priorities, every action (overdue ones flagged) and the summary by priority and RAG. */
export async function planPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const today = ukToday();
  const plan = await planFor(ctx.db, id);
  const priorities = await ctx.db.selectFrom('board_priorities').selectAll().where('plan_id', '=', id).orderBy('number').execute();
  const actions = (await actionsQuery(ctx.db).where('p.plan_id', '=', id).orderBy('p.number').orderBy('a.due_on').execute()).map((a) => ({ ...a, overdue: isOverdue(a, today) }));
  return {
    plan: { ...plan, closed: isClosed(plan, today) },
    priorities: priorities.map((p) => ({ ...p, actions: actions.filter((a) => a.priority_id === p.id) })),
    summary: planSummary(priorities, actions, today),
    overdue: actions.filter((a) => a.overdue),
    mayManage: ctx.actor.roles.includes('business_manager'),
  };
}

export async function priorityFor(ctx: RequestContext, id: string) {
  const priority = await ctx.db.selectFrom('board_priorities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!priority) throw new NotFoundError();
  return { priority, plan: await planFor(ctx.db, priority.plan_id) };
}

export async function actionFor(ctx: RequestContext, id: string) {
  const action = await actionsQuery(ctx.db).where('a.id', '=', id).executeTakeFirst();
  if (!action) throw new NotFoundError();
  return action;
}

export async function actionPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const action = await actionFor(ctx, id);
  const plan = await planFor(ctx.db, action.plan_id);
  const updates = await ctx.db.selectFrom('board_action_updates as u').leftJoin('users as w', 'w.id', 'u.created_by').select(['u.recorded_on', 'u.rag', 'u.note', 'u.created_at', 'w.name as by']).where('u.action_id', '=', id).orderBy('u.created_at').execute();
  return { action: { ...action, overdue: isOverdue(action, ukToday()) }, plan: { ...plan, closed: isClosed(plan) }, updates, mayManage: ctx.actor.roles.includes('business_manager') };
}

const refuseClosed = (plan: { ends_on: string }) => {
  if (isClosed(plan)) throw new StateError('This business plan’s period has ended, so it is kept as it was and cannot be changed. Carry open actions into a new plan instead.');
};

/**
 * A new plan for a period. Carrying forward from an earlier plan copies its priorities and every action not yet
 * complete (each pointing back at the one it continues), so the old plan stays exactly as it closed.
 */
export async function addPlan(ctx: RequestContext, input: PlanInput, key: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  if (input.endsOn <= input.startsOn) throw new FieldProblem('endsOn', 'The plan must end after it starts');
  if (input.copyFromId) await planFor(ctx.db, input.copyFromId).catch(() => { throw new FieldProblem('copyFromId', 'Select a plan from the list'); });
  return ctx.db.transaction().execute(async (trx) => {
    const { id, created } = await repo.insertOnce(trx, 'board_plans', key, { title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, copied_from_id: input.copyFromId, created_by: ctx.actor.id });
    if (!created || !input.copyFromId) return id;
    const priorities = await trx.selectFrom('board_priorities').selectAll().where('plan_id', '=', input.copyFromId).orderBy('number').execute();
    if (!priorities.length) return id;
    const open = await trx.selectFrom('board_actions').selectAll().where('priority_id', 'in', priorities.map((p) => p.id)).where('rag', '<>', 'complete').execute();
    for (const p of priorities) {
      const carried = open.filter((a) => a.priority_id === p.id);
      if (!carried.length) continue;
      const priority = await trx.insertInto('board_priorities').values({ plan_id: id, number: p.number, title: p.title, created_by: ctx.actor.id }).returning('id').executeTakeFirstOrThrow();
      for (const a of carried) {
        const copy = await trx.insertInto('board_actions').values({
          priority_id: priority.id, what: a.what, agency_id: a.agency_id, lead: a.lead, subgroup_id: a.subgroup_id, due_on: a.due_on < input.startsOn ? input.startsOn : a.due_on, rag: a.rag, evidence: null, completed_on: null, carried_from_id: a.id, created_by: ctx.actor.id,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('board_action_updates').values({ action_id: copy.id, recorded_on: ukToday(), rag: a.rag, note: 'Carried forward from the previous plan', created_by: ctx.actor.id }).execute();
      }
    }
    return id;
  });
}

export async function addPriority(ctx: RequestContext, planId: string, input: PriorityInput, key: string): Promise<void> {
  authorise(ctx, 'partnership.manage');
  refuseClosed(await planFor(ctx.db, planId));
  await ctx.db.transaction().execute(async (trx) => {
    // The next number in the plan; the unique (plan, number) pair refuses a second priority at the same number.
    const last = await trx.selectFrom('board_priorities').select(sql<number>`coalesce(max(number), 0)::int`.as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
    await repo.insertOnce(trx, 'board_priorities', key, { plan_id: planId, number: last.n + 1, title: input.title, created_by: ctx.actor.id });
  });
}

export async function addAction(ctx: RequestContext, priorityId: string, input: ActionInput, key: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const { priority, plan } = await priorityFor(ctx, priorityId);
  refuseClosed(plan);
  return ctx.db.transaction().execute(async (trx) => {
    const { id, created } = await repo.insertOnce(trx, 'board_actions', key, {
      priority_id: priority.id, what: input.what, agency_id: input.agencyId, lead: input.lead, subgroup_id: input.subgroupId, due_on: input.dueOn, rag: input.rag, evidence: null, completed_on: null, carried_from_id: null, created_by: ctx.actor.id,
    });
    if (created) await trx.insertInto('board_action_updates').values({ action_id: id, recorded_on: ukToday(), rag: input.rag, note: 'Action agreed', created_by: ctx.actor.id }).execute();
    return id;
  });
}

/**
 * A progress update at the version the user read. Complete needs the evidence and the date it was done (today or
 * before); a complete action is not reopened; every update is kept as history.
 */
export async function updateProgress(ctx: RequestContext, id: string, input: ProgressInput): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const action = await actionFor(ctx, id);
  refuseClosed(await planFor(ctx.db, action.plan_id));
  if (action.rag === 'complete') throw new StateError('This action is complete, so it can no longer be updated.');
  const complete = input.rag === 'complete';
  const evidence = input.evidence ?? action.evidence;
  if (complete && !evidence) throw new FieldProblem('evidence', 'Enter the evidence that the action is complete');
  if (complete && !input.completedOn) throw new FieldProblem('completedOn', 'Enter the date the action was completed');
  if (!complete && input.completedOn) throw new FieldProblem('completedOn', 'Leave the completion date blank unless the action is complete');
  const today = ukToday();
  if (input.completedOn && input.completedOn > today) throw new FieldProblem('completedOn', 'The date completed must be today or in the past');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateAtVersion(trx, 'board_actions', id, input.version, { rag: input.rag, evidence, completed_on: complete ? input.completedOn : null }))) {
      throw new ConflictError('Someone else updated this action after you opened it. Your update has not been saved: look at the action as it is now and try again.');
    }
    await trx.insertInto('board_action_updates').values({ action_id: id, recorded_on: today, rag: input.rag, note: input.note, created_by: ctx.actor.id }).execute();
    await recordAccess(trx, { userId: ctx.actor.id, action: 'board.action_progress', outcome: 'allowed', resourceType: 'board_action', resourceId: id, requestId: ctx.requestId });
  });
}

/** Choices for an action's sub-group and a work item's priority. */
export async function subgroupChoices(ctx: RequestContext) {
  return Object.fromEntries((await ctx.db.selectFrom('board_subgroups').select(['id', 'name']).orderBy('name').execute()).map((s) => [s.id, s.name]));
}

export async function openPriorityChoices(ctx: RequestContext) {
  const today = ukToday();
  const rows = await ctx.db.selectFrom('board_priorities as p').innerJoin('board_plans as l', 'l.id', 'p.plan_id').select(['p.id', 'p.number', 'p.title', 'l.title as plan']).where('l.ends_on', '>=', today).orderBy('l.starts_on').orderBy('p.number').execute();
  return Object.fromEntries(rows.map((p) => [p.id, `${p.plan}: ${p.number}. ${p.title}`]));
}
