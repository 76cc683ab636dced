import { type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { type Actor, isSocialCareStaff } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import * as repo from './repository.ts';
import { WORK_SOURCES } from './sources.ts';
import type { WorkItem, WorkQuery } from './work-item.ts';

export type WorkScope = 'mine' | 'team';

/** Managers see their team's work as well as their own. */
export const isManager = (actor: Actor) => actor.roles.includes('manager');

const STATUS_ORDER: Record<WorkItem['status'], number> = { overdue: 0, due: 1, on_track: 2, info: 3 };

/** Overdue first, then by due date (undated last), then by title: the order a busy worker takes them in. */
function byUrgency(a: WorkItem, b: WorkItem): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.title.localeCompare(b.title);
}

/** Every source's items for these users, each once; the daily reminders read the same list the inbox shows. */
export async function gather(query: WorkQuery): Promise<WorkItem[]> {
  const lists = await Promise.all(WORK_SOURCES.map((source) => source(query)));
  // Work addressed to an agency or a queue can reach the same user twice (say, as owner and as manager).
  const seen = new Set<string>();
  return lists.flat().filter((item) => {
    const key = `${item.kind}|${item.href}|${item.assigneeId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface WorkList {
  scope: WorkScope;
  items: (WorkItem & { assigneeName: string })[];
  counts: Record<WorkItem['status'], number>;
}

/**
 * The signed-in user's work, or a manager's team's. Worked out from the records' own due dates on every call, so
 * nothing has to be marked overdue by hand. A child's name shows only to someone who may open the record.
 */
export async function workList(ctx: RequestContext, scope: WorkScope, today = ukToday()): Promise<WorkList> {
  const team = scope === 'team' && isManager(ctx.actor) ? await repo.teamMembers(ctx.db, ctx.actor.id) : [];
  const people = team.length ? team : [{ id: ctx.actor.id, name: 'You', agencyId: ctx.actor.agencyId }];
  const items = await gather({
    db: ctx.db,
    userIds: people.map((p) => p.id),
    agencyIds: [...new Set(people.map((p) => p.agencyId))],
    frontDoor: isSocialCareStaff(ctx.actor),
    today,
  });
  const names = new Map(people.map((p) => [p.id, p.id === ctx.actor.id ? 'You' : p.name]));
  const visible = await viewablePeople(ctx, items.flatMap((item) => (item.personId ? [item.personId] : [])));
  const shown = items.sort(byUrgency).map((item) => ({
    ...item,
    subject: item.personId && !visible.has(item.personId) ? 'A child you cannot see' : item.subject,
    assigneeName: names.get(item.assigneeId) ?? 'Your agency',
  }));
  const counts = { overdue: 0, due: 0, on_track: 0, info: 0 };
  for (const item of shown) counts[item.status] += 1;
  return { scope: team.length ? 'team' : 'mine', items: shown, counts };
}

/** The figures beside "Your work" in the header: the signed-in user's own overdue and total open items. */
export async function workCounts(ctx: RequestContext, today = ukToday()): Promise<{ overdue: number; total: number }> {
  const items = await gather({ db: ctx.db, userIds: [ctx.actor.id], agencyIds: [ctx.actor.agencyId], frontDoor: isSocialCareStaff(ctx.actor), today, countOnly: true });
  return { overdue: items.filter((i) => i.status === 'overdue').length, total: items.length };
}
