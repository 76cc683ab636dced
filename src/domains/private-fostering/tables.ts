import type { Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

export type Notifier = 'carer' | 'parent' | 'school' | 'health' | 'other_professional' | 'other';
export type CheckResult = 'satisfactory' | 'concerns';
export type Decision = 'suitable' | 'suitable_with_conditions' | 'not_suitable';
export type EndReason = 'returned_to_parents' | 'reached_age' | 'became_looked_after' | 'moved_to_relative' | 'carer_unable' | 'other';

export interface PrivateFosteringArrangementsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  notified_on: DateColumn;
  notified_by: Notifier;
  notifier_detail: string | null;
  start_date: DateColumn;
  parents_details: string;
  reason: string;
  expected_duration: string;
  dbs_on: DateColumn | null;
  dbs_result: CheckResult | null;
  references_on: DateColumn | null;
  references_result: CheckResult | null;
  health_on: DateColumn | null;
  health_result: CheckResult | null;
  accommodation_on: DateColumn | null;
  accommodation_result: CheckResult | null;
  decision: Decision | null;
  decision_on: DateColumn | null;
  decision_notes: string | null;
  decided_by: string | null;
  confirmed_by: string | null;
  confirmed_on: DateColumn | null;
  ended_on: DateColumn | null;
  end_reason: EndReason | null;
  end_notes: string | null;
}

export interface PrivateFosteringCarersTable extends Standard {
  id: Generated<string>;
  arrangement_id: string;
  carer_person_id: string | null;
  name: string;
  relationship: string;
}

export interface PrivateFosteringVisitsTable extends Standard {
  id: Generated<string>;
  arrangement_id: string;
  person_id: string;
  visit_date: DateColumn;
  due_on: DateColumn;
  child_seen: boolean;
  seen_alone: boolean;
  notes: string | null;
}

/** Migration 0011's tables, merged into the Database interface in db/types.ts. */
export interface PrivateFosteringTables {
  private_fostering_arrangements: PrivateFosteringArrangementsTable;
  private_fostering_carers: PrivateFosteringCarersTable;
  private_fostering_visits: PrivateFosteringVisitsTable;
}
