import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Notifications: each user's choice of events and channel, and the transactional outbox the dispatcher sends from.
 * Migrations are frozen history, so the event, channel and status codes are written out here rather than imported.
 */
const EVENTS = ['case_allocated', 'step_up_received', 'decision_due_tomorrow', 'review_overdue'];
const CHANNELS = ['email', 'sms'];
const STATUSES = ['queued', 'failed', 'held', 'sent', 'given_up'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const list = (codes: string[]) => sql.join(codes.map((c) => sql.lit(c)));
  await sql`CREATE TABLE notification_preferences (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL UNIQUE REFERENCES users(id),
    events text[] NOT NULL DEFAULT '{}' CHECK (events <@ ARRAY[${list(EVENTS)}]::text[]),
    channel text NOT NULL CHECK (channel IN (${list(CHANNELS)})),
    mobile text CHECK (mobile ~ '^\\+447[0-9]{9}$'),
    CHECK (channel <> 'sms' OR mobile IS NOT NULL),
    ${standard})`.execute(db);

  await sql`CREATE TABLE notification_outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id),
    event text NOT NULL CHECK (event IN (${list(EVENTS)})),
    channel text NOT NULL CHECK (channel IN (${list(CHANNELS)})),
    reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
    link text NOT NULL CHECK (link LIKE '/%'),
    dedupe_key text UNIQUE,
    status text NOT NULL DEFAULT 'queued' CHECK (status IN (${list(STATUSES)})),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    transport text,
    provider_id text,
    sent_at timestamptz,
    ${standard})`.execute(db);
  // The dispatcher's question on every tick: what is due now?
  await sql`CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('queued', 'failed')`.execute(db);
  await sql`CREATE INDEX notification_outbox_status ON notification_outbox (status, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE notification_outbox`.execute(db);
  await sql`DROP TABLE notification_preferences`.execute(db);
}
