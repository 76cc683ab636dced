import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Partner systems: API tokens (each acting through a user of its own, so the access rules and the access audit work
 * unchanged and name the client), webhooks per agency, and the transactional outbox of webhook deliveries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE api_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    user_id uuid NOT NULL UNIQUE REFERENCES users(id),
    scopes text[] NOT NULL,
    token_hash text NOT NULL UNIQUE,
    token_hint text NOT NULL,
    expires_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz,
    revoked_by uuid REFERENCES users(id),
    ${standard})`.execute(db);
  await sql`CREATE INDEX api_tokens_agency ON api_tokens (agency_id)`.execute(db);

  // A token's user is a machine client: whatever is done to it through the users pages (a password reset, enabling
  // it), it stays disabled and without a password, so nobody can ever sign in to the pages as it.
  await sql`CREATE FUNCTION api_client_users_stay_machines() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM api_tokens WHERE user_id = NEW.id) THEN
        NEW.password_hash := NULL;
        NEW.disabled := true;
        NEW.must_change_password := false;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER api_client_users_stay_machines BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION api_client_users_stay_machines()`.execute(db);

  await sql`CREATE TABLE webhooks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    url text NOT NULL,
    events text[] NOT NULL,
    secret_ciphertext text NOT NULL,
    disabled_at timestamptz,
    disabled_by uuid REFERENCES users(id),
    ${standard})`.execute(db);
  await sql`CREATE INDEX webhooks_agency ON webhooks (agency_id)`.execute(db);

  await sql`CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    webhook_id uuid NOT NULL REFERENCES webhooks(id),
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    payload text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    last_status_code integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webhook_deliveries`.execute(db);
  await sql`DROP TABLE webhooks`.execute(db);
  await sql`DROP TRIGGER api_client_users_stay_machines ON users`.execute(db);
  await sql`DROP FUNCTION api_client_users_stay_machines()`.execute(db);
  await sql`DROP TABLE api_tokens`.execute(db);
}
