import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type Actor, isSocialCareStaff } from '../../platform/access/rules.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { notify, usersWanting } from '../../platform/notifications/notify.ts';
import type { NotificationEvent } from '../../platform/notifications/tables.ts';
import { gather } from './service.ts';
import type { WorkItem } from './work-item.ts';

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The record an item is about, for its reference: the last id in its link (the record the link opens), or the child. */
export function recordIdOf(item: Pick<WorkItem, 'href' | 'personId' | 'kind'>): string {
  const ids = item.href.match(UUID_IN_PATH);
  if (ids?.length) return ids[ids.length - 1]!;
  if (item.personId) return item.personId;
  return createHash('sha256').update(`${item.kind}|${item.href}`).digest('hex');
}

/** Which reminder an item in a work list calls for today, if any. */
export function reminderFor(item: Pick<WorkItem, 'kind' | 'due' | 'status'>, today: string): NotificationEvent | null {
  if (item.status === 'overdue' && /review/i.test(item.kind)) return 'review_overdue';
  if (item.due === addCalendarDays(today, 1) && item.status !== 'overdue') return 'decision_due_tomorrow';
  return null;
}

/**
 * The day's reminders, for each user who asked for them: an item in their work list due tomorrow, or a review that is
 * overdue. The work list is the one "Your work" shows (each capability's clocks), so a reminder never disagrees with
 * it. Each reminder's key names the event, user, day and item, so running the sweep again the same day (a restart, a
 * second instance) queues nothing twice. Answers how many messages were queued.
 */
export async function queueDailyReminders(db: Kysely<Database>, today: string): Promise<number> {
  const users = await usersWanting(db, ['decision_due_tomorrow', 'review_overdue']);
  let queued = 0;
  for (const user of users) {
    const actor = { id: user.id, agencyId: user.agency_id, agencyKind: user.kind, roles: user.roles as Actor['roles'] };
    const items = await gather({ db, userIds: [user.id], agencyIds: [user.agency_id], frontDoor: isSocialCareStaff(actor), today, countOnly: true });
    const wanted = items.flatMap((item) => {
      const event = reminderFor(item, today);
      return event && user.events.includes(event) ? [{ item, event }] : [];
    });
    if (!wanted.length) continue;
    queued += await db.transaction().execute(async (trx) => {
      let n = 0;
      for (const { item, event } of wanted) {
        n += await notify(trx, {
          event,
          userIds: [user.id],
          recordId: recordIdOf(item),
          link: item.href,
          dedupeKey: (userId) => `${event}|${userId}|${today}|${item.kind}|${item.href}`,
        });
      }
      return n;
    });
  }
  return queued;
}
