import type { ColumnType, Generated } from 'kysely';
import type { Moment, Standard } from '../../db/types.ts';

/** The events a user may ask to be told about (migration 0022 lists the same codes). */
export const NOTIFICATION_EVENTS = ['case_allocated', 'step_up_received', 'decision_due_tomorrow', 'review_overdue'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Where a message stands: `queued` waits for the dispatcher; `failed` waits for its next try after an error; `held` could
 * not be sent because no channel is configured for it (it is queued again when one is); `sent`; `given_up` after the
 * last attempt, or when the recipient can no longer receive it (disabled, no mobile number).
 */
export const OUTBOX_STATUSES = ['queued', 'failed', 'held', 'sent', 'given_up'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NotificationOutboxTable extends Standard {
  id: Generated<string>;
  user_id: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  /** The record's opaque short reference: never a name or anything else about the child. */
  reference: string;
  /** A path in Cairn (the page to open), made absolute with the public address when sent. */
  link: string;
  /** Set for reminders so the daily sweep sends each one once a day, however often it runs. */
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Moment;
  /** What went wrong, in words that carry no personal data (never the address or the provider's echo of it). */
  last_error: string | null;
  /** How it went: 'smtp' or 'notify', once tried. */
  transport: string | null;
  /** The message id the relay or GOV.UK Notify gave it. */
  provider_id: string | null;
  sent_at: Date | null;
}

export interface NotificationPreferencesTable extends Standard {
  id: Generated<string>;
  user_id: string;
  events: ColumnType<NotificationEvent[], NotificationEvent[] | undefined, NotificationEvent[]>;
  channel: NotificationChannel;
  /** A UK mobile number in +447 form, for text messages. */
  mobile: string | null;
}

export interface NotificationTables {
  notification_outbox: NotificationOutboxTable;
  notification_preferences: NotificationPreferencesTable;
}
