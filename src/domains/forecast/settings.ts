import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Database } from '../../db/types.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import * as repo from './settings-repository.ts';
import { adjustmentSchema, type ScenarioInput, scenarioInputSchema, unitCostsSchema } from './settings-schema.ts';
import { type Scenario, type State, STATES, type UnitCosts } from './types.ts';

/**
 * The forecast's editable settings: the unit costs (one weekly cost per state, inflation and price base, saved
 * together at one version) and the analysts' saved scenarios. Callers decide who may change them
 * (`forecast.configure`); these functions keep them valid and refuse to overwrite someone else's change.
 */

export const SCENARIO_RECORD = 'forecast_scenario';

export interface SavedUnitCosts extends UnitCosts {
  version: number;
  /** When the costs were last saved, and by whom (null for the shipped defaults). */
  updatedAt: Date;
  updatedBy: string | null;
}

export interface SavedScenario extends Scenario {
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';
const nameTaken = (name: string) => new FieldProblem('name', `There is already a scenario called “${name}”: choose another name`);

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BadRequestError(`${what}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

/** The unit costs now in force, with the version a change must name. */
export async function readUnitCosts(db: Kysely<Database>): Promise<SavedUnitCosts> {
  const [costs, settings] = await Promise.all([repo.readCosts(db), repo.readSettings(db)]);
  const byState = new Map(costs.map((c) => [c.state, c.weekly]));
  const weekly = Object.fromEntries(
    STATES.map((state) => {
      const cost = byState.get(state);
      // Migration 0018 gives every state a row and none is ever deleted: a missing one is a broken database.
      if (cost === undefined) throw new Error(`The forecast has no unit cost for ${state}`);
      return [state, cost];
    }),
  ) as Record<State, number>;
  return { weekly, annualInflationPercent: settings.inflation, priceBase: settings.price_base, version: settings.version, updatedAt: settings.updated_at, updatedBy: settings.updated_by };
}

/**
 * Saves the unit costs at the version the user read (all or nothing); a ConflictError when someone else saved
 * first. Only the costs that changed move on, so each says when it last changed. Returns the new version.
 */
export async function saveUnitCosts(db: Kysely<Database>, actorId: string, version: number, costs: UnitCosts): Promise<number> {
  const valid = checked(unitCostsSchema, costs, 'The unit costs are not valid');
  return db.transaction().execute(async (trx) => {
    const settings = await repo.readSettings(trx);
    const saved = await repo.updateSettingsAtVersion(trx, settings.id, version, { inflation: valid.annualInflationPercent, priceBase: valid.priceBase, actorId });
    if (!saved) throw new ConflictError('Someone else changed the unit costs after you opened them. Your changes have not been saved: look at the costs as they are now and try again.');
    const current = new Map((await repo.readCosts(trx)).map((c) => [c.state, c.weekly]));
    for (const state of STATES) {
      if (current.get(state) !== valid.weekly[state]) await repo.updateCost(trx, state, valid.weekly[state], actorId);
    }
    return version + 1;
  });
}

const storedAdjustments = z.array(adjustmentSchema);
const scenarioOf = (row: Awaited<ReturnType<typeof repo.findScenario>> & object): SavedScenario => ({
  id: row.id,
  name: row.name,
  // Written only through scenarioInputSchema; read through it again so the type is earned, not assumed.
  adjustments: storedAdjustments.parse(row.adjustments),
  version: row.version,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** Every saved scenario, by name. */
export async function listScenarios(db: Kysely<Database>): Promise<SavedScenario[]> {
  return (await repo.listScenarios(db)).map(scenarioOf);
}

export async function findScenario(db: Kysely<Database>, id: string): Promise<SavedScenario | null> {
  const row = await repo.findScenario(db, id);
  return row ? scenarioOf(row) : null;
}

/**
 * Saves a new scenario and returns its id. With an idempotency key (a form's), the same submission twice saves
 * one scenario and returns its id both times. A name already used (ignoring capitals) is a FieldProblem on `name`.
 */
export async function createScenario(db: Kysely<Database>, actorId: string, input: ScenarioInput, idempotencyKey?: string): Promise<string> {
  const valid = checked(scenarioInputSchema, input, 'The scenario is not valid');
  const id = uuidv7();
  const insert = async (trx: Kysely<Database>) => {
    if (await repo.nameTaken(trx, valid.name, null)) throw nameTaken(valid.name);
    await repo.insertScenario(trx, { id, name: valid.name, adjustments: valid.adjustments, actorId });
  };
  try {
    if (!idempotencyKey) {
      await insert(db);
      return id;
    }
    return (await once(db, { key: idempotencyKey, userId: actorId, resourceType: SCENARIO_RECORD, resourceId: id }, insert)).id;
  } catch (error) {
    // Two analysts saving the same name at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw nameTaken(valid.name);
    throw error;
  }
}

/** Changes a scenario at the version the user read: NotFoundError when it is gone, ConflictError when it moved on. */
export async function updateScenario(db: Kysely<Database>, actorId: string, id: string, version: number, input: ScenarioInput): Promise<void> {
  const valid = checked(scenarioInputSchema, input, 'The scenario is not valid');
  if (!(await repo.findScenario(db, id))) throw new NotFoundError('This scenario has been deleted.');
  if (await repo.nameTaken(db, valid.name, id)) throw nameTaken(valid.name);
  let saved: boolean;
  try {
    saved = await repo.updateScenarioAtVersion(db, id, version, { name: valid.name, adjustments: valid.adjustments, actorId });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(valid.name);
    throw error;
  }
  if (!saved) throw new ConflictError('Someone else changed this scenario after you opened it. Your changes have not been saved: look at the scenario as it is now and try again.');
}

/** Deletes a scenario at the version the user confirmed, so a scenario changed since is not deleted unseen. */
export async function deleteScenario(db: Kysely<Database>, id: string, version: number): Promise<void> {
  if (await repo.deleteScenarioAtVersion(db, id, version)) return;
  if (!(await repo.findScenario(db, id))) throw new NotFoundError('This scenario has already been deleted.');
  throw new ConflictError('Someone else changed this scenario after you asked to delete it, so it has not been deleted. Look at it as it is now and try again.');
}
