import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { DECISIONS, notificationDue, RAGS } from './labels.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';
import { isOverdue } from './service-tracker.ts';

/**
 * The board's figures, worked out from the reviews and their actions: reviews by the financial year the partnership
 * became aware and by decision, actions by RAG status, and overdue actions by agency. Counts only, no names.
 */
export async function reviewFigures(ctx: RequestContext) {
  authorise(ctx, 'reviews.track');
  const today = ukToday();
  const reviews = await repo.allReviews(ctx.db);
  const years = [...new Set(reviews.map((r) => financialYear(r.aware_on)))].sort();
  const decisionKeys = [...Object.keys(DECISIONS), 'undecided'] as const;
  const decisionLabel = (k: string) => (k === 'undecided' ? 'Not yet decided' : DECISIONS[k as keyof typeof DECISIONS]);
  const byDecision = decisionKeys.map((k) => {
    const counts = years.map((y) => reviews.filter((r) => financialYear(r.aware_on) === y && (r.decision ?? 'undecided') === k).length);
    return { label: decisionLabel(k), counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  const totals = years.map((y) => reviews.filter((r) => financialYear(r.aware_on) === y).length);
  const notifiedInTime = years.map((y) => reviews.filter((r) => financialYear(r.aware_on) === y && r.notified_on && r.notified_on <= notificationDue(r)).length);
  const all = await actions.actionsWithReviews(ctx.db, {});
  const byRag = Object.entries(RAGS).map(([k, label]) => ({ label, count: all.filter((a) => a.rag === k).length }));
  const overdue = all.filter((a) => isOverdue(a, today));
  const agencies = [...new Set(all.map((a) => a.agency_name))].sort();
  const byAgency = agencies.map((name) => ({ name, open: all.filter((a) => a.agency_name === name && a.rag !== 'complete').length, overdue: overdue.filter((a) => a.agency_name === name).length }));
  return { years, byDecision, totals, notifiedInTime, byRag, actionCount: all.length, overdueCount: overdue.length, byAgency };
}
