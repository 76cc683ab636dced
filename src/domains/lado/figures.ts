import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';
import { CATEGORIES, OUTCOMES, REFERRING_AGENCIES, SANCTIONS, SECTORS } from './labels.ts';
import * as repo from './repository.ts';

type Row = Awaited<ReturnType<typeof repo.casesForFigures>>[number];

export interface Table {
  caption: string;
  rows: { label: string; counts: number[]; total: number }[];
  totals: number[];
  grandTotal: number;
}

/** Counts by a code per financial year, every code in the set shown (as the annual report's tables do), plus any other. */
function table(caption: string, rows: Row[], years: string[], set: Record<string, string>, key: (r: Row) => string[]): Table {
  const codes = [...Object.keys(set), ...new Set(rows.flatMap(key).filter((k) => !(k in set)))];
  const counts = new Map(codes.map((c) => [c, years.map(() => 0)]));
  for (const r of rows) {
    const y = years.indexOf(financialYear(r.received_on));
    for (const k of key(r)) counts.get(k)![y]! += 1;
  }
  const out = codes.map((c) => ({ label: set[c] ?? c, counts: counts.get(c)!, total: counts.get(c)!.reduce((a, b) => a + b, 0) }));
  const totals = years.map((_, i) => out.reduce((sum, r) => sum + r.counts[i]!, 0));
  return { caption, rows: out, totals, grandTotal: totals.reduce((a, b) => a + b, 0) };
}

const average = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);

/**
 * The LADO's year-on-year figures, worked out from the cases: received, advice only against meetings, by
 * referring agency, sector, category and outcome, the initial consideration in time, and the average working days
 * from receipt to closure. The LADO sees every case, so no count is suppressed here.
 */
export async function ladoFigures(ctx: RequestContext) {
  authorise(ctx, 'lado.work');
  const rows = await repo.casesForFigures(ctx.db);
  const years = [...new Set(rows.map((r) => financialYear(r.received_on)))].sort();
  const byYear = (pick: (r: Row[]) => number | null) => years.map((y) => pick(rows.filter((r) => financialYear(r.received_on) === y)));
  const summary = [
    { label: 'Concerns received', values: byYear((rs) => rs.length) },
    { label: 'Advice only (threshold not met)', values: byYear((rs) => rs.filter((r) => r.decision === 'advice_only').length) },
    { label: 'Allegation management meetings (threshold met)', values: byYear((rs) => rs.filter((r) => r.decision === 'meeting').length) },
    { label: 'Awaiting initial consideration', values: byYear((rs) => rs.filter((r) => !r.decision).length) },
    { label: 'Initial consideration within 1 working day', values: byYear((rs) => rs.filter((r) => r.decided_on && r.decided_on <= r.consideration_due).length) },
    { label: 'Closed', values: byYear((rs) => rs.filter((r) => r.closed_on).length) },
    { label: 'Average working days to close: advice only', values: byYear((rs) => average(rs.filter((r) => r.closed_on && r.decision === 'advice_only').map((r) => workingDaysBetween(r.received_on, r.closed_on!)))) },
    { label: 'Average working days to close: meetings', values: byYear((rs) => average(rs.filter((r) => r.closed_on && r.decision === 'meeting').map((r) => workingDaysBetween(r.received_on, r.closed_on!)))) },
  ];
  const meetings = rows.filter((r) => r.decision === 'meeting');
  return {
    years,
    summary,
    tables: [
      table('Referrals by referring agency', rows, years, REFERRING_AGENCIES, (r) => [r.referring_agency]),
      table('Referrals by employing sector', rows, years, SECTORS, (r) => [r.sector]),
      table('Referrals by category', rows, years, CATEGORIES, (r) => [r.category]),
      table('Allegations that went to a meeting, by category', meetings, years, CATEGORIES, (r) => [r.category]),
      table('Outcomes of closed allegations', meetings.filter((r) => r.outcome), years, OUTCOMES, (r) => [r.outcome!]),
      table('Actions taken on closed allegations (a case can have several)', meetings.filter((r) => r.closed_on), years, SANCTIONS, (r) => r.sanctions),
    ],
  };
}
