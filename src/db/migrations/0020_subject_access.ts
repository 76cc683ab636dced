import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Subject access requests (UK GDPR Article 15): who asked and how their identity and authority were checked, the
 * person the request is about, the statutory clock (one calendar month from receipt, extendable by two, paused while
 * waiting for identity or clarification), the bundle compiled at one moment (a fixed copy the review works on), the
 * redactions made with their reasons, and the disclosure (who, when, and the SHA-256 of the PDF sent).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE sar_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    requester_kind text NOT NULL CHECK (requester_kind IN ('subject','parent','representative')),
    requester_name text NOT NULL,
    requester_contact text NOT NULL,
    requester_relationship text,
    identity_check text NOT NULL,
    authority_check text,
    received_on date NOT NULL,
    due_on date NOT NULL,
    extension_months smallint NOT NULL DEFAULT 0 CHECK (extension_months BETWEEN 0 AND 2),
    extension_reason text,
    paused_on date,
    pause_reason text,
    resumed_on date,
    status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','compiling','in_review','disclosed','withdrawn','refused')),
    closure_reason text,
    compiled_at timestamptz,
    compiled_by uuid REFERENCES users(id),
    review_completed_at timestamptz,
    review_completed_by uuid REFERENCES users(id),
    disclosed_at timestamptz,
    disclosed_by uuid REFERENCES users(id),
    cover_letter text,
    pdf bytea,
    pdf_sha256 text,
    ${standard},
    CHECK (requester_kind = 'subject' OR authority_check IS NOT NULL),
    CHECK (extension_months = 0 OR extension_reason IS NOT NULL),
    CHECK (resumed_on IS NULL OR (paused_on IS NOT NULL AND resumed_on >= paused_on)),
    CHECK (status NOT IN ('withdrawn','refused') OR closure_reason IS NOT NULL),
    CHECK (status <> 'disclosed' OR (pdf_sha256 IS NOT NULL AND disclosed_at IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX sar_requests_open ON sar_requests (status, due_on)`.execute(db);
  await sql`CREATE INDEX sar_requests_person ON sar_requests (person_id)`.execute(db);

  // One row per record in the bundle, as it was rendered when compiled: later changes to the record do not move it.
  await sql`CREATE TABLE sar_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id uuid NOT NULL REFERENCES sar_requests(id) ON DELETE CASCADE,
    position integer NOT NULL,
    source_table text NOT NULL,
    source_id text NOT NULL,
    capability text NOT NULL,
    record_type text NOT NULL,
    link_role text NOT NULL CHECK (link_role IN ('subject','mentioned')),
    item_date text,
    fields jsonb NOT NULL,
    suggestions jsonb NOT NULL DEFAULT '[]',
    UNIQUE (request_id, position))`.execute(db);
  await sql`CREATE INDEX sar_items_request ON sar_items (request_id, capability, record_type, position)`.execute(db);

  // A redaction of a whole item (field NULL) or of one field, with its reason; removing one keeps it, marked removed.
  await sql`CREATE TABLE sar_redactions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id uuid NOT NULL REFERENCES sar_requests(id) ON DELETE CASCADE,
    item_id uuid NOT NULL REFERENCES sar_items(id) ON DELETE CASCADE,
    field text,
    reason text NOT NULL CHECK (reason IN ('third_party_child','third_party_family','professional_personal','legal_privilege','crime','serious_harm','other')),
    note text,
    removed_at timestamptz,
    removed_by uuid REFERENCES users(id),
    ${standard},
    CHECK (reason <> 'other' OR note IS NOT NULL))`.execute(db);
  await sql`CREATE UNIQUE INDEX sar_redactions_one ON sar_redactions (item_id, coalesce(field, '')) WHERE removed_at IS NULL`.execute(db);
  await sql`CREATE INDEX sar_redactions_request ON sar_redactions (request_id) WHERE removed_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sar_redactions`.execute(db);
  await sql`DROP TABLE sar_items`.execute(db);
  await sql`DROP TABLE sar_requests`.execute(db);
}
