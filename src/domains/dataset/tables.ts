import type { Generated } from 'kysely';
import type { Moment } from '../../db/types.ts';

/** Children of one single year of age in one mid-year (30 June) estimate, as the ONS publishes them. */
export interface PopulationEstimatesTable {
  year: number;
  age: number;
  count: number;
  /** Where the figure came from ("ONS mid-year estimate 2024", "imported from CSV"). */
  source: Generated<string>;
  updated_at: Moment;
  updated_by: string | null;
}

/** An indicator's target and comparators for one financial year (named by the year it starts in). */
export interface IndicatorBenchmarksTable {
  indicator_id: string;
  year: number;
  target: string | number | null;
  statistical_neighbours: string | number | null;
  england: string | number | null;
  note: Generated<string>;
  version: Generated<number>;
  updated_at: Moment;
  updated_by: string | null;
}

/** One row: the small-number threshold every published figure is suppressed at. */
export interface DatasetSettingsTable {
  id: Generated<boolean>;
  suppression_threshold: Generated<number>;
  version: Generated<number>;
  updated_at: Moment;
  updated_by: string | null;
}

/** The board's words on one section of one financial year's annual report. */
export interface ReportCommentaryTable {
  year: number;
  section: string;
  body: string;
  version: Generated<number>;
  updated_at: Moment;
  updated_by: string | null;
}

export interface DatasetTables {
  population_estimates: PopulationEstimatesTable;
  indicator_benchmarks: IndicatorBenchmarksTable;
  dataset_settings: DatasetSettingsTable;
  report_commentary: ReportCommentaryTable;
}
