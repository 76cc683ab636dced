import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { allocations, heldBy } from '../casework/service.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { fullName } from '../people/names.ts';
import * as repo from './repository.ts';
import { visitClock } from './rules.ts';

/** Visits due within this many days are listed, so the inbox shows what needs arranging soon. */
const VISIT_NOTICE_DAYS = 14;

/**
 * Private fostering visits due or overdue. Each goes to the worker who holds the child's case or, while nobody
 * does (privately fostered children are often not otherwise known to social care), to the social worker who
 * recorded the notification; a manager sees their team's through the team view.
 */
export const privateFosteringWork: WorkSource = async (query) => {
  const { db, userIds, today } = query;
  if (!userIds.length) return [];
  const personIds = await heldBy(db, userIds, query);
  const rows = await repo.currentArrangementsReaching(db, { personIds, recordedBy: userIds });
  if (!rows.length) return [];
  const [held, last] = await Promise.all([allocations(db, rows.map((r) => r.person_id)), repo.lastVisits(db, rows.map((r) => r.id))]);
  const wanted = new Set(userIds);
  const horizon = addCalendarDays(today, VISIT_NOTICE_DAYS);
  const items: WorkItem[] = [];
  for (const r of rows) {
    const clock = visitClock({ notifiedOn: r.notified_on, startDate: r.start_date, endedOn: null }, last.get(r.id) ?? null, today);
    if (!clock || clock.due > horizon) continue;
    const owner = held.get(r.person_id)?.workerId ?? r.created_by;
    if (!owner || !wanted.has(owner)) continue;
    const first = !last.has(r.id);
    const title = `${first ? 'First private fostering visit' : 'Private fostering visit'} ${clock.status === 'overdue' ? 'overdue' : 'due'}`;
    items.push({ kind: 'private_fostering.visit', title, subject: fullName(r), personId: r.person_id, href: `/private-fostering/${r.id}/visits/new`, due: clock.due, status: clock.status, assigneeId: owner });
  }
  return items;
};
