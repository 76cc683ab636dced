import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { financialYearStart } from '../../../platform/calendar/financial-year.ts';
import { breakdownKeys, keySql, snapshotDates } from './breakdowns.ts';
import type { Breakdown, Indicator, Period, PeriodSql } from './types.ts';

/** One figure: the rows counted, those in the numerator, the distinct people, and the indicator's value for them. */
export interface Cell {
  /** One key per breakdown asked for; null where this cell is the total over that breakdown. */
  keys: (string | null)[];
  rows: number;
  counted: number;
  people: number;
  /** The count, the people, or the percentage (null with no rows to take a share of). */
  value: number | null;
}

export interface Evaluation {
  indicator: Indicator;
  period: Period;
  breakdowns: Breakdown[];
  /** None of the indicator's tables holds anything: the capability is not in use here. */
  noData: boolean;
  /** Every combination of keys (and the totals over each breakdown), including zero rows for keys always shown. */
  cells: Cell[];
  /** The figure for the whole period (a snapshot broken down by date: on its last day). */
  total: Cell;
  /** Per 10,000 children aged 0–17, for indicators that show a rate and when a population estimate exists. */
  rate: number | null;
  population: Population | null;
}

export interface Population {
  /** The mid-year estimate used (the latest on or before the financial year the period ends in). */
  year: number;
  total: number;
}

const TIME: Breakdown[] = ['month', 'quarter'];
const PERSON: Breakdown[] = ['age_band', 'gender', 'ethnicity_group', 'ethnicity'];
const literal = (iso: string) => sql`${iso}::date`;
const oneYearBefore = (to: RawBuilder<unknown>) => sql`(${to} - interval '1 year' + interval '1 day')::date`;

/** The period a figure counts over: a rolling 12 months is the year to the period's last day, whatever its start. */
function periodSql(indicator: Indicator, to: RawBuilder<unknown>, from: RawBuilder<unknown>): PeriodSql {
  return indicator.periodType === 'rolling12' ? { from: oneYearBefore(to), to } : { from, to };
}

/**
 * The indicator's rows with a key column per breakdown (k0, k1). A snapshot or rolling figure broken down by month or
 * quarter is taken at each date, in one query (the period is a lateral join over the dates).
 */
function keyed(indicator: Indicator, period: Period, breakdowns: Breakdown[]): RawBuilder<unknown> {
  const timeIndex = breakdowns.findIndex((b) => TIME.includes(b));
  const dated = timeIndex >= 0 && indicator.periodType !== 'flow';
  const keys = breakdowns.map((b, i) => (dated && i === timeIndex ? sql`to_char(d.at, 'YYYY-MM-DD')` : keySql(b, indicator)));
  const needsPerson = breakdowns.some((b) => PERSON.includes(b));
  const columns = sql.join(keys.map((k, i) => sql`${k} AS ${sql.ref(`k${i}`)}`));
  const select = keys.length ? sql`, ${columns}` : sql``;
  const person = needsPerson ? sql`LEFT JOIN people p ON p.id = u.person_id` : sql``;
  if (dated) {
    const dates = snapshotDates(period, breakdowns[timeIndex] as 'month' | 'quarter');
    const values = sql.join(dates.map((d) => sql`(${literal(d)})`));
    const units = indicator.units(periodSql(indicator, sql`d.at`, literal(period.from)));
    return sql`SELECT u.record_id, u.person_id, u.counted, u.dated${select} FROM (VALUES ${values}) AS d(at) CROSS JOIN LATERAL (${units}) u ${person}`;
  }
  const units = indicator.units(periodSql(indicator, literal(period.to), literal(period.from)));
  return sql`SELECT u.record_id, u.person_id, u.counted, u.dated${select} FROM (${units}) u ${person}`;
}

const valueOf = (indicator: Indicator, rows: number, counted: number, people: number): number | null =>
  indicator.measure === 'percent' ? (rows ? Math.round((1000 * counted) / rows) / 10 : null) : indicator.measure === 'people' ? people : rows;

/** Whether the capability holds any record at all: asked inside the figure's own query (an init plan, run once). */
const anyRecords = (indicator: Indicator) => sql`(${sql.join(indicator.tables.map((t) => sql`EXISTS (SELECT 1 FROM ${sql.table(t)})`), sql` OR `)})`;

