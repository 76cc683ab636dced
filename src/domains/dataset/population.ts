import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { BadRequestError, ConflictError, FieldProblem } from '../../platform/http/errors.ts';
import { claimIdempotencyKey } from '../../platform/http/idempotency.ts';
import { AGES, type YearEstimates, yearEstimates } from './schema-settings.ts';

/**
 * Population estimates: children by single year of age (0 to 17) on 30 June of each year, as the ONS publishes
 * them. Rates per 10,000 children (indicators/compute.ts `populationFor`) divide by a year's total. A year is saved
 * whole (all 18 ages in one transaction), so a rate never divides by half a year.
 *
 * The table has no version column: an edit names the `stamp` of the rows it read (a hash of the year's counts,
 * source and times changed), and is refused when the rows are no longer those.
 */

export interface PopulationYear {
  year: number;
  total: number;
  /** The ages held (18 for a year saved through Cairn; fewer only if loaded some other way). */
  ages: number;
  source: string;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface PopulationDetail extends PopulationYear {
  /** Children of each age, 0 to 17 (null for an age the year does not hold). */
  counts: (number | null)[];
  stamp: string;
}

export const POPULATION_RECORD = 'population_year';

/** Every year held, newest first, with its total aged 0 to 17. */
export async function listPopulationYears(db: Kysely<Database>): Promise<PopulationYear[]> {
  const rows = await db
    .selectFrom('population_estimates')
    .select((eb) => [
      'year',
      eb.fn.sum<string | number>('count').as('total'),
      eb.fn.countAll<string | number>().as('ages'),
      eb.fn.min('source').as('source'),
      eb.fn.max('updated_at').as('updated_at'),
      // The person who saved the year last: every row of a year is saved together, so any row says it.
      sql<string | null>`(array_agg(updated_by ORDER BY updated_at DESC))[1]`.as('updated_by'),
    ])
    .groupBy('year')
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.year, total: Number(r.total), ages: Number(r.ages), source: r.source, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }));
}

type Row = { age: number; count: number; source: string; updated_at: Date; updated_by: string | null };

const stampOf = (rows: Row[]) =>
  createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.age, r.count, r.source, new Date(r.updated_at).toISOString()])))
    .digest('hex');

async function yearRows(db: Kysely<Database>, year: number, lock = false): Promise<Row[]> {
  let query = db.selectFrom('population_estimates').select(['age', 'count', 'source', 'updated_at', 'updated_by']).where('year', '=', year).orderBy('age');
  if (lock) query = query.forUpdate();
  return query.execute();
}

/** One year by single year of age, with the stamp an edit must name; null when the year is not held. */
export async function populationYear(db: Kysely<Database>, year: number): Promise<PopulationDetail | null> {
  const rows = await yearRows(db, year);
  if (!rows.length) return null;
  const byAge = new Map(rows.map((r) => [r.age, r.count]));
  const latest = rows.reduce((a, b) => (new Date(b.updated_at) > new Date(a.updated_at) ? b : a));
  return {
    year,
    counts: AGES.map((age) => byAge.get(age) ?? null),
    total: rows.reduce((sum, r) => sum + r.count, 0),
    ages: rows.length,
    source: rows[0]!.source,
    updatedAt: new Date(latest.updated_at),
    updatedBy: latest.updated_by,
    stamp: stampOf(rows),
  };
}

function checked(input: YearEstimates): YearEstimates {
  const parsed = yearEstimates.safeParse(input);
  if (!parsed.success) throw new BadRequestError(`The population estimates are not valid: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Replaces a year's rows with these 18 counts (inside the caller's transaction). */
async function writeYear(trx: Kysely<Database>, actorId: string, estimates: YearEstimates, source: string): Promise<void> {
  await trx.deleteFrom('population_estimates').where('year', '=', estimates.year).execute();
  await trx
    .insertInto('population_estimates')
    .values(estimates.counts.map((count, age) => ({ year: estimates.year, age, count, source, updated_by: actorId, updated_at: new Date() })))
    .execute();
}

export const yearTaken = (year: number) => new FieldProblem('year', `There are already estimates for ${year}: change ${year} instead, or choose another year`);

/**
 * Adds a year not yet held. With the form's idempotency key, the same submission sent twice saves once (the
 * second is told it is a replay). A year already held is a FieldProblem on `year`.
 */
export async function addYear(db: Kysely<Database>, actorId: string, input: YearEstimates, idempotencyKey: string): Promise<{ replayed: boolean }> {
  const estimates = checked(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const earlier = await claimIdempotencyKey(trx, { key: idempotencyKey, userId: actorId, resourceType: POPULATION_RECORD, resourceId: uuidv7() });
      if (earlier) return { replayed: true };
      const held = await trx.selectFrom('population_estimates').select('year').where('year', '=', estimates.year).executeTakeFirst();
      if (held) throw yearTaken(estimates.year);
      await writeYear(trx, actorId, estimates, estimates.source);
      return { replayed: false };
    });
  } catch (error) {
    // Two analysts adding the same year at once: the primary key refuses the second.
    if ((error as { code?: string } | null)?.code === '23505') throw yearTaken(estimates.year);
    throw error;
  }
}

/**
 * Replaces a held year's 18 counts and source, only if its rows are still the ones the analyst read (`stamp`);
 * a ConflictError otherwise (including when the year was removed meanwhile).
 */
export async function replaceYear(db: Kysely<Database>, actorId: string, stamp: string, input: YearEstimates): Promise<void> {
  const estimates = checked(input);
  await db.transaction().execute(async (trx) => {
    const rows = await yearRows(trx, estimates.year, true);
    // The same form sent twice (a double click) finds the year already saved as it asks, by the same person: done.
    const sameAgain = rows.length === 18 && rows.every((r) => r.count === estimates.counts[r.age] && r.source === estimates.source && r.updated_by === actorId);
    if (sameAgain && stampOf(rows) !== stamp) return;
    if (!rows.length || stampOf(rows) !== stamp) {
      throw new ConflictError(`Someone else changed the estimates for ${estimates.year} after you opened them. Your changes have not been saved: look at the estimates as they are now and try again.`);
    }
    await writeYear(trx, actorId, estimates, estimates.source);
  });
}

/** What an import did to one year: added, or replaced (with the total before). */
export interface ImportedYear {
  year: number;
  total: number;
  before: number | null;
}

/**
 * Saves every year of an import in one transaction: each year in the file replaces that year whole. The caller has
 * checked every line (population-import.ts); years are checked again here so no caller can save half a year.
 */
export async function importYears(db: Kysely<Database>, actorId: string, years: YearEstimates[]): Promise<ImportedYear[]> {
  const valid = years.map(checked);
  return db.transaction().execute(async (trx) => {
    const result: ImportedYear[] = [];
    for (const estimates of valid) {
      const held = await yearRows(trx, estimates.year, true);
      await writeYear(trx, actorId, estimates, estimates.source);
      result.push({ year: estimates.year, total: estimates.counts.reduce((a, b) => a + b, 0), before: held.length ? held.reduce((sum, r) => sum + r.count, 0) : null });
    }
    return result.sort((a, b) => a.year - b.year);
  });
}
