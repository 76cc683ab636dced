import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { returnClock } from './clocks.ts';
import * as repo from './repository.ts';

/**
 * Section 11 returns still to submit, for the managers and partner practitioners of each agency asked (the people
 * who usually answer for it): due from two weeks before the deadline, then overdue. Items name the round, never a
 * child. Returns further off than that are not listed, so the inbox is not crowded for months.
 */
export const section11Work: WorkSource = async (query) => {
  const users = await repo.answerers(query.db, query.userIds);
  if (!users.length) return [];
  const outstanding = await repo.outstandingReturns(query.db, [...new Set(users.map((u) => u.agency_id))], query.today);
  const items: WorkItem[] = [];
  for (const r of outstanding) {
    const clock = returnClock(r, query.today);
    if (clock !== 'due' && clock !== 'overdue') continue;
    for (const u of users.filter((x) => x.agency_id === r.agency_id)) {
      items.push({ kind: 'section11.return', title: clock === 'overdue' ? 'Section 11 return overdue' : 'Section 11 return due', subject: `${r.round_title}: ${r.agency_name}`, personId: null, href: `/section-11/returns/${r.id}/answer`, due: r.due_on, status: clock, assigneeId: u.id });
    }
  }
  return items;
};
