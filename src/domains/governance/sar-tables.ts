import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type SarStatus = 'received' | 'compiling' | 'in_review' | 'disclosed' | 'withdrawn' | 'refused';
export type RequesterKind = 'subject' | 'parent' | 'representative';
export type RedactionReason = 'third_party_child' | 'third_party_family' | 'professional_personal' | 'legal_privilege' | 'crime' | 'serious_harm' | 'other';

/** One field of a bundle item as it was rendered at compile time. */
export interface SarField {
  column: string;
  label: string;
  value: string;
}

/** A redaction the compiler suggests: the field (null for the whole item) and the reason it would be. */
export interface SarSuggestion {
  field: string | null;
  reason: RedactionReason;
  why: string;
}

type Json<T> = ColumnType<T, string, string>;

/** A subject access request (migration 0020). */
export interface SarRequestsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  requester_kind: RequesterKind;
  requester_name: string;
  requester_contact: string;
  requester_relationship: string | null;
  identity_check: string;
  authority_check: string | null;
  received_on: DateColumn;
  due_on: DateColumn;
  extension_months: Generated<number>;
  extension_reason: string | null;
  paused_on: DateColumn | null;
  pause_reason: string | null;
  resumed_on: DateColumn | null;
  status: Generated<SarStatus>;
  closure_reason: string | null;
  compiled_at: Moment | null;
  compiled_by: string | null;
  review_completed_at: Moment | null;
  review_completed_by: string | null;
  disclosed_at: Moment | null;
  disclosed_by: string | null;
  cover_letter: string | null;
  pdf: Buffer | Uint8Array | null;
  pdf_sha256: string | null;
}

export interface SarItemsTable {
  id: Generated<string>;
  request_id: string;
  position: number;
  source_table: string;
  source_id: string;
  capability: string;
  record_type: string;
  link_role: 'subject' | 'mentioned';
  item_date: string | null;
  fields: Json<SarField[]>;
  suggestions: Json<SarSuggestion[]>;
}

export interface SarRedactionsTable extends Standard {
  id: Generated<string>;
  request_id: string;
  item_id: string;
  field: string | null;
  reason: RedactionReason;
  note: string | null;
  removed_at: Moment | null;
  removed_by: string | null;
}

export interface SarTables {
  sar_requests: SarRequestsTable;
  sar_items: SarItemsTable;
  sar_redactions: SarRedactionsTable;
}
