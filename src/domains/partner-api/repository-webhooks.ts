import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DeliveryStatus } from './tables.ts';

export async function insertWebhook(db: Kysely<Database>, values: { id: string; name: string; agencyId: string; url: string; events: string[]; sealedSecret: string; createdBy: string }) {
  await db
    .insertInto('webhooks')
    .values({ id: values.id, name: values.name, agency_id: values.agencyId, url: values.url, events: values.events, secret_ciphertext: values.sealedSecret, created_by: values.createdBy })
    .execute();
}

const webhookColumns = [
  'webhooks.id',
  'webhooks.name',
  'webhooks.agency_id',
  'agencies.name as agency_name',
  'webhooks.url',
  'webhooks.events',
  'webhooks.disabled_at',
  'webhooks.disabled_by',
  'webhooks.created_at',
  'webhooks.created_by',
  'webhooks.version',
] as const;

const webhooks = (db: Kysely<Database>) => db.selectFrom('webhooks').innerJoin('agencies', 'agencies.id', 'webhooks.agency_id');

export const listWebhooks = (db: Kysely<Database>) =>
  webhooks(db)
    .select(webhookColumns)
    .select((eb) => [
      eb.selectFrom('webhook_deliveries').select(eb.fn.countAll<string>().as('n')).whereRef('webhook_deliveries.webhook_id', '=', 'webhooks.id').where('status', '=', 'failed').as('failed'),
      eb.selectFrom('webhook_deliveries').select(eb.fn.countAll<string>().as('n')).whereRef('webhook_deliveries.webhook_id', '=', 'webhooks.id').where('status', '=', 'pending').as('pending'),
    ])
    .orderBy('webhooks.disabled_at', (o) => o.desc().nullsFirst())
    .orderBy('webhooks.created_at', 'desc')
    .execute();

export const findWebhook = (db: Kysely<Database>, id: string) => webhooks(db).select(webhookColumns).where('webhooks.id', '=', id).executeTakeFirst();

/** The live webhooks of an agency that listen for this event. */
export const webhooksFor = (db: Kysely<Database>, agencyId: string, eventType: string) =>
  db
    .selectFrom('webhooks')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`${eventType} = ANY(events)`)
    .execute();

export async function insertDeliveries(db: Kysely<Database>, rows: { id: string; webhookId: string; eventId: string; eventType: string; payload: string; at: Date }[]) {
  if (!rows.length) return;
  await db
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ id: r.id, webhook_id: r.webhookId, event_id: r.eventId, event_type: r.eventType, payload: r.payload, next_attempt_at: r.at, created_at: r.at })))
    .execute();
}

export const listDeliveries = (db: Kysely<Database>, webhookId: string, limit: number) =>
  db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'last_attempt_at', 'last_status_code', 'last_error', 'delivered_at', 'created_at'])
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const findDelivery = (db: Kysely<Database>, webhookId: string, id: string) =>
  db.selectFrom('webhook_deliveries').select(['id', 'status']).where('webhook_id', '=', webhookId).where('id', '=', id).executeTakeFirst();

/** Sends a delivery again from the start: its attempts count afresh, its id (the receiver's de-duplication key) stays. */
export async function requeueDelivery(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export interface ClaimedDelivery {
  id: string;
  event_type: string;
  payload: string;
  attempts: number;
  url: string;
  secret_ciphertext: string;
  disabled_at: Date | null;
}

/**
 * Claims the deliveries due now, at most `batch`: each is leased (its next attempt moved `leaseMs` on) and its attempt
 * counted in one statement. SKIP LOCKED lets several instances claim side by side without taking the same row; a
 * process that dies mid-attempt leaves the row to be tried again when its lease runs out.
 */
export async function claimDue(db: Kysely<Database>, now: Date, leaseMs: number, batch: number): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<ClaimedDelivery>`
    UPDATE webhook_deliveries AS d
       SET next_attempt_at = ${leaseUntil}, attempts = d.attempts + 1, last_attempt_at = ${now}
      FROM webhooks AS w
     WHERE w.id = d.webhook_id
       AND d.id IN (SELECT id FROM webhook_deliveries
                     WHERE status = 'pending' AND next_attempt_at <= ${now}
                     ORDER BY next_attempt_at
                     LIMIT ${batch}
                     FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.event_type, d.payload, d.attempts, w.url, w.secret_ciphertext, w.disabled_at`.execute(db);
  return result.rows;
}

export async function recordAttempt(
  db: Kysely<Database>,
  id: string,
  outcome: { status: DeliveryStatus; statusCode: number | null; error: string | null; nextAttemptAt: Date | null; at: Date },
) {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
      ...(outcome.status === 'delivered' ? { delivered_at: outcome.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}
