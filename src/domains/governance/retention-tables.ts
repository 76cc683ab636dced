import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type HoldReason = 'litigation' | 'public_inquiry' | 'police_investigation' | 'subject_access_request' | 'complaint' | 'other';

/** One rule of the retention schedule per record type (migration 0021). */
export interface RetentionRulesTable extends Standard {
  id: Generated<string>;
  record_type: string;
  label: string;
  years_from_birth: number | null;
  years_after_event: number | null;
  years_after_death: number | null;
  permanent: Generated<boolean>;
  rule: string;
  basis: string;
  updated_by: string | null;
}

export interface RetentionHoldsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  reason: HoldReason;
  reference: string;
  detail: string | null;
  placed_by: string;
  from_date: DateColumn;
  until_date: DateColumn | null;
  released_at: Moment | null;
  released_by: string | null;
  release_reason: string | null;
}

export interface RetentionExtensionsTable {
  id: Generated<string>;
  person_id: string;
  keep_until: DateColumn;
  reason: string;
  decided_by: string;
  created_at: Generated<Date>;
}

/** The rule each record type was destroyed under, as it stood at the time. */
export interface DestroyedRule {
  recordType: string;
  label: string;
  rule: string;
  date: string | null;
}

export interface RetentionDestructionsTable {
  id: Generated<string>;
  person_id: string;
  person_type: string;
  record_types: ColumnType<string[], string[], string[]>;
  governing_type: string | null;
  review_date: DateColumn;
  rules: JSONColumnType<DestroyedRule[]>;
  rows_cleared: JSONColumnType<Record<string, number>>;
  destroyed_at: Generated<Date>;
  destroyed_by: string;
  approved_by: string | null;
}

export interface RetentionTables {
  retention_rules: RetentionRulesTable;
  retention_holds: RetentionHoldsTable;
  retention_extensions: RetentionExtensionsTable;
  retention_destructions: RetentionDestructionsTable;
}
