import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';
import { RESOLUTIONS, STAGES } from './labels.ts';
import * as repo from './repository.ts';

type Row = Awaited<ReturnType<typeof repo.disagreementsForFigures>>[number];

export interface Table {
  caption: string;
  rows: { label: string; counts: number[]; total: number }[];
  totals: number[];
  grandTotal: number;
}

/** Counts by a label per financial year; `order` fixes the rows shown even when a year has none of them. */
function table(caption: string, rows: Row[], years: string[], key: (r: Row) => string, order: readonly string[] = []): Table {
  const labels = [...new Set([...order, ...rows.map(key).sort()])];
  const counts = new Map(labels.map((l) => [l, years.map(() => 0)]));
  for (const r of rows) counts.get(key(r))![years.indexOf(financialYear(r.raised_on))]! += 1;
  const out = labels.map((label) => ({ label, counts: counts.get(label)!, total: counts.get(label)!.reduce((a, b) => a + b, 0) }));
  const totals = years.map((_, i) => out.reduce((sum, r) => sum + r.counts[i]!, 0));
  return { caption, rows: out, totals, grandTotal: totals.reduce((a, b) => a + b, 0) };
}

/** The middle value (the mean of the middle two when even), or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The partnership's figures on professional disagreements by the financial year each was raised: how many, by
 * the agency raising and the agency it was about, the highest stage reached, how they ended, and the median working
 * days from raising to resolution. Counts of disagreements between agencies, no child and no practitioner named.
 */
export async function disagreementFigures(ctx: RequestContext) {
  authorise(ctx, 'aggregates.view');
  const rows = await repo.disagreementsForFigures(ctx.db);
  const years = [...new Set(rows.map((r) => financialYear(r.raised_on)))].sort();
  const byYear = (pick: (rs: Row[]) => number | null) => years.map((y) => pick(rows.filter((r) => financialYear(r.raised_on) === y)));
  const resolved = rows.filter((r) => r.status === 'resolved');
  const summary = [
    { label: 'Disagreements raised', values: byYear((rs) => rs.length) },
    { label: 'Resolved', values: byYear((rs) => rs.filter((r) => r.status === 'resolved').length) },
    { label: 'Withdrawn', values: byYear((rs) => rs.filter((r) => r.status === 'withdrawn').length) },
    { label: 'Still open', values: byYear((rs) => rs.filter((r) => r.status === 'open').length) },
    { label: 'Escalated beyond stage 1', values: byYear((rs) => rs.filter((r) => r.stage > 1).length) },
    { label: 'Median working days to resolve', values: byYear((rs) => median(rs.filter((r) => r.status === 'resolved').map((r) => workingDaysBetween(r.raised_on, r.closed_on!)))) },
  ];
  const stage = (r: Row) => STAGES[r.stage]!.label;
  return {
    years,
    summary,
    tables: [
      table('Raised by agency', rows, years, (r) => r.raised_by),
      table('About which agency’s decision', rows, years, (r) => r.about),
      table('Highest stage reached', rows, years, stage, Object.values(STAGES).map((s) => s.label)),
      table('How resolved disagreements ended', resolved, years, (r) => RESOLUTIONS[r.resolution as keyof typeof RESOLUTIONS] ?? 'Other', Object.values(RESOLUTIONS)),
    ],
  };
}
