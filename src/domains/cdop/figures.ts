import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { daysBetween, median } from './clocks.ts';
import { AGE_BANDS, ageBand, CATEGORIES, EXPECTATIONS, FACTOR_DOMAINS, MODIFIABLE, PLACES } from './labels.ts';
import * as repo from './repository.ts';

type Row = Awaited<ReturnType<typeof repo.casesForFigures>>[number];

export interface Table {
  caption: string;
  /** What the years are counted by: the year of death or the year of the review. */
  note: string;
  rows: { label: string; counts: number[]; total: number }[];
  totals: number[];
  grandTotal: number;
}

/** Counts by a code per financial year, every code in the set shown (as the annual reports' tables do). */
function table(caption: string, note: string, rows: Row[], years: string[], yearOf: (r: Row) => string | null, set: Record<string, string>, key: (r: Row) => string[]): Table {
  const codes = [...Object.keys(set), ...new Set(rows.flatMap(key).filter((k) => !(k in set)))];
  const counts = new Map(codes.map((c) => [c, years.map(() => 0)]));
  for (const r of rows) {
    const on = yearOf(r);
    const y = on ? years.indexOf(financialYear(on)) : -1;
    if (y < 0) continue;
    for (const k of key(r)) counts.get(k)![y]! += 1;
  }
  const out = codes.map((c) => ({ label: set[c] ?? c, counts: counts.get(c)!, total: counts.get(c)!.reduce((a, b) => a + b, 0) }));
  const totals = years.map((_, i) => out.reduce((sum, r) => sum + r.counts[i]!, 0));
  return { caption, note, rows: out, totals, grandTotal: totals.reduce((a, b) => a + b, 0) };
}

const bandOf = (r: Row) => (r.date_of_birth ? [ageBand(r.date_of_birth, r.died_on)] : []);

/**
 * The panel's annual analysis, as its annual report sets it out, by financial year: deaths notified by the year
 * the child died (age, expected or not, place), and reviews by the year the panel completed them (category,
 * modifiable factors, time from death to review). The panel sees every case, so no count is suppressed here;
 * published tables suppress small numbers through the figures capability.
 */
export async function cdopFigures(ctx: RequestContext) {
  authorise(ctx, 'cdop.work');
  const rows = await repo.casesForFigures(ctx.db);
  const years = [...new Set(rows.flatMap((r) => [financialYear(r.died_on), ...(r.reviewed_on ? [financialYear(r.reviewed_on)] : [])]))].sort();
  const died = (y: string) => rows.filter((r) => financialYear(r.died_on) === y);
  const reviewed = (y: string) => rows.filter((r) => r.reviewed_on && financialYear(r.reviewed_on) === y);
  const byYear = (pick: (y: string) => number | null) => years.map(pick);
  const summary = [
    { label: 'Deaths notified (year of death)', values: byYear((y) => died(y).length) },
    { label: 'Unexpected deaths', values: byYear((y) => died(y).filter((r) => r.expectation === 'unexpected').length) },
    { label: 'Joint agency responses held', values: byYear((y) => died(y).filter((r) => r.rapid_response === 'held').length) },
    { label: 'Reviews completed (year of review)', values: byYear((y) => reviewed(y).length) },
    { label: 'Reviews finding modifiable factors', values: byYear((y) => reviewed(y).filter((r) => r.modifiable === 'yes').length) },
    { label: 'Reviews sent to the National Child Mortality Database', values: byYear((y) => reviewed(y).filter((r) => r.ncmd_notified).length) },
    { label: 'Median days from death to review', values: byYear((y) => median(reviewed(y).map((r) => daysBetween(r.died_on, r.reviewed_on!)))) },
  ];
  const done = rows.filter((r) => r.reviewed_on);
  const deathYear = (r: Row) => r.died_on;
  const reviewYear = (r: Row) => r.reviewed_on;
  return {
    years,
    summary,
    tables: [
      table('Deaths notified by age at death', 'By the year the child died', rows, years, deathYear, AGE_BANDS, bandOf),
      table('Deaths notified: expected and unexpected', 'By the year the child died', rows, years, deathYear, EXPECTATIONS, (r) => [r.expectation]),
      table('Deaths notified by place of death', 'By the year the child died', rows, years, deathYear, PLACES, (r) => [r.place]),
      table('Reviews completed by age at death', 'By the year the panel completed the review', done, years, reviewYear, AGE_BANDS, bandOf),
      table('Reviews completed by category of death', 'By the year the panel completed the review', done, years, reviewYear, CATEGORIES, (r) => (r.category ? [r.category] : [])),
      table('Modifiable factors identified', 'By the year the panel completed the review', done, years, reviewYear, MODIFIABLE, (r) => (r.modifiable ? [r.modifiable] : [])),
      table('Domains of the modifiable factors (a review can name several)', 'By the year the panel completed the review', done.filter((r) => r.modifiable === 'yes'), years, reviewYear, FACTOR_DOMAINS, (r) => r.factor_domains),
    ],
  };
}
