import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { careLeaverCaseload } from '../care-leavers/caseload.ts';
import { childProtectionCaseload } from '../child-protection/caseload.ts';
import { childrenInCareCaseload } from '../children-in-care/caseload.ts';
import { isManager, type WorkList, workList } from '../inbox/service.ts';
import { personNames } from '../people/service.ts';
import { referralCaseload } from '../referrals/caseload.ts';
import type { CaseCategorySource } from './case-status.ts';
import { CASE_WEIGHTS, type CaseCategory, CATEGORY_ORDER } from './codes.ts';
import * as repo from './repository.ts';

const CATEGORY_SOURCES: readonly CaseCategorySource[] = [referralCaseload, childProtectionCaseload, childrenInCareCaseload, careLeaverCaseload];

export interface CaseloadChild {
  personId: string;
  name: string;
  category: CaseCategory;
  since: string;
}
export interface WorkerLoad {
  id: string;
  name: string;
  children: CaseloadChild[];
  weighted: number;
  byCategory: Partial<Record<CaseCategory, number>>;
  overdue: number;
  due: number;
}

/** The heaviest thing open for the child decides their weight (a child in care on a plan counts once). */
const heaviest = (categories: readonly CaseCategory[] | undefined): CaseCategory =>
  CATEGORY_ORDER.find((c) => categories?.includes(c)) ?? 'other';

/**
 * Caseloads: a manager sees every social care worker in their teams, a practitioner their own. Each child counts
 * once, weighted by the most demanding work open for them; overdue and due-soon counts come from the same work
 * items as the inbox, so the two never disagree.
 */
export async function caseloads(ctx: RequestContext, today = ukToday()): Promise<WorkerLoad[]> {
  authorise(ctx, 'caseload.view');
  return caseloadsWith(ctx, workList(ctx, isManager(ctx.actor) ? 'team' : 'mine', today));
}

/** Caseloads beside a work list being read already (the dashboard reads the team's work once for both). */
async function caseloadsWith(ctx: RequestContext, workRead: Promise<WorkList>): Promise<WorkerLoad[]> {
  // Awaited below, after other reads: marked as handled now so a failure is thrown there, not as an unhandled rejection.
  workRead.catch(() => undefined);
  const manager = isManager(ctx.actor);
  const workers = manager ? await repo.teamWorkers(ctx.db, ctx.actor.id) : [{ id: ctx.actor.id, name: 'You' }];
  const allocated = await repo.allocatedTo(ctx.db, workers.map((w) => w.id));
  const ids = allocated.map((a) => a.person_id);
  const [visible, names, work, ...sources] = await Promise.all([viewablePeople(ctx, ids), personNames(ctx.db, ids), workRead, ...CATEGORY_SOURCES.map((s) => s(ctx.db, ids))]);
  const categories = new Map<string, CaseCategory[]>();
  for (const source of sources) for (const [id, list] of source) categories.set(id, [...(categories.get(id) ?? []), ...list]);
  const itemsOf = new Map<string, WorkList['items']>();
  for (const item of work.items) itemsOf.set(item.assigneeId, [...(itemsOf.get(item.assigneeId) ?? []), item]);
  return workers.map((w) => {
    const children = allocated
      .filter((a) => a.worker_id === w.id)
      .map((a) => ({ personId: a.person_id, name: visible.has(a.person_id) ? (names.get(a.person_id) ?? 'Unknown') : 'A child you cannot see', category: heaviest(categories.get(a.person_id)), since: a.start_date }));
    const byCategory: Partial<Record<CaseCategory, number>> = {};
    for (const c of children) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    const items = itemsOf.get(w.id) ?? [];
    return {
      id: w.id,
      name: w.name,
      children,
      weighted: children.reduce((sum, c) => sum + CASE_WEIGHTS[c.category].weight, 0),
      byCategory,
      overdue: items.filter((i) => i.status === 'overdue').length,
      due: items.filter((i) => i.status === 'due').length,
    };
  });
}

/**
 * The team manager's dashboard: each worker's caseload beside their overdue and due-soon work, and the items
 * themselves grouped by worker, most overdue first.
 */
export async function teamDashboard(ctx: RequestContext, today = ukToday()) {
  authorise(ctx, 'caseload.allocate');
  const workRead = workList(ctx, 'team', today);
  const [loads, work] = await Promise.all([caseloadsWith(ctx, workRead), workRead]);
  const urgent = work.items.filter((i) => i.status === 'overdue' || i.status === 'due');
  return {
    loads,
    byWorker: loads.map((l) => ({ id: l.id, name: l.name, items: urgent.filter((i) => i.assigneeId === l.id) })).filter((g) => g.items.length),
    totals: { overdue: urgent.filter((i) => i.status === 'overdue').length, due: urgent.filter((i) => i.status === 'due').length },
  };
}
