import { type Kysely, sql } from 'kysely';

/**
 * Statutory returns. Every person gets the stable identifier the returns carry (CIN census LAchildID, SSDA903
 * CHILD, Annex A Child Unique ID): at most 20 letters and digits, never reused, the same in every year's return so
 * the DfE can join them. A return as submitted is kept (the next year's 903 is checked against it); an export
 * run from the analyst's page is a job with progress, its file kept until downloaded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE people_return_id_seq`.execute(db);
  // A volatile default fills existing rows one by one, each with its own number.
  await sql`ALTER TABLE people ADD COLUMN return_id text NOT NULL UNIQUE
    DEFAULT ('C' || lpad(nextval('people_return_id_seq')::text, 7, '0'))
    CHECK (return_id ~ '^[A-Za-z0-9]{1,20}$')`.execute(db);

  await sql`CREATE TABLE statutory_return_snapshots (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    return_kind text NOT NULL CHECK (return_kind IN ('cin','903')),
    collection_year integer NOT NULL CHECK (collection_year BETWEEN 2000 AND 2100),
    files jsonb NOT NULL,
    recorded_by uuid REFERENCES users(id),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (return_kind, collection_year))`.execute(db);

  await sql`CREATE TABLE statutory_return_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    return_kind text NOT NULL CHECK (return_kind IN ('cin','903','annex-a')),
    collection_year integer CHECK (collection_year BETWEEN 2000 AND 2100),
    status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
    done_steps integer NOT NULL DEFAULT 0,
    total_steps integer NOT NULL DEFAULT 0,
    file_name text,
    content_type text,
    file bytea,
    error text,
    requested_by uuid NOT NULL REFERENCES users(id),
    requested_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz)`.execute(db);
  await sql`CREATE INDEX statutory_return_runs_requested ON statutory_return_runs (requested_by, requested_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE statutory_return_runs`.execute(db);
  await sql`DROP TABLE statutory_return_snapshots`.execute(db);
  await sql`ALTER TABLE people DROP COLUMN return_id`.execute(db);
  await sql`DROP SEQUENCE people_return_id_seq`.execute(db);
}
