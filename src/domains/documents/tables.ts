import type { Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

/** A document on a person's record (migration 0025): its details; the files are its versions. */
export interface DocumentsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  title: string;
  document_type: string;
  document_date: DateColumn;
  description: string | null;
  current_version: Generated<number>;
  removed_at: Date | null;
  removed_by: string | null;
  removal_reason: string | null;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  number: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage: 'database' | 's3';
  storage_key: string;
  scan_status: 'clean' | 'not_scanned';
  scanned_by: string | null;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface DocumentBlobsTable {
  key: string;
  bytes: Uint8Array;
  created_at: Generated<Date>;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_blobs: DocumentBlobsTable;
}
