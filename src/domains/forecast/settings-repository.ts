import { type Kysely, sql } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { Adjustment, State } from './types.ts';

/** The forecast's settings tables (migration 0018): unit costs, the one settings row, saved scenarios. */

const asNumber = (column: string) => sql<number>`${sql.ref(column)}::float8`;

export const readCosts = (db: Kysely<Database>) =>
  db.selectFrom('forecast_unit_costs').select(['state', asNumber('weekly_pounds').as('weekly')]).execute();

export const readSettings = (db: Kysely<Database>) =>
  db
    .selectFrom('forecast_settings')
    .select(['id', 'version', 'price_base', 'updated_at', 'updated_by', asNumber('annual_inflation_percent').as('inflation')])
    .executeTakeFirstOrThrow();

export const updateSettingsAtVersion = (db: Kysely<Database>, id: string, version: number, changes: { inflation: number; priceBase: string; actorId: string }) =>
  updateAtVersion(db, 'forecast_settings', id, version, { annual_inflation_percent: changes.inflation, price_base: changes.priceBase, updated_by: changes.actorId });

/** One state's cost, moving its own version on so each row says when it last changed. */
export async function updateCost(db: Kysely<Database>, state: State, weekly: number, actorId: string): Promise<void> {
  await db
    .updateTable('forecast_unit_costs')
    .set((eb) => ({ weekly_pounds: weekly, updated_by: actorId, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('state', '=', state)
    .execute();
}

const jsonb = (adjustments: Adjustment[]) => sql<Adjustment[]>`${JSON.stringify(adjustments)}::jsonb`;
const scenarioColumns = ['id', 'name', 'adjustments', 'version', 'updated_at', 'updated_by'] as const;

export const listScenarios = (db: Kysely<Database>) => db.selectFrom('forecast_scenarios').select(scenarioColumns).orderBy(sql`lower(name)`).orderBy('id').execute();

export const findScenario = (db: Kysely<Database>, id: string) => db.selectFrom('forecast_scenarios').select(scenarioColumns).where('id', '=', id).executeTakeFirst();

/** Another scenario already called this (ignoring capitals), which the unique index would refuse. */
export async function nameTaken(db: Kysely<Database>, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('forecast_scenarios').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return Boolean(await query.executeTakeFirst());
}

export async function insertScenario(db: Kysely<Database>, row: { id: string; name: string; adjustments: Adjustment[]; actorId: string }): Promise<void> {
  await db
    .insertInto('forecast_scenarios')
    .values({ id: row.id, name: row.name, adjustments: jsonb(row.adjustments), created_by: row.actorId, updated_by: row.actorId })
    .execute();
}

export const updateScenarioAtVersion = (db: Kysely<Database>, id: string, version: number, changes: { name: string; adjustments: Adjustment[]; actorId: string }) =>
  // updateAtVersion's changes are plain values; Kysely sends the expression through all the same.
  updateAtVersion(db, 'forecast_scenarios', id, version, { name: changes.name, adjustments: jsonb(changes.adjustments) as unknown as Adjustment[], updated_by: changes.actorId });

/** Deletes the scenario only at the version the user read; false when it was changed or deleted first. */
export async function deleteScenarioAtVersion(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const deleted = await db.deleteFrom('forecast_scenarios').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return Boolean(deleted);
}
