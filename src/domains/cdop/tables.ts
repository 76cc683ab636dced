import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

/** A text[] column: always an array when read, optional when inserted. */
type TextList = ColumnType<string[], string[] | undefined, string[]>;

export type Place = 'home' | 'hospital' | 'public_place' | 'other';
export type Expectation = 'expected' | 'unexpected';
export type Modifiable = 'yes' | 'no' | 'insufficient';

/** A child's death notified to the Child Death Overview Panel, and the panel's review of it (migration 0014). */
export interface CdopCasesTable extends Standard {
  id: Generated<string>;
  child_id: string;
  died_on: DateColumn;
  /** 'HH:MM' UK time, when known. */
  time_of_death: string | null;
  place: Place;
  place_detail: string | null;
  expectation: Expectation;
  /** For an unexpected death: whether a joint agency (rapid) response was held. */
  rapid_response: 'held' | 'not_held' | null;
  rapid_response_on: DateColumn | null;
  notified_on: DateColumn;
  notifying_agency: string;
  notifier_name: string;
  circumstances: string;
  reviewed_on: DateColumn | null;
  category: string | null;
  modifiable: Modifiable | null;
  factor_domains: TextList;
  modifiable_factors: string | null;
  learning: string | null;
  ncmd_notified: boolean | null;
  reviewed_by: string | null;
}

export interface CdopRequestsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  agency: string;
  contact: string | null;
  requested_on: DateColumn;
  due_on: DateColumn;
  returned_on: DateColumn | null;
  not_held: ColumnType<boolean, boolean | undefined, boolean>;
  summary: string | null;
}

export interface CdopTables {
  cdop_cases: CdopCasesTable;
  cdop_requests: CdopRequestsTable;
}
