import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`CREATE TABLE agencies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('social_care','early_help','police','health','education','voluntary','probation','housing','other')),
    ${standard})`.execute(db);

  await sql`CREATE TABLE teams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    name text NOT NULL,
    ${standard},
    UNIQUE (agency_id, name))`.execute(db);

  await sql`CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL,
    name text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    roles text[] NOT NULL DEFAULT '{}',
    password_hash text,
    must_change_password boolean NOT NULL DEFAULT false,
    disabled boolean NOT NULL DEFAULT false,
    failed_sign_ins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_signed_in_at timestamptz,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX users_email ON users (lower(email))`.execute(db);

  await sql`CREATE TABLE user_teams (
    user_id uuid NOT NULL REFERENCES users(id),
    team_id uuid NOT NULL REFERENCES teams(id),
    PRIMARY KEY (user_id, team_id))`.execute(db);

  await sql`CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL)`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);

  await sql`CREATE TABLE people (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_type text NOT NULL CHECK (person_type IN ('child','unborn','adult')),
    given_name text NOT NULL,
    family_name text NOT NULL,
    date_of_birth date,
    expected_date_of_delivery date,
    sex text CHECK (sex IN ('M','F','U')),
    gender text,
    ethnicity text,
    nhs_number text,
    upn text,
    language text,
    disabilities text[] NOT NULL DEFAULT '{}',
    restricted boolean NOT NULL DEFAULT false,
    allocated_team_id uuid REFERENCES teams(id),
    merged_into uuid REFERENCES people(id),
    search_name text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX people_search_name ON people USING gist (search_name gist_trgm_ops)`.execute(db);
  await sql`CREATE INDEX people_dob ON people (date_of_birth)`.execute(db);
  await sql`CREATE INDEX people_nhs ON people (nhs_number)`.execute(db);

  await sql`CREATE TABLE person_names (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    given_name text NOT NULL,
    family_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('alias','previous','preferred','merged')),
    search_name text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX person_names_search ON person_names USING gist (search_name gist_trgm_ops)`.execute(db);
  await sql`CREATE INDEX person_names_person ON person_names (person_id)`.execute(db);

  await sql`CREATE TABLE person_addresses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    line1 text NOT NULL,
    line2 text,
    town text,
    postcode text NOT NULL,
    postcode_key text NOT NULL,
    start_date date NOT NULL,
    end_date date,
    ${standard},
    CHECK (end_date IS NULL OR end_date >= start_date))`.execute(db);
  await sql`CREATE INDEX person_addresses_person ON person_addresses (person_id)`.execute(db);
  await sql`CREATE INDEX person_addresses_postcode ON person_addresses (postcode_key text_pattern_ops)`.execute(db);

  await sql`CREATE TABLE relationships (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    related_person_id uuid NOT NULL REFERENCES people(id),
    kind text NOT NULL,
    ${standard},
    CHECK (person_id <> related_person_id),
    UNIQUE (person_id, related_person_id, kind))`.execute(db);
  await sql`CREATE INDEX relationships_related ON relationships (related_person_id)`.execute(db);

  // Why a partner agency may see a child: it made the contact, sits on the Team Around the Child,
  // or the record is shared under recorded consent or another lawful basis.
  await sql`CREATE TABLE involvements (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    basis text NOT NULL CHECK (basis IN ('made_contact','team_around_child','consent','lawful_basis','created_record')),
    detail text,
    start_date date NOT NULL DEFAULT current_date,
    end_date date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX involvements_person ON involvements (person_id)`.execute(db);

  await sql`CREATE TABLE restricted_access (
    person_id uuid NOT NULL REFERENCES people(id),
    user_id uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    PRIMARY KEY (person_id, user_id))`.execute(db);

  await sql`CREATE TABLE break_glass (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    user_id uuid NOT NULL REFERENCES users(id),
    reason text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL)`.execute(db);
  await sql`CREATE INDEX break_glass_person_user ON break_glass (person_id, user_id)`.execute(db);

  await sql`CREATE TABLE alerts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id),
    kind text NOT NULL,
    person_id uuid REFERENCES people(id),
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz)`.execute(db);
  await sql`CREATE INDEX alerts_user ON alerts (user_id, read_at)`.execute(db);

  await sql`CREATE TABLE chronology (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    occurred_at timestamptz NOT NULL,
    entry_type text NOT NULL,
    summary text NOT NULL,
    agency_id uuid REFERENCES agencies(id),
    recorded_by uuid REFERENCES users(id),
    record_type text,
    record_id uuid,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX chronology_person ON chronology (person_id, occurred_at DESC)`.execute(db);

  await sql`CREATE TABLE idempotency_keys (
    key text PRIMARY KEY,
    user_id uuid NOT NULL,
    resource_type text NOT NULL,
    resource_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);

  await sql`CREATE TABLE access_audit (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    user_id uuid,
    action text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('allowed','denied','break_glass')),
    resource_type text NOT NULL,
    resource_id uuid,
    person_id uuid,
    reason text,
    request_id text)`.execute(db);
  await sql`CREATE INDEX access_audit_person ON access_audit (person_id, at DESC)`.execute(db);
  await sql`CREATE INDEX access_audit_user ON access_audit (user_id, at DESC)`.execute(db);
  // The audit trail is evidence: the database itself refuses to change or remove it, whoever asks.
  await sql`CREATE FUNCTION access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'access_audit is append-only: % is not allowed', TG_OP;
    END $$`.execute(db);
  await sql`CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_append_only()`.execute(db);
  await sql`CREATE TRIGGER access_audit_no_truncate BEFORE TRUNCATE ON access_audit
    FOR EACH STATEMENT EXECUTE FUNCTION access_audit_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reversed: the access audit must never be dropped.');
}
