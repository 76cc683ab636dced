import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { INDICATORS, indicatorById } from './indicators/index.ts';
import type { Indicator } from './indicators/types.ts';

/**
 * Each indicator's target and comparators for a financial year (named by the year it starts in): the partnership's
 * target, the average of its statistical neighbours and the England figure, in the indicator's own unit (a
 * percentage, a count, or a rate per 10,000 children for indicators shown as rates). Kept by analysts
 * (`dataset.configure`); read by the dashboards and the annual report.
 */
export interface Benchmark {
  target: number | null;
  statisticalNeighbours: number | null;
  england: number | null;
  note: string;
}

/** One year's row as stored, with the version an edit must name (0 when the year has no row yet). */
export interface StoredBenchmark extends Benchmark {
  indicatorId: string;
  year: number;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** `numeric` arrives as text from PostgreSQL; null stays null. */
const numberOrNull = (value: string | number | null): number | null => (value === null ? null : Number(value));

/**
 * Every indicator's benchmark for a year, by indicator id. An indicator whose year has no target falls back to its
 * standing `target` (from its definition); comparators have no fallback. Rows for ids not (yet) in the registry are
 * kept too, so nothing an analyst typed disappears while an indicator is being renamed.
 */
export async function benchmarksFor(db: Kysely<Database>, year: number): Promise<Map<string, Benchmark>> {
  const rows = await db.selectFrom('indicator_benchmarks').select(['indicator_id', 'target', 'statistical_neighbours', 'england', 'note']).where('year', '=', year).execute();
  const stored = new Map(rows.map((r) => [r.indicator_id, r]));
  const result = new Map<string, Benchmark>();
  for (const indicator of INDICATORS) {
    const row = stored.get(indicator.id);
    result.set(indicator.id, {
      target: numberOrNull(row?.target ?? null) ?? indicator.target ?? null,
      statisticalNeighbours: numberOrNull(row?.statistical_neighbours ?? null),
      england: numberOrNull(row?.england ?? null),
      note: row?.note ?? '',
    });
  }
  for (const row of rows) {
    if (result.has(row.indicator_id)) continue;
    result.set(row.indicator_id, { target: numberOrNull(row.target), statisticalNeighbours: numberOrNull(row.statistical_neighbours), england: numberOrNull(row.england), note: row.note });
  }
  return result;
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['execute']>>[number];
const rowsOf = (db: Kysely<Database>, year: number) => db.selectFrom('indicator_benchmarks').selectAll().where('year', '=', year);
const storedOf = (row: Row): StoredBenchmark => ({
  indicatorId: row.indicator_id,
  year: row.year,
  target: numberOrNull(row.target),
  statisticalNeighbours: numberOrNull(row.statistical_neighbours),
  england: numberOrNull(row.england),
  note: row.note,
  version: row.version,
  updatedAt: new Date(row.updated_at),
  updatedBy: row.updated_by,
});

/** One year's rows exactly as stored (no fallback to standing targets), by indicator id: for the page that edits them. */
export async function storedBenchmarks(db: Kysely<Database>, year: number): Promise<Map<string, StoredBenchmark>> {
  return new Map((await rowsOf(db, year).execute()).map((r) => [r.indicator_id, storedOf(r)]));
}

/** One indicator's row for one year exactly as stored, or an empty one at version 0. */
export async function storedBenchmark(db: Kysely<Database>, indicatorId: string, year: number): Promise<StoredBenchmark> {
  const row = await rowsOf(db, year).where('indicator_id', '=', indicatorId).executeTakeFirst();
  if (!row) return { indicatorId, year, target: null, statisticalNeighbours: null, england: null, note: '', version: 0, updatedAt: null, updatedBy: null };
  return storedOf(row);
}

/**
 * A save that found the row moved on: when the row already says exactly this, saved by the same person (the same
 * form sent twice, a double click), it is done; otherwise someone else changed it first.
 */
async function replayOrConflict(db: Kysely<Database>, actorId: string, version: number, input: Benchmark & { indicatorId: string; year: number }): Promise<number> {
  const now = await storedBenchmark(db, input.indicatorId, input.year);
  const same = now.target === input.target && now.statisticalNeighbours === input.statisticalNeighbours && now.england === input.england && now.note === input.note;
  if (now.version === version + 1 && same && now.updatedBy === actorId) return now.version;
  throw changedFirst();
}

const changedFirst = () =>
  new ConflictError('Someone else changed this target or its comparators after you opened them. Your changes have not been saved: look at them as they are now and try again.');

/**
 * Saves one indicator's target and comparators for a year at the version the analyst read: version 0 creates the
 * row (refused if someone else created it meanwhile), any other version updates it only if it is still that
 * version. A ConflictError otherwise; nothing is overwritten unseen. The same form sent twice saves once. Returns
 * the new version.
 */
export async function saveBenchmark(db: Kysely<Database>, actorId: string, version: number, input: Benchmark & { indicatorId: string; year: number }): Promise<number> {
  // Ids are checked by the caller against the registry; this guards any other caller.
  if (!indicatorById(input.indicatorId)) throw new Error(`No indicator ${input.indicatorId}`);
  const values = { target: input.target, statistical_neighbours: input.statisticalNeighbours, england: input.england, note: input.note, updated_by: actorId };
  if (version === 0) {
    const inserted = await db
      .insertInto('indicator_benchmarks')
      .values({ indicator_id: input.indicatorId, year: input.year, ...values })
      .onConflict((oc) => oc.columns(['indicator_id', 'year']).doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!inserted) return replayOrConflict(db, actorId, version, input);
    return inserted.version;
  }
  const updated = await db
    .updateTable('indicator_benchmarks')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('indicator_id', '=', input.indicatorId)
    .where('year', '=', input.year)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) return replayOrConflict(db, actorId, version, input);
  return updated.version;
}

/**
 * The unit an indicator's target and comparators are in: a percentage for a percentage, a rate per 10,000 children
 * for a count also shown as a rate (comparators are published as rates, so authorities of any size compare), and
 * a plain number otherwise.
 */
export type BenchmarkUnit = 'percent' | 'rate' | 'count';
export const benchmarkUnit = (indicator: Pick<Indicator, 'measure' | 'ratePer10k'>): BenchmarkUnit =>
  indicator.measure === 'percent' ? 'percent' : indicator.ratePer10k ? 'rate' : 'count';

export const UNIT_LABELS: Record<BenchmarkUnit, string> = { percent: 'Percentage', rate: 'Rate per 10,000 children', count: 'Number' };

/** A figure in its unit, for a page or a report: "74%", "53.4 per 10,000", "1,250"; an empty string for none. */
export function formatBenchmark(value: number | null, unit: BenchmarkUnit): string {
  if (value === null) return '';
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit === 'percent' ? `${number}%` : unit === 'rate' ? `${number} per 10,000` : number;
}
