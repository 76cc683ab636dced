import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';
import { fullName } from '../people/names.ts';
import * as repo from './repository.ts';
import { FIRST_DISCUSSION_WORKING_DAYS } from './service-views.ts';

/** How far ahead a chair is reminded of a meeting to prepare. */
const MEETING_NOTICE_DAYS = 7;

/**
 * Panel work: actions each user owns; for chairs, referrals not yet on an agenda (new ones due a first discussion
 * within 10 working days, reviews that have fallen overdue) and meetings in the coming week or still to be finished.
 */
export const panelWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, today } = query;
  const [actions, unplanned, meetings] = await Promise.all([
    repo.openActionsOwnedBy(db, userIds),
    repo.chairsUnplannedReferrals(db, userIds, today),
    repo.chairsPlannedMeetings(db, userIds, addCalendarDays(today, MEETING_NOTICE_DAYS)),
  ]);
  const items: WorkItem[] = [];
  for (const a of actions) {
    items.push({
      kind: 'panel.action', title: `Panel action: ${a.action}`, subject: fullName(a), personId: a.person_id,
      href: `/panels/referrals/${a.referral_id}#actions`, due: a.due_on, status: clockStatus(a.due_on, today), assigneeId: a.owner_id,
    });
  }
  for (const r of unplanned) {
    const due = r.status === 'awaiting' ? addWorkingDays(r.referred_on, FIRST_DISCUSSION_WORKING_DAYS) : r.next_review_due!;
    items.push({
      kind: r.status === 'awaiting' ? 'panel.awaiting' : 'panel.review_overdue',
      title: r.status === 'awaiting' ? `Referral to ${r.panel_name} awaiting a meeting` : `${r.panel_name} review overdue and not on an agenda`,
      subject: fullName(r), personId: r.person_id, href: `/panels/referrals/${r.id}`, due, status: clockStatus(due, today), assigneeId: r.chair_id!,
    });
  }
  for (const m of meetings) {
    const count = Number(m.items ?? 0);
    const past = m.meeting_date < today;
    items.push({
      kind: 'panel.meeting',
      title: past ? 'Panel meeting to finish: record its decisions' : `Panel meeting: ${count} ${count === 1 ? 'child' : 'children'} on the agenda`,
      subject: m.panel_name, personId: null, href: `/panels/meetings/${m.id}`, due: m.meeting_date, status: clockStatus(m.meeting_date, today), assigneeId: m.chair_id!,
    });
  }
  return items;
};
