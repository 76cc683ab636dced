import { clockStatus } from '../../platform/calendar/clocks.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { notificationDue, rapidReviewDue } from './labels.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';

/**
 * Practice review work. For the review chair: national panel notifications and rapid reviews not yet done. For
 * each agency's managers: their agency's overdue actions. Items name the review by reference and name, never the
 * child: the inbox can be a manager's view of a team.
 */
export const practiceReviewWork: WorkSource = async (query) => {
  const { db, today } = query;
  const [chairs, managers] = await Promise.all([repo.usersWithRole(db, query.userIds, 'review_chair'), repo.usersWithRole(db, query.userIds, 'manager')]);
  const items: WorkItem[] = [];
  if (chairs.length) {
    const due: Omit<WorkItem, 'assigneeId'>[] = [];
    for (const r of await repo.allReviews(db)) {
      if (r.rapid_review_held_on) continue;
      const subject = `${r.reference} ${r.title}`;
      if (!r.notified_on) {
        const on = notificationDue(r);
        const status = clockStatus(on, today);
        due.push({ kind: 'practice_review.notification', title: status === 'overdue' ? 'National panel notification overdue' : 'National panel notification due', subject, personId: null, href: `/practice-reviews/${r.id}/notification`, due: on, status });
      }
      const on = rapidReviewDue(r);
      const status = clockStatus(on, today);
      due.push({ kind: 'practice_review.rapid_review', title: status === 'overdue' ? 'Rapid review overdue' : 'Rapid review due', subject, personId: null, href: `/practice-reviews/${r.id}/rapid-review`, due: on, status });
    }
    items.push(...chairs.flatMap((c) => due.map((item) => ({ ...item, assigneeId: c.id }))));
  }
  if (managers.length) {
    const overdue = await actions.overdueActions(db, today, [...new Set(managers.map((m) => m.agency_id))]);
    for (const m of managers) {
      for (const a of overdue.filter((x) => x.agency_id === m.agency_id)) {
        items.push({ kind: 'practice_review.action', title: 'Practice review action overdue', subject: `${a.reference} ${a.title}`, personId: null, href: `/practice-reviews/actions/${a.id}`, due: a.due_on, status: 'overdue', assigneeId: m.id });
      }
    }
  }
  return items;
};
