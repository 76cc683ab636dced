import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The demand forecast's editable settings: a weekly unit cost per child in each state the model counts, the annual
 * inflation applied to them from a price base date, and the analysts' saved scenarios (changes to the fitted rates,
 * compared with the baseline). Migrations are frozen history, so the states and defaults are written out here rather
 * than imported from the forecast domain.
 *
 * The shipped costs are plausible figures for an English council at 2026/27 prices, a starting point each authority
 * replaces with its own: the price base is fixed at 1 April 2026 (not the date the migration runs), so every
 * deployment starts from the same figures.
 */
const DEFAULT_WEEKLY_COSTS: [state: string, pounds: number][] = [
  // A children's home placement, in-house or bought from an independent provider: the average weekly fee.
  ['care_residential', 5500],
  // An independent fostering agency's weekly fee: the carer's allowance plus the agency's support and margin.
  ['care_fostering_agency', 950],
  // The council's own foster carers: allowance and fee, with a share of the supervising social worker's time.
  ['care_fostering_in_house', 500],
  // Family and friends (connected persons) carers: allowance and support to the placement.
  ['care_kinship', 350],
  // Every other placement (placed with parents, supported accommodation, secure, hospital): a blended average.
  ['care_other', 900],
  // A child protection plan: social work visits, conferences and core groups.
  ['cp', 220],
  // A child in need plan: social work time and services under section 17.
  ['cin', 130],
  // A care leaver: personal adviser, accommodation and setting-up-home support, staying put.
  ['care_leaver', 150],
  // Early help: a family support worker or lead professional and the Team Around the Family.
  ['early_help', 60],
];
const DEFAULT_INFLATION_PERCENT = 3;
const DEFAULT_PRICE_BASE = '2026-04-01';

export async function up(db: Kysely<unknown>): Promise<void> {
  const states = sql.join(DEFAULT_WEEKLY_COSTS.map(([state]) => sql.lit(state)));
  await sql`CREATE TABLE forecast_unit_costs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    state text NOT NULL UNIQUE CHECK (state IN (${states})),
    weekly_pounds numeric(9,2) NOT NULL CHECK (weekly_pounds >= 0),
    updated_by uuid REFERENCES users(id),
    ${standard})`.execute(db);

  // One row only (the unique, always-true singleton column): its version guards the costs as a set.
  await sql`CREATE TABLE forecast_settings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    annual_inflation_percent numeric(5,2) NOT NULL CHECK (annual_inflation_percent BETWEEN -10 AND 50),
    price_base date NOT NULL,
    updated_by uuid REFERENCES users(id),
    ${standard})`.execute(db);

  await sql`CREATE TABLE forecast_scenarios (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    adjustments jsonb NOT NULL CHECK (jsonb_typeof(adjustments) = 'array'),
    updated_by uuid REFERENCES users(id),
    ${standard})`.execute(db);
  // Analysts pick scenarios by name, so two that differ only in capitals would be confusing.
  await sql`CREATE UNIQUE INDEX forecast_scenarios_name ON forecast_scenarios (lower(name))`.execute(db);

  for (const [state, pounds] of DEFAULT_WEEKLY_COSTS) {
    await sql`INSERT INTO forecast_unit_costs (state, weekly_pounds) VALUES (${state}, ${pounds})`.execute(db);
  }
  await sql`INSERT INTO forecast_settings (annual_inflation_percent, price_base) VALUES (${DEFAULT_INFLATION_PERCENT}, ${DEFAULT_PRICE_BASE})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE forecast_scenarios`.execute(db);
  await sql`DROP TABLE forecast_settings`.execute(db);
  await sql`DROP TABLE forecast_unit_costs`.execute(db);
}