/** The population estimate a period's rates divide by. */
export async function populationFor(db: Kysely<Database>, period: Period): Promise<Population | null> {
  const wanted = financialYearStart(period.to);
  const { rows } = await sql<{ year: number; total: string }>`
    SELECT year, sum(count) AS total FROM population_estimates
    WHERE year = (SELECT max(year) FROM population_estimates WHERE year <= ${wanted}) GROUP BY year`.execute(db);
  return rows[0] ? { year: Number(rows[0].year), total: Number(rows[0].total) } : null;
}

/**
 * Works out one indicator for a period, whole and split by up to two breakdowns, in one query over the records.
 */
export async function evaluate(
  db: Kysely<Database>,
  indicator: Indicator,
  period: Period,
  breakdowns: Breakdown[] = [],
  /** The population for the period, when the caller (a report of many figures) has already looked it up. */
  options: { population?: Population | null } = {},
): Promise<Evaluation> {
  for (const b of breakdowns) if (!indicator.breakdowns.includes(b)) throw new Error(`${indicator.id} cannot be broken down by ${b}`);
  if (breakdowns.length > 2 || new Set(breakdowns).size < breakdowns.length) throw new Error('At most two different breakdowns');
  const [population, { cells: found, present }] = await Promise.all([
    !indicator.ratePer10k ? null : options.population !== undefined ? options.population : populationFor(db, period),
    breakdowns.includes('incidents') ? incidentCells(db, indicator, period, breakdowns) : groupedCells(db, indicator, period, breakdowns),
  ]);
  const noData = !present;
  const cells = withEmptyKeys(indicator, period, breakdowns, found);
  const timeIndex = breakdowns.findIndex((b) => TIME.includes(b));
  const total =
    timeIndex >= 0 && indicator.periodType !== 'flow'
      ? (cells.find((c) => c.keys.every((k, i) => (i === timeIndex ? k === period.to : k === null))) ?? emptyCell(indicator, breakdowns.map(() => null)))
      : (cells.find((c) => c.keys.every((k) => k === null)) ?? emptyCell(indicator, breakdowns.map(() => null)));
  const rate = population && population.total > 0 && total.value !== null ? Math.round((100_000 * total.value) / population.total) / 10 : null;
  return { indicator, period, breakdowns, noData, cells, total, rate, population };
}

interface Found {
  cells: Cell[];
  /** Whether the capability holds any record (see anyRecords). */
  present: boolean;
}

async function groupedCells(db: Kysely<Database>, indicator: Indicator, period: Period, breakdowns: Breakdown[]): Promise<Found> {
  const ks = breakdowns.map((_, i) => sql.ref(`k${i}`));
  const sets = breakdowns.length === 2 ? sql`((k0, k1), (k0), (k1), ())` : breakdowns.length === 1 ? sql`((k0), ())` : sql`(())`;
  const keyColumns = ks.length ? sql`${sql.join(ks)}, GROUPING(${sql.join(ks)}) AS g,` : sql`0 AS g,`;
  const { rows } = await sql<Record<string, string | number | boolean | null>>`
    SELECT ${keyColumns} count(*) AS rows, count(*) FILTER (WHERE counted) AS counted, count(DISTINCT person_id) AS people,
      ${anyRecords(indicator)} AS present
    FROM (${keyed(indicator, period, breakdowns)}) x GROUP BY GROUPING SETS ${sets}`.execute(db);
  // The empty grouping set always gives a row, even over no records, so `present` is always read.
  const present = rows.some((r) => r.present === true);
  const cells = rows.map((r) => {
    const g = Number(r.g);
    // GROUPING's bits: the first key is the high bit; a set bit means "totalled over".
    const keys = breakdowns.map((_, i) => ((g >> (breakdowns.length - 1 - i)) & 1 ? null : String(r[`k${i}`])));
    return cell(indicator, keys, Number(r.rows), Number(r.counted), Number(r.people));
  });
  return { cells, present };
}

/**
 * How many times each person appears (1, 2, … 10 or more), counted per person and, with another breakdown, per
 * person and key: a child missing twice from care and once from home is "2" in care and "1" at home.
 */
