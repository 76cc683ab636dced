import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { countByStatus, findMessage, listMessages } from './outbox.ts';
import { NOTIFICATION_CHANNELS, type NotificationChannel, OUTBOX_STATUSES, type OutboxStatus } from './tables.ts';
import { EVENT_LABELS } from './templates.ts';

export const STATUS_LABELS: Record<OutboxStatus, { text: string; colour: string }> = {
  queued: { text: 'Queued', colour: 'blue' },
  failed: { text: 'Failed, will retry', colour: 'orange' },
  held: { text: 'Not sent: no channel', colour: 'grey' },
  sent: { text: 'Sent', colour: 'green' },
  given_up: { text: 'Given up', colour: 'red' },
};
const CHANNEL_LABELS: Record<NotificationChannel, string> = { email: 'Email', sms: 'Text message' };
const SHOWN = 200;
/** What an administrator may send again: anything not sent and not already waiting to go. */
const RETRYABLE: readonly OutboxStatus[] = ['failed', 'given_up', 'held'];

/** The outbox as administrators see it: who it was for (a member of staff), the event, reference and how it went. */
export async function outboxPage(db: Kysely<Database>, statusFilter: string, channels: readonly NotificationChannel[]) {
  const status = (OUTBOX_STATUSES as readonly string[]).includes(statusFilter) ? (statusFilter as OutboxStatus) : null;
  const [rows, counts] = await Promise.all([listMessages(db, status, SHOWN), countByStatus(db)]);
  return {
    status: status ?? '',
    statusItems: [
      { value: '', text: 'Every status', selected: !status },
      ...OUTBOX_STATUSES.map((s) => ({ value: s, text: `${STATUS_LABELS[s].text} (${counts.get(s) ?? 0})`, selected: s === status })),
    ],
    total: status ? (counts.get(status) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0),
    shownLimit: SHOWN,
    channels: NOTIFICATION_CHANNELS.map((c) => ({ label: CHANNEL_LABELS[c], available: channels.includes(c) })),
    messages: rows.map((r) => ({
      id: r.id,
      version: r.version,
      createdAt: r.created_at,
      recipient: r.user_name,
      event: EVENT_LABELS[r.event].label,
      channel: CHANNEL_LABELS[r.channel],
      reference: r.reference,
      status: STATUS_LABELS[r.status],
      attempts: r.attempts,
      nextAttemptAt: r.status === 'queued' || r.status === 'failed' ? r.next_attempt_at : null,
      sentAt: r.sent_at,
      lastError: r.last_error,
      transport: r.transport === 'notify' ? 'GOV.UK Notify' : r.transport === 'smtp' ? 'Mail relay' : null,
      retryable: RETRYABLE.includes(r.status),
    })),
  };
}

/** Puts a message back in the queue for the dispatcher's next round, at the version the administrator saw. */
export async function retryMessage(db: Kysely<Database>, id: string, version: number): Promise<'queued' | 'missing' | 'changed'> {
  const message = await findMessage(db, id);
  if (!message) return 'missing';
  if (!RETRYABLE.includes(message.status) || !Number.isInteger(version)) return 'changed';
  const saved = await updateAtVersion(db, 'notification_outbox', id, version, { status: 'queued', next_attempt_at: new Date() });
  return saved ? 'queued' : 'changed';
}
