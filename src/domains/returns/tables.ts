import type { ColumnType, Generated } from 'kysely';
import type { Moment } from '../../db/types.ts';

export type ReturnKind = 'cin' | '903' | 'annex-a';

/** A return as submitted (migration 0026): file name → file text, kept for next year's comparison. */
export interface StatutoryReturnSnapshotsTable {
  id: Generated<string>;
  return_kind: 'cin' | '903';
  collection_year: number;
  files: ColumnType<Record<string, string>, string, string>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

/** An export run from the analyst's page: progress while it runs, the file until it is downloaded. */
export interface StatutoryReturnRunsTable {
  id: Generated<string>;
  return_kind: ReturnKind;
  collection_year: number | null;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  done_steps: Generated<number>;
  total_steps: Generated<number>;
  file_name: string | null;
  content_type: string | null;
  file: Buffer | null;
  error: string | null;
  requested_by: string;
  requested_at: Moment;
  finished_at: Date | null;
}

export interface ReturnsTables {
  statutory_return_snapshots: StatutoryReturnSnapshotsTable;
  statutory_return_runs: StatutoryReturnRunsTable;
}
