import type { RawBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** A snapshot counts what is open on the period's last day; a flow what happens within it; rolling 12 months the year to its last day. */
export type PeriodType = 'snapshot' | 'flow' | 'rolling12';

/**
 * The ways a figure can be split. Age band, gender and ethnicity come from the person the record is about (their
 * age on the record's date); the rest are columns of the indicator's own rows. `month` and `quarter` place a flow's
 * records by their date and take a snapshot at each month or quarter end (and the day before the period starts);
 * `incidents` is the number of times each person appears (1, 2, … 10 or more).
 */
export type Breakdown =
  | 'age_band'
  | 'gender'
  | 'ethnicity_group'
  | 'ethnicity'
  | 'category'
  | 'locality'
  | 'agency'
  | 'route'
  | 'issue'
  | 'month'
  | 'quarter'
  | 'incidents';

export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neither';

/** Which dashboard an indicator belongs to. */
export type Service = 'front-door' | 'early-help' | 'social-care' | 'child-protection' | 'children-in-care' | 'missing' | 'partnership';

/** Statutory bands (under 1, 1–4, 5–9, 10–15, 16–17) or the early help report's (unborn, 0–5, 6–11, 12–15, 16+). */
export type AgeBanding = 'statutory' | 'early_help';

/** An inclusive range of days as SQL date expressions, so a snapshot can be taken at each month end inside one query. */
export interface PeriodSql {
  from: RawBuilder<unknown>;
  to: RawBuilder<unknown>;
}

export interface Period {
  from: string;
  to: string;
}

/**
 * One indicator, defined once. `units` is the SQL for the rows it counts, one per record, with the columns
 *   record_id text, person_id uuid (or null), dated date (the date that ages the child and places the row in a month),
 *   counted boolean (the numerator, for a percentage; true for a count),
 * and, where its breakdowns need them, category, agency, locality, route and issue (text labels).
 */
export interface Indicator {
  id: string;
  title: string;
  /** Plain English: what is counted, from which records, and what "on time" or "repeat" means here. */
  definition: string;
  service: Service;
  /** A count of rows, a count of distinct people, or the percentage of rows that are `counted`. */
  measure: 'count' | 'people' | 'percent';
  numerator: string;
  /** For a percentage: what the rows are. */
  denominator?: string;
  periodType: PeriodType;
  breakdowns: Breakdown[];
  ageBanding?: AgeBanding;
  polarity: Polarity;
  /** A count also shown per 10,000 children aged 0–17 (population estimates). */
  ratePer10k?: boolean;
  /** The standing target, where the partnership has one (a year's own target, in indicator_benchmarks, overrides it). */
  target?: number;
  /** The capability's tables: when none of them holds a row, the indicator shows "no data". */
  tables: (keyof Database & string)[];
  /** What one row is, in the list behind a figure ("Child protection plan started"). */
  recordLabel: string;
  units(period: PeriodSql): RawBuilder<unknown>;
}
