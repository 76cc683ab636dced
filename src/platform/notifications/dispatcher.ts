import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { ukToday } from '../calendar/working-days.ts';
import { trackJob } from '../ops/metrics.ts';
import { PollLoop } from '../ops/poll-loop.ts';
import { describeFailure, type Transport, transportsFor } from './channels.ts';
import type { NotificationSettings } from './config.ts';
import { claimDue, type ClaimedMessage, holdUnsendable, recordOutcome, releaseHeld } from './outbox.ts';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './tables.ts';
import { renderMessage, renderText } from './templates.ts';

/** The first retry a minute after a failure, doubling each time, never more than six hours apart. */
const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 6 * 60 * 60_000;
/** How long a claimed message is ours before another dispatcher may take it (a send never takes this long). */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;

/** How long to wait before the next try after `attempts` failed ones (1 → 1 minute, 2 → 2, 3 → 4 …). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
}

/** The hour of the day in the UK (the reminders go out after a set hour there, whatever the server's time zone). */
function ukHour(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' }).format(now));
}

/** The day's reminders: given the database and the UK day, queues what is due and answers how many were queued. */
export type ReminderSweep = (db: Kysely<Database>, today: string) => Promise<number>;

export interface DispatcherOptions {
  db: Kysely<Database>;
  settings: NotificationSettings;
  sweep?: ReminderSweep;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** Tests give transports of their own; otherwise they come from the settings. */
  transports?: Map<NotificationChannel, Transport>;
}

export interface TickResult {
  sent: number;
  failed: number;
  givenUp: number;
  held: number;
  reminders: number;
}

/**
 * Sends what the outbox holds, in the Cairn process: every `pollSeconds` it claims due messages, renders each one
 * (reference and link only), sends it through the configured transport, and records the outcome. A failure is tried
 * again after a doubling wait until `maxAttempts`, then given up. Once a day, after the reminder hour, it runs the
 * reminder sweep. `stop` waits for the tick in progress, so a shutdown never cuts a send off half-recorded.
 */
export class Dispatcher {
  private readonly db: Kysely<Database>;
  private readonly settings: NotificationSettings;
  private readonly transports: Map<NotificationChannel, Transport>;
  private readonly sweep: ReminderSweep | undefined;
  private readonly log: DispatcherOptions['log'];
  private readonly loop: PollLoop;
  private lastReminderDay: string | null = null;

  constructor(options: DispatcherOptions) {
    this.db = options.db;
    this.settings = options.settings;
    this.transports = options.transports ?? transportsFor(options.settings);
    this.sweep = options.sweep;
    this.log = options.log;
    this.loop = new PollLoop({
      round: () => this.tick(),
      intervalMs: this.settings.pollSeconds * 1000,
      onError: (error) => this.log?.error({ err: describeFailure(error) }, 'the notification dispatcher failed a round; it will try again'),
    });
  }

  /** Which channels can be sent now. */
  get channels(): NotificationChannel[] {
    return NOTIFICATION_CHANNELS.filter((c) => this.transports.has(c));
  }

  start(): void {
    // Held messages whose channel is now configured go back in the queue at start-up.
    this.loop.start(async () => {
      const released = await releaseHeld(this.db, this.channels);
      if (released) this.log?.info({ released }, 'notifications held for want of a channel are queued again');
    });
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    for (const transport of new Set(this.transports.values())) transport.close();
  }

  /** One round: the day's reminders if they are due, then every message due now (in batches). */
  async tick(now = new Date()): Promise<TickResult> {
    const result: TickResult = { sent: 0, failed: 0, givenUp: 0, held: 0, reminders: 0 };
    const today = ukToday(now);
    if (this.sweep && this.lastReminderDay !== today && ukHour(now) >= this.settings.reminderHour) {
      const sweep = this.sweep;
      result.reminders = await trackJob('notification-reminders', () => sweep(this.db, today));
      this.lastReminderDay = today;
    }
    result.held = await holdUnsendable(this.db, NOTIFICATION_CHANNELS.filter((c) => !this.transports.has(c)), now);
    for (;;) {
      const batch = await claimDue(this.db, this.channels, now, BATCH, LEASE_MS);
      for (const message of batch) result[await this.deliver(message, now)] += 1;
      if (batch.length < BATCH || !this.loop.running) break;
    }
    return result;
  }

  private async deliver(message: ClaimedMessage, now: Date): Promise<'sent' | 'failed' | 'givenUp'> {
    const transport = this.transports.get(message.channel)!;
    const to = message.channel === 'sms' ? message.mobile : message.email;
    if (message.disabled || !to) {
      const error = message.disabled ? 'Not sent: the account is disabled' : 'Not sent: no mobile number saved for text messages';
      await recordOutcome(this.db, message.id, { status: 'given_up', transport: null, error }, now);
      return 'givenUp';
    }
    const url = `${this.settings.publicUrl}${message.link}`;
    const rendered = message.channel === 'sms' ? renderText(message.event, message.reference, url) : renderMessage(message.event, message.reference, url);
    try {
      const providerId = await trackJob(`notification-${message.channel}`, () => transport.send(message.channel, to, rendered, message.id));
      await recordOutcome(this.db, message.id, { status: 'sent', transport: transport.name, providerId }, new Date());
      return 'sent';
    } catch (error) {
      const why = describeFailure(error);
      const last = message.attempts >= this.settings.maxAttempts;
      this.log?.warn({ outboxId: message.id, attempts: message.attempts, error: why, givenUp: last }, 'a notification could not be sent');
      await recordOutcome(
        this.db,
        message.id,
        last ? { status: 'given_up', transport: transport.name, error: why } : { status: 'failed', transport: transport.name, error: why, nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)) },
        new Date(),
      );
      return last ? 'givenUp' : 'failed';
    }
  }
}
