import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Documents on a person's record: the document (its details, versioned for edits), each uploaded file as a version
 * (nothing is overwritten: a new file is a new version), and file contents kept in the database when no object
 * store is configured. A document is removed from the record, never deleted: retention destroys it later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    title text NOT NULL,
    document_type text NOT NULL,
    document_date date NOT NULL,
    description text,
    current_version integer NOT NULL DEFAULT 1,
    removed_at timestamptz,
    removed_by uuid REFERENCES users(id),
    removal_reason text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX documents_person ON documents (person_id, document_date DESC)`.execute(db);

  await sql`CREATE TABLE document_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES documents(id),
    number integer NOT NULL CHECK (number >= 1),
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage text NOT NULL CHECK (storage IN ('database','s3')),
    storage_key text NOT NULL UNIQUE,
    scan_status text NOT NULL CHECK (scan_status IN ('clean','not_scanned')),
    scanned_by text,
    uploaded_by uuid REFERENCES users(id),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, number))`.execute(db);

  await sql`CREATE TABLE document_blobs (
    key text PRIMARY KEY,
    bytes bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE document_blobs`.execute(db);
  await sql`DROP TABLE document_versions`.execute(db);
  await sql`DROP TABLE documents`.execute(db);
}