async function incidentCells(db: Kysely<Database>, indicator: Indicator, period: Period, breakdowns: Breakdown[]): Promise<Found> {
  const other = breakdowns.find((b) => b !== 'incidents');
  const key = other ? sql`k0, ` : sql``;
  const { rows } = await sql<{ k0?: string; times: string; g: number; people: string; rows: string; present: boolean }>`
    SELECT ${key}times, GROUPING(${key}times) AS g, count(*) AS people, coalesce(sum(n), 0) AS rows, ${anyRecords(indicator)} AS present FROM (
      SELECT ${key}least(count(*), 10)::text AS times, count(*) AS n FROM (${keyed(indicator, period, other ? [other] : [])}) x GROUP BY ${key}person_id) per
    GROUP BY GROUPING SETS ${other ? sql`((k0, times), (k0), (times), ())` : sql`((times), ())`}`.execute(db);
  const cells = rows.map((r) => {
    const g = Number(r.g);
    const times = g & 1 ? null : r.times;
    const keys = !other ? [times] : breakdowns[0] === 'incidents' ? [times, g & 2 ? null : r.k0!] : [g & 2 ? null : r.k0!, times];
    return { keys, rows: Number(r.rows), counted: Number(r.rows), people: Number(r.people), value: Number(r.people) };
  });
  return { cells, present: rows.some((r) => r.present === true) };
}

const cell = (indicator: Indicator, keys: (string | null)[], rows: number, counted: number, people: number): Cell => ({
  keys,
  rows,
  counted,
  people,
  value: valueOf(indicator, rows, counted, people),
});
const emptyCell = (indicator: Indicator, keys: (string | null)[]) => cell(indicator, keys, 0, 0, 0);

/** Adds a zero cell for every key a breakdown always shows (each month, each age band) that had no rows. */
function withEmptyKeys(indicator: Indicator, period: Period, breakdowns: Breakdown[], cells: Cell[]): Cell[] {
  if (!breakdowns.length) return cells.length ? cells : [emptyCell(indicator, [])];
  const keyLists = breakdowns.map((b, i) =>
    [...breakdownKeys(b, indicator, period, sortedByRows(cells, i)), null],
  );
  const combos: (string | null)[][] = keyLists.length === 1 ? keyLists[0]!.map((k) => [k]) : keyLists[0]!.flatMap((a) => keyLists[1]!.map((b) => [a, b]));
  const index = new Map(cells.map((c) => [JSON.stringify(c.keys), c]));
  return combos.map((keys) => index.get(JSON.stringify(keys)) ?? emptyCell(indicator, keys));
}

/** The keys found for breakdown i, largest first (for breakdowns whose keys come from the records). */
function sortedByRows(cells: Cell[], i: number): string[] {
  return cells
    .filter((c) => c.keys[i] !== null && c.keys.every((k, j) => j === i || k === null))
    .sort((a, b) => b.rows - a.rows || String(a.keys[i]).localeCompare(String(b.keys[i])))
    .map((c) => c.keys[i]!);
}

/** Finds the cell for the given keys (null for "all"). */
export const cellAt = (evaluation: Evaluation, ...keys: (string | null)[]): Cell | undefined =>
  evaluation.cells.find((c) => c.keys.length === keys.length && c.keys.every((k, i) => k === keys[i]));

/** The records behind one figure: the rows with the given keys (the numerator's only, for a percentage, if asked). */
export async function recordsBehind(
  db: Kysely<Database>,
  indicator: Indicator,
  period: Period,
  filters: { breakdown: Breakdown; key: string }[],
  options: { countedOnly?: boolean; limit?: number } = {},
): Promise<{ total: number; rows: { record_id: string; person_id: string | null; dated: string }[] }> {
  const breakdowns = filters.map((f) => f.breakdown);
  const where = filters.map((f, i) => sql`${sql.ref(`k${i}`)} = ${f.key}`);
  if (options.countedOnly) where.push(sql`counted`);
  const condition = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const { rows } = await sql<{ record_id: string; person_id: string | null; dated: string; total: string }>`
    SELECT record_id::text, person_id::text, to_char(dated, 'YYYY-MM-DD') AS dated, count(*) OVER () AS total
    FROM (${keyed(indicator, period, breakdowns)}) x ${condition} ORDER BY x.dated DESC, record_id LIMIT ${options.limit ?? 200}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _, ...row }) => row) };
}
