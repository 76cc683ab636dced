import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { NotificationChannel, NotificationEvent, OutboxStatus } from './tables.ts';

/** The outbox's SQL: what the notification interface, the dispatcher and the administrators' page read and write. */

export interface NewMessage {
  userId: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  reference: string;
  link: string;
  dedupeKey: string | null;
}

/** Adds messages in the caller's transaction; a reminder already queued under the same key is left as it is. */
export async function insertMessages(trx: Kysely<Database>, messages: readonly NewMessage[]): Promise<number> {
  if (!messages.length) return 0;
  const rows = await trx
    .insertInto('notification_outbox')
    .values(messages.map((m) => ({ user_id: m.userId, event: m.event, channel: m.channel, reference: m.reference, link: m.link, dedupe_key: m.dedupeKey, next_attempt_at: new Date() })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Who may be told about an event, with how they asked to be told: enabled users who chose it. */
export function recipients(db: Kysely<Database>, userIds: readonly string[], event: NotificationEvent) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('notification_preferences as p')
    .innerJoin('users', 'users.id', 'p.user_id')
    .select(['p.user_id', 'p.channel'])
    .where('p.user_id', 'in', [...new Set(userIds)])
    .where('users.disabled', '=', false)
    .where(sql<boolean>`${event} = ANY(p.events)`)
    .execute();
}

/** Everyone who chose any of these events (the daily reminders start from them), enabled users only. */
export function usersWanting(db: Kysely<Database>, events: readonly NotificationEvent[]) {
  return db
    .selectFrom('notification_preferences as p')
    .innerJoin('users', 'users.id', 'p.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.agency_id', 'users.roles', 'agencies.kind', 'p.events'])
    .where('users.disabled', '=', false)
    .where(sql<boolean>`p.events && ${sql.val(events)}::text[]`)
    .orderBy('users.id')
    .execute();
}

export interface ClaimedMessage {
  id: string;
  userId: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  reference: string;
  link: string;
  attempts: number;
  email: string;
  mobile: string | null;
  disabled: boolean;
}

/**
 * Claims up to `limit` due messages for this dispatcher: each one's next attempt is pushed `leaseMs` ahead and its
 * attempt counted. `SKIP LOCKED` lets several instances claim side by side without taking
 * the same row; a dispatcher that dies mid-send leaves its rows to come due again when the lease runs out.
 */
export async function claimDue(db: Kysely<Database>, channels: readonly NotificationChannel[], now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
  if (!channels.length) return [];
  // One statement, so the claim is atomic on PGlite's single connection too, where two transactions would interleave.
  const claimed = await db
    .updateTable('notification_outbox')
    .set({ next_attempt_at: new Date(now.getTime() + leaseMs), attempts: sql<number>`attempts + 1`, updated_at: now, version: sql<number>`version + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notification_outbox')
        .select('id')
        .where('status', 'in', ['queued', 'failed'])
        .where('channel', 'in', [...channels])
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  if (!claimed.length) return [];
  const rows = await db
    .selectFrom('notification_outbox as o')
    .innerJoin('users', 'users.id', 'o.user_id')
    .leftJoin('notification_preferences as p', 'p.user_id', 'o.user_id')
    .select(['o.id', 'o.user_id', 'o.event', 'o.channel', 'o.reference', 'o.link', 'o.attempts', 'users.email', 'users.disabled', 'p.mobile'])
    .where('o.id', 'in', claimed.map((c) => c.id))
    .orderBy('o.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, event: r.event, channel: r.channel, reference: r.reference, link: r.link, attempts: r.attempts, email: r.email, mobile: r.mobile, disabled: r.disabled }));
}

type Outcome =
  | { status: 'sent'; transport: string; providerId: string | null }
  | { status: 'failed'; transport: string | null; error: string; nextAttemptAt: Date }
  | { status: 'given_up'; transport: string | null; error: string };

/** Records how an attempt went. */
export async function recordOutcome(db: Kysely<Database>, id: string, outcome: Outcome, now = new Date()): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({
      status: outcome.status,
      transport: outcome.transport,
      updated_at: now,
      version: sql<number>`version + 1`,
      ...(outcome.status === 'sent'
        ? { sent_at: now, provider_id: outcome.providerId, last_error: null }
        : { last_error: outcome.error, ...(outcome.status === 'failed' ? { next_attempt_at: outcome.nextAttemptAt } : {}) }),
    })
    .where('id', '=', id)
    .execute();
}

export const NO_CHANNEL = 'Not sent: no channel configured';

/** Messages for a channel nobody configured wait, marked so administrators can see why, and are not counted as tries. */
export async function holdUnsendable(db: Kysely<Database>, unavailable: readonly NotificationChannel[], now = new Date()): Promise<number> {
  if (!unavailable.length) return 0;
  const rows = await db
    .updateTable('notification_outbox')
    .set({ status: 'held', last_error: NO_CHANNEL, updated_at: now, version: sql<number>`version + 1` })
    .where('status', 'in', ['queued', 'failed'])
    .where('channel', 'in', [...unavailable])
    .returning('id')
    .execute();
  return rows.length;
}

/** Messages held for want of a channel go back in the queue once their channel is configured. */
export async function releaseHeld(db: Kysely<Database>, channels: readonly NotificationChannel[], now = new Date()): Promise<number> {
  if (!channels.length) return 0;
  const rows = await db
    .updateTable('notification_outbox')
    .set({ status: 'queued', next_attempt_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('status', '=', 'held')
    .where('channel', 'in', [...channels])
    .returning('id')
    .execute();
  return rows.length;
}

export async function listMessages(db: Kysely<Database>, status: OutboxStatus | null, limit: number) {
  let query = db
    .selectFrom('notification_outbox as o')
    .innerJoin('users', 'users.id', 'o.user_id')
    .select(['o.id', 'o.event', 'o.channel', 'o.reference', 'o.status', 'o.attempts', 'o.next_attempt_at', 'o.last_error', 'o.transport', 'o.sent_at', 'o.created_at', 'o.version', 'users.name as user_name']);
  if (status) query = query.where('o.status', '=', status);
  return query.orderBy('o.created_at', 'desc').orderBy('o.id').limit(limit).execute();
}

export async function countByStatus(db: Kysely<Database>): Promise<Map<OutboxStatus, number>> {
  const rows = await db.selectFrom('notification_outbox').select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export const findMessage = (db: Kysely<Database>, id: string) => db.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirst();
