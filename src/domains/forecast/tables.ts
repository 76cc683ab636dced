import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';
import type { Adjustment, State } from './types.ts';

/**
 * A `numeric` column: the drivers read it as text, so the repository selects it cast to float8 (a number); written
 * as a number.
 */
type Numeric = ColumnType<string, number, number>;

/** The weekly cost in pounds of one child in one state (migration 0018). */
export interface ForecastUnitCostsTable extends Standard {
  id: Generated<string>;
  state: State;
  weekly_pounds: Numeric;
  updated_by: string | null;
}

/** The one row of cost settings; its version guards the unit costs as a set. */
export interface ForecastSettingsTable extends Standard {
  id: Generated<string>;
  singleton: Generated<boolean>;
  annual_inflation_percent: Numeric;
  price_base: DateColumn;
  updated_by: string | null;
}

export interface ForecastScenariosTable extends Standard {
  id: Generated<string>;
  name: string;
  /**
   * jsonb, read as parsed JSON (checked again on reading) and written through a `::jsonb` expression: given a bare
   * array, the pg driver would send it as a PostgreSQL array.
   */
  adjustments: ColumnType<unknown, Adjustment[], Adjustment[]>;
  updated_by: string | null;
}

export interface ForecastTables {
  forecast_unit_costs: ForecastUnitCostsTable;
  forecast_settings: ForecastSettingsTable;
  forecast_scenarios: ForecastScenariosTable;
}
