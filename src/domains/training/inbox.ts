import { sql } from 'kysely';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { impactDueOn } from './service-bookings.ts';

/** How long a follow-up stays asked for before it shows as overdue, and how long news of a cancellation is shown. */
const IMPACT_RETURN_DAYS = 28;
const CANCELLATION_NOTICE_DAYS = 14;

/**
 * Training asks things of the people who booked: what changed in their practice, months after a session they
 * attended (from the course's follow-up date; overdue four weeks later), news that a session they were booked on
 * or waiting for has been cancelled, and that a place came free for them from the waiting list (until the session).
 * The news items carry no due date, so the daily reminders (which remind of what is due tomorrow) leave them out. Items name the course, never anyone else.
 */
export const trainingWork: WorkSource = async (query) => {
  const { db, today, userIds } = query;
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('training_bookings as b')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .leftJoin('training_impact_returns as i', 'i.booking_id', 'b.id')
    .select(['b.user_id', 'b.session_id', 'b.status', 'b.attendance', 'b.promoted_at', 's.held_on', 's.cancelled_on', 'c.title', 'c.impact_after_months', sql<boolean>`i.id IS NOT NULL`.as('returned')])
    .where('b.user_id', 'in', [...userIds])
    .where((eb) =>
      eb.or([
        eb.and([eb('b.attendance', '=', 'attended'), eb('i.id', 'is', null)]),
        eb.and([eb('b.status', 'in', ['booked', 'waiting']), eb('s.cancelled_on', '>=', addCalendarDays(today, -CANCELLATION_NOTICE_DAYS))]),
        eb.and([eb('b.status', '=', 'booked'), eb('b.promoted_at', 'is not', null), eb('s.held_on', '>', today), eb('s.cancelled_on', 'is', null)]),
      ]),
    )
    .execute();
  const items: WorkItem[] = [];
  for (const r of rows) {
    const href = `/training/sessions/${r.session_id}`;
    if (r.cancelled_on) {
      items.push({ kind: 'training.cancelled', title: 'Training session cancelled', subject: `${r.title}, ${formatDate(r.held_on)}`, personId: null, href, due: null, status: 'info', assigneeId: r.user_id });
      continue;
    }
    if (r.promoted_at && r.held_on > today && !r.attendance) {
      items.push({ kind: 'training.place', title: 'A training place came free for you', subject: `${r.title}, ${formatDate(r.held_on)}`, personId: null, href, due: null, status: 'info', assigneeId: r.user_id });
      continue;
    }
    const dueOn = impactDueOn(r.held_on, r.impact_after_months);
    if (dueOn > today) continue;
    const by = addCalendarDays(dueOn, IMPACT_RETURN_DAYS);
    items.push({ kind: 'training.impact', title: 'Training follow-up: what changed in your practice', subject: r.title, personId: null, href: `${href}/impact`, due: by, status: clockStatus(by, today), assigneeId: r.user_id });
  }
  return items;
};
