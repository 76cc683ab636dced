import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import * as outbox from './outbox.ts';
import { insertMessages, recipients } from './outbox.ts';
import type { NotificationEvent } from './tables.ts';
import { shortReference } from './templates.ts';

export interface Notification {
  event: NotificationEvent;
  /** The users it may be for: only those who chose this event, and are not disabled, are sent anything. */
  userIds: readonly string[];
  /** The record it is about: only its short reference goes into the message. */
  recordId: string;
  /** The page in Cairn to open, as a path (`/people/…`): only opaque ids, never a name. */
  link: string;
  /** For reminders: a key per recipient that makes a second notification of the same thing a no-op. */
  dedupeKey?: (userId: string) => string;
}

/**
 * The one way anything in Cairn sends an email or text message. It is called inside the transaction that makes the
 * change, and only adds rows to the outbox there (a transactional outbox): if the change is rolled back, nothing was
 * queued and nothing is sent. The dispatcher sends what is queued. Returns the number of messages queued.
 */
export async function notify(trx: Kysely<Database>, notification: Notification): Promise<number> {
  if (!notification.link.startsWith('/')) throw new Error('A notification links to a path in Cairn');
  const who = await recipients(trx, notification.userIds, notification.event);
  const reference = shortReference(notification.recordId);
  return insertMessages(
    trx,
    who.map((r) => ({
      userId: r.user_id,
      event: notification.event,
      channel: r.channel,
      reference,
      link: notification.link,
      dedupeKey: notification.dedupeKey?.(r.user_id) ?? null,
    })),
  );
}

/** Enabled users who chose any of these events, with what a work list needs to know of them. */
export const usersWanting = (db: Kysely<Database>, events: readonly NotificationEvent[]) => outbox.usersWanting(db, events);
