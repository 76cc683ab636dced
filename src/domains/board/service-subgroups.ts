import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import * as repo from './repository.ts';
import type { SubgroupInput, WorkItemInput, WorkStatusInput } from './schema.ts';

/** The board's sub-groups: who chairs them, their terms of reference and members, and their work plans. */

export async function subgroupList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  const groups = await ctx.db.selectFrom('board_subgroups').selectAll().orderBy('name').execute();
  const items = await ctx.db.selectFrom('board_work_items').select(['subgroup_id', 'status']).execute();
  return groups.map((g) => ({ ...g, items: items.filter((i) => i.subgroup_id === g.id).length, done: items.filter((i) => i.subgroup_id === g.id && i.status === 'done').length }));
}

export async function subgroupFor(ctx: RequestContext, id: string) {
  const group = await ctx.db.selectFrom('board_subgroups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!group) throw new NotFoundError();
  return group;
}

/** A sub-group with its work plan, each item linked to the business-plan priority it serves; late items flagged. */
export async function subgroupPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const group = await subgroupFor(ctx, id);
  const today = ukToday();
  const items = await ctx.db
    .selectFrom('board_work_items as i')
    .leftJoin('board_priorities as p', 'p.id', 'i.priority_id')
    .leftJoin('board_plans as l', 'l.id', 'p.plan_id')
    .selectAll('i')
    .select(['p.number as priority_number', 'p.title as priority_title', 'l.id as plan_id'])
    .where('i.subgroup_id', '=', id)
    .orderBy('i.due_on')
    .execute();
  return {
    group,
    members: group.members.split('\n').map((m) => m.trim()).filter(Boolean),
    items: items.map((i) => ({ ...i, overdue: i.status !== 'done' && i.due_on < today })),
    mayManage: ctx.actor.roles.includes('business_manager'),
  };
}

export async function addSubgroup(ctx: RequestContext, input: SubgroupInput): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const made = await ctx.db.insertInto('board_subgroups')
    .values({ name: input.name, chair: input.chair, terms_of_reference: input.termsOfReference, members: input.members ?? '', created_by: ctx.actor.id })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!made) throw new FieldProblem('name', 'There is already a sub-group with this name');
  return made.id;
}

export async function addWorkItem(ctx: RequestContext, subgroupId: string, input: WorkItemInput, key: string): Promise<void> {
  authorise(ctx, 'partnership.manage');
  await subgroupFor(ctx, subgroupId);
  if (input.priorityId && !(await ctx.db.selectFrom('board_priorities').select('id').where('id', '=', input.priorityId).executeTakeFirst())) throw new FieldProblem('priorityId', 'Select a priority from the list');
  await repo.insertOnce(ctx.db, 'board_work_items', key, { subgroup_id: subgroupId, what: input.what, owner: input.owner, due_on: input.dueOn, status: input.status, priority_id: input.priorityId, created_by: ctx.actor.id });
}

export async function workItemFor(ctx: RequestContext, id: string) {
  const item = await ctx.db.selectFrom('board_work_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) throw new NotFoundError();
  return item;
}

export async function updateWorkStatus(ctx: RequestContext, id: string, input: WorkStatusInput): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const item = await workItemFor(ctx, id);
  if (!(await updateAtVersion(ctx.db, 'board_work_items', id, input.version, { status: input.status }))) {
    throw new ConflictError('Someone else changed this work item after you opened it. Your change has not been saved: look at the work plan as it is now and try again.');
  }
  return item.subgroup_id;
}
