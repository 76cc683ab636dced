import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ContactOutcome, Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import * as repo from './repository-webhooks.ts';
import { newSigningSecret, sealSecret } from './secrets.ts';

export const WEBHOOK_EVENTS = {
  'contact.decided': 'A contact the agency made has been decided (the decision signed off)',
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A webhook address Cairn will post to: HTTPS, so the signed body and the partner's reply travel encrypted; plain
 * HTTP only to this machine itself (a receiver under development or in the tests), never across a network. No user
 * name or password in the address: the signature is how the receiver knows it is Cairn.
 */
export function checkWebhookUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'Enter the full web address, starting with https://';
  }
  if (url.username || url.password) return 'The web address must not contain a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'The web address must start with https:// (http:// is allowed only for localhost)';
}

export interface NewWebhook {
  name: string;
  agencyId: string;
  url: string;
  events: WebhookEvent[];
}

/** Registers a webhook; the signing secret is returned this once (it is kept encrypted, for signing). */
export async function registerWebhook(ctx: RequestContext, sessionSecret: string, input: NewWebhook, idempotencyKey: string): Promise<{ id: string; secret: string | null }> {
  authorise(ctx, 'integrations.manage');
  const problem = checkWebhookUrl(input.url);
  if (problem) throw new FieldProblem('url', problem);
  const agency = await ctx.db.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new FieldProblem('agencyId', 'Select the agency whose events it receives');
  const id = uuidv7();
  const secret = newSigningSecret();
  const result = await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'webhook', resourceId: id }, (trx) =>
    repo.insertWebhook(trx, { id, name: input.name, agencyId: input.agencyId, url: input.url, events: input.events, sealedSecret: sealSecret(sessionSecret, secret), createdBy: ctx.actor.id }),
  );
  return { id: result.id, secret: result.replayed ? null : secret };
}

export async function listWebhooks(ctx: RequestContext) {
  authorise(ctx, 'integrations.manage');
  return repo.listWebhooks(ctx.db);
}

export type WebhookRow = NonNullable<Awaited<ReturnType<typeof repo.findWebhook>>>;

export async function findWebhook(ctx: RequestContext, id: string): Promise<WebhookRow> {
  authorise(ctx, 'integrations.manage');
  const webhook = UUID.test(id) ? await repo.findWebhook(ctx.db, id) : undefined;
  if (!webhook) throw new NotFoundError('This webhook does not exist.');
  return webhook;
}

/** Stops a webhook at the version the administrator read: nothing more is queued for it, and what is queued fails. */
export async function disableWebhook(ctx: RequestContext, id: string, version: number): Promise<void> {
  const webhook = await findWebhook(ctx, id);
  if (webhook.disabled_at) throw new ConflictError('This webhook has already been turned off.');
  if (!(await updateAtVersion(ctx.db, 'webhooks', id, version, { disabled_at: new Date(), disabled_by: ctx.actor.id }))) {
    throw new ConflictError('Someone else changed this webhook after you opened it. Look at it again before turning it off.');
  }
}

export const DELIVERIES_SHOWN = 100;

export async function deliveriesOf(ctx: RequestContext, webhookId: string) {
  const webhook = await findWebhook(ctx, webhookId);
  return { webhook, deliveries: await repo.listDeliveries(ctx.db, webhook.id, DELIVERIES_SHOWN) };
}

/** Sends a delivered or failed delivery again (the receiver lost it, or was down for longer than the retries). */
export async function redeliver(ctx: RequestContext, webhookId: string, deliveryId: string): Promise<void> {
  const webhook = await findWebhook(ctx, webhookId);
  if (webhook.disabled_at) throw new StateError('This webhook has been turned off, so nothing can be sent to it.');
  const delivery = UUID.test(deliveryId) ? await repo.findDelivery(ctx.db, webhook.id, deliveryId) : undefined;
  if (!delivery) throw new NotFoundError('This delivery does not exist.');
  if (!(await repo.requeueDelivery(ctx.db, delivery.id, new Date()))) throw new StateError('This delivery is already waiting to be sent.');
}

/**
 * Queues `contact.decided` for every live webhook of the agency that made the contact, in the caller's transaction
 * (the transactional outbox): a decision rolled back queues nothing, and a decision saved is never lost. The payload
 * names no one and carries no free text: the contact's id, the outcome's code and where to read it through the API.
 */
export async function queueContactDecided(trx: Kysely<Database>, event: { contactId: string; madeByAgencyId: string; outcome: ContactOutcome; decidedAt: Date }) {
  const hooks = await repo.webhooksFor(trx, event.madeByAgencyId, 'contact.decided');
  if (!hooks.length) return;
  const eventId = uuidv7();
  const payload = JSON.stringify({
    id: eventId,
    type: 'contact.decided',
    occurredAt: event.decidedAt.toISOString(),
    data: { contact: { id: event.contactId, outcome: event.outcome, decidedAt: event.decidedAt.toISOString(), href: `/api/v1/contacts/${event.contactId}` } },
  });
  await repo.insertDeliveries(trx, hooks.map((h) => ({ id: uuidv7(), webhookId: h.id, eventId, eventType: 'contact.decided', payload, at: event.decidedAt })));
}
