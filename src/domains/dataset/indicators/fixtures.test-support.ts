/**
 * Small hand-made records for the indicators' tests: children with a date of birth, sex and ethnicity, and rows of
 * any table written with foreign keys unchecked (as the synthetic generator writes them), so a test states only the
 * columns its indicator reads and the ones the table requires.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { evaluate } from './compute.ts';
import type { Breakdown, Indicator } from './types.ts';

export const uuid = () => randomUUID();

export async function child(db: Kysely<Database>, p: { dob: string | null; sex?: 'M' | 'F' | 'U'; ethnicity?: string; type?: 'child' | 'unborn' }): Promise<string> {
  const id = uuid();
  await db
    .insertInto('people')
    .values({
      id, person_type: p.type ?? 'child', given_name: 'Test', family_name: 'Child', search_name: 'test child', date_of_birth: p.dob,
      sex: p.sex ?? 'F', ethnicity: p.ethnicity ?? 'WBRI', disabilities: [], created_at: new Date(), updated_at: new Date(),
    })
    .execute();
  return id;
}

/** Inserts rows with foreign keys unchecked: the tests give only what the indicator reads. */
export async function rows<T extends keyof Database & string>(db: Kysely<Database>, table: T, values: Record<string, unknown>[]): Promise<void> {
  if (!values.length) return;
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const stamped = values.map((v) => ({ created_at: new Date(), updated_at: new Date(), ...v }));
    await trx.insertInto(table).values(stamped as never).execute();
  });
}

/** The financial year 2024/25, the period most tests count over. */
export const YEAR = { from: '2024-04-01', to: '2025-03-31' };

/** Before any record: each indicator says "no data", and evaluates under every breakdown it declares and a pair. */
export async function assertNoDataUnderEveryBreakdown(db: Kysely<Database>, indicators: Indicator[], pair: (i: Indicator) => Breakdown[]): Promise<void> {
  for (const indicator of indicators) {
    const e = await evaluate(db, indicator, YEAR);
    assert.equal(e.noData, true, indicator.id);
    for (const b of indicator.breakdowns) await evaluate(db, indicator, YEAR, [b]);
    await evaluate(db, indicator, YEAR, pair(indicator));
  }
}

/** Over the records a test made: every breakdown gives the same total, and a flow's keys add up to it. */
export async function assertBreakdownsAgree(db: Kysely<Database>, indicators: Indicator[]): Promise<void> {
  for (const indicator of indicators) {
    const whole = await evaluate(db, indicator, YEAR);
    for (const b of indicator.breakdowns) {
      const e = await evaluate(db, indicator, YEAR, [b]);
      assert.deepEqual([e.total.rows, e.total.value], [whole.total.rows, whole.total.value], `${indicator.id} by ${b}`);
      const sum = e.cells.filter((c) => c.keys[0] !== null).reduce((n, c) => n + c.rows, 0);
      if (indicator.periodType === 'flow') assert.equal(sum, whole.total.rows, `${indicator.id}: the ${b} keys add up to the total`);
    }
  }
}
