import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { countWebhookDelivery } from '../../platform/ops/metrics.ts';
import { PollLoop } from '../../platform/ops/poll-loop.ts';
import * as repo from './repository-webhooks.ts';
import { openSecret } from './secrets.ts';
import { SIGNATURE_HEADER, signWebhook } from './signing.ts';

export interface DispatcherOptions {
  sessionSecret: string;
  /** How often the outbox is looked at when idle. */
  pollMs?: number;
  /** How long a receiver has to answer one attempt. */
  timeoutMs?: number;
  /** Attempts before a delivery is marked failed (an administrator may then send it again). */
  maxAttempts?: number;
  /** The wait after the first failure; it doubles with each attempt, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  batch?: number;
  log?: FastifyBaseLogger;
}

/** The wait before attempt `attempts + 1`: exponential, capped, with jitter so failed receivers are not hit in step. */
export function retryDelay(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const describeFailure = (error: unknown, timeoutMs: number): string => {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `No answer within ${timeoutMs / 1000} seconds`;
  if (e.cause?.code) return `Could not connect (${e.cause.code})`;
  return 'Could not connect';
};

/**
 * The webhook delivery loop, in the Cairn process: claims due deliveries from the outbox, posts each signed, and
 * records the answer. A 2xx is delivered; anything else (another status, a timeout, no connection) is tried again
 * with exponential back-off until `maxAttempts`, then failed. Redirects are not followed: a receiver must answer at
 * the address it registered. Each request carries the delivery's id (`Cairn-Delivery`), the same on every attempt,
 * so a receiver that answered too slowly the first time can tell a repeat.
 */
export class WebhookDispatcher {
  private readonly o: Required<Omit<DispatcherOptions, 'log'>> & { log?: FastifyBaseLogger };
  private readonly loop: PollLoop;

  constructor(
    private readonly db: Kysely<Database>,
    options: DispatcherOptions,
  ) {
    this.o = { pollMs: 2_000, timeoutMs: 10_000, maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000, batch: 10, ...options };
    this.loop = new PollLoop({ round: () => this.runOnce(), intervalMs: this.o.pollMs, onError: (error) => this.o.log?.error({ err: error }, 'webhook delivery pass failed') });
  }

  /** One pass: sends every delivery due at `now` (in batches) and returns how many were attempted. */
  async runOnce(now = new Date()): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await repo.claimDue(this.db, now, this.o.timeoutMs * 3, this.o.batch);
      await Promise.all(due.map((d) => this.attempt(d, now)));
      attempted += due.length;
      if (due.length < this.o.batch) return attempted;
    }
  }

  private async attempt(delivery: repo.ClaimedDelivery, now: Date): Promise<void> {
    const outcome = await this.send(delivery);
    const at = new Date();
    if (outcome.ok) {
      countWebhookDelivery('delivered');
      return repo.recordAttempt(this.db, delivery.id, { status: 'delivered', statusCode: outcome.statusCode, error: null, nextAttemptAt: null, at });
    }
    const last = outcome.final || delivery.attempts >= this.o.maxAttempts;
    countWebhookDelivery(last ? 'failed' : 'retrying');
    const nextAttemptAt = last ? null : new Date(now.getTime() + retryDelay(delivery.attempts, this.o.baseDelayMs, this.o.maxDelayMs));
    this.o.log?.warn({ delivery: delivery.id, attempts: delivery.attempts, statusCode: outcome.statusCode, final: last }, 'webhook delivery refused');
    return repo.recordAttempt(this.db, delivery.id, { status: last ? 'failed' : 'pending', statusCode: outcome.statusCode, error: outcome.error, nextAttemptAt, at });
  }

  private async send(delivery: repo.ClaimedDelivery): Promise<{ ok: boolean; statusCode: number | null; error: string | null; final?: boolean }> {
    if (delivery.disabled_at) return { ok: false, statusCode: null, error: 'The webhook has been turned off', final: true };
    const secret = openSecret(this.o.sessionSecret, delivery.secret_ciphertext);
    if (!secret) return { ok: false, statusCode: null, error: 'The signing secret cannot be read (SESSION_SECRET has changed): register the webhook again', final: true };
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cairn-Webhooks/1',
          'cairn-delivery': delivery.id,
          'cairn-event': delivery.event_type,
          [SIGNATURE_HEADER]: signWebhook(secret, delivery.payload),
        },
        body: delivery.payload,
      });
      // The body is not read beyond draining it: a receiver's reply is not Cairn's to keep.
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `Answered ${response.status}` };
    } catch (error) {
      return { ok: false, statusCode: null, error: describeFailure(error, this.o.timeoutMs) };
    }
  }

  /** Starts the loop (main.ts, once the server listens). */
  start(): void {
    this.loop.start();
  }

  /** Stops the loop, letting attempts in flight finish (each is bounded by `timeoutMs`). */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
