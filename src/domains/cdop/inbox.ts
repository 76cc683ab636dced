import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { AGENCIES } from './labels.ts';
import * as repo from './repository.ts';

/**
 * The child death review team's work, for everyone holding the CDOP manager role: agency replies due within a
 * fortnight or overdue, and cases with every reply in, waiting for the panel. The inbox can be a manager's view
 * of a team, so items name the case by when it was notified, never the child.
 */
export const cdopWork: WorkSource = async (query) => {
  const { db, today } = query;
  const owners = await repo.cdopUsers(db, query.userIds);
  if (!owners.length) return [];
  const [requests, ready] = await Promise.all([repo.outstandingRequests(db), repo.casesAwaitingReview(db)]);
  const horizon = addCalendarDays(today, 14);
  const subject = (notified: string) => `Child death notified ${formatDate(notified)}`;
  const due: Omit<WorkItem, 'assigneeId'>[] = [];
  for (const r of requests) {
    if (r.due_on > horizon) continue;
    const status = clockStatus(r.due_on, today);
    const agency = AGENCIES[r.agency as keyof typeof AGENCIES] ?? r.agency;
    due.push({ kind: 'cdop.return', title: `${status === 'overdue' ? 'Agency reply overdue' : 'Agency reply due'}: ${agency}`, subject: subject(r.notified_on), personId: null, href: `/cdop/${r.case_id}/requests/${r.id}/return`, due: r.due_on, status });
  }
  for (const c of ready) {
    due.push({ kind: 'cdop.review', title: 'Ready for panel review', subject: subject(c.notified_on), personId: null, href: `/cdop/${c.id}/review`, due: null, status: 'info' });
  }
  return owners.flatMap((assigneeId) => due.map((item) => ({ ...item, assigneeId })));
};
