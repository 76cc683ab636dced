import { authorise, mayViewPerson, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYearBounds } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personHeading } from '../people/service.ts';
import { daysBetween, returnClock } from './clocks.ts';
import { AGENCIES, AGE_BANDS, ageAtDeath, ageBand, CATEGORIES, CDOP_MACHINE, EXPECTATIONS, MODIFIABLE, stateOf } from './labels.ts';
import * as repo from './repository.ts';
import { auditRead, caseFor } from './service.ts';

export interface HistoryEntry {
  on: string;
  text: string;
  by: string | null;
}

const label = <T extends Record<string, string>>(set: T, code: string | null) => (code ? (set[code as keyof T] ?? code) : '');

/** The case page: the child, the death, the requests with their clocks, the review and the history. Audited as a read. */
export async function casePage(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  await auditRead(ctx, row.child_id);
  const today = ukToday();
  const child = await personHeading(ctx, row.child_id);
  const requests = await repo.requestsOf(ctx.db, [id]);
  const state = stateOf(row, requests);
  const names = await repo.userNames(ctx.db, [row.created_by, row.reviewed_by, ...requests.map((r) => r.created_by)].filter((u): u is string => Boolean(u)));
  return {
    row,
    state,
    stateLabel: CDOP_MACHINE.labels[state],
    child,
    age: child.dateOfBirth ? ageAtDeath(child.dateOfBirth, row.died_on) : null,
    // The child's record opens through the panel's involvement, which ends with the review.
    childRecordOpen: await mayViewPerson(ctx, row.child_id),
    requests: requests.map((r) => ({ ...r, clock: returnClock(r, today) })),
    outstanding: requests.filter((r) => !r.returned_on).length,
    daysToReview: row.reviewed_on ? daysBetween(row.died_on, row.reviewed_on) : null,
    daysSinceDeath: daysBetween(row.died_on, today),
    history: historyOf(row, requests, names),
  };
}

/** What happened on the case, oldest first, from its own rows (nothing is deleted, so nothing is lost). */
function historyOf(row: repo.CaseRow, requests: repo.RequestRow[], names: Map<string, string>): HistoryEntry[] {
  const by = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const entries: HistoryEntry[] = [
    { on: row.died_on, text: `Child died (${label(EXPECTATIONS, row.expectation).toLowerCase()})`, by: null },
    { on: row.notified_on, text: `Death notified by ${row.notifier_name}, ${label(AGENCIES, row.notifying_agency)}`, by: by(row.created_by) },
  ];
  if (row.rapid_response_on) entries.push({ on: row.rapid_response_on, text: 'Joint agency response held', by: null });
  for (const r of requests) {
    entries.push({ on: r.requested_on, text: `Information requested from ${label(AGENCIES, r.agency)}`, by: by(r.created_by) });
    if (r.returned_on) entries.push({ on: r.returned_on, text: `${label(AGENCIES, r.agency)} replied${r.not_held ? ': no information held' : ''}`, by: null });
  }
  if (row.reviewed_on) entries.push({ on: row.reviewed_on, text: `Reviewed by the panel: ${label(CATEGORIES, row.category)}; ${label(MODIFIABLE, row.modifiable).toLowerCase()}`, by: by(row.reviewed_by) });
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

export type ListFilter = { status: 'open' | 'reviewed' | 'all'; year: string | null };

/** The panel's list: deaths with where each review stands, filtered by status and the financial year of death. Names only: not audited as reads. */
export async function caseList(ctx: RequestContext, filter: ListFilter) {
  authorise(ctx, 'cdop.work');
  const today = ukToday();
  const bounds = filter.year ? financialYearBounds(filter.year) : null;
  const rows = await repo.casesWithChildren(ctx.db, { status: filter.status, from: bounds?.from ?? null, to: bounds?.to ?? null });
  const requests = await repo.requestsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => {
    const own = requests.filter((q) => q.case_id === r.id);
    const state = stateOf(r, own);
    const overdue = own.filter((q) => returnClock(q, today)?.status === 'overdue').length;
    return {
      id: r.id,
      child: `${r.given_name} ${r.family_name}`,
      ageBand: r.date_of_birth ? AGE_BANDS[ageBand(r.date_of_birth, r.died_on)] : '',
      diedOn: r.died_on,
      expectation: r.expectation,
      state,
      stateLabel: CDOP_MACHINE.labels[state],
      returned: own.filter((q) => q.returned_on).length,
      asked: own.length,
      overdue,
      category: r.category,
      days: daysBetween(r.died_on, r.reviewed_on ?? today),
    };
  });
}

/** A case for a form: the child's name heads the page, so it is audited as a read of the child's record. */
export async function formCase(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  await auditRead(ctx, row.child_id);
  const child = await personHeading(ctx, row.child_id);
  const requests = await repo.requestsOf(ctx.db, [id]);
  return { row, child, requests, state: stateOf(row, requests) };
}
