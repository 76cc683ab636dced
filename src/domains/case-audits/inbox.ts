import { clockStatus } from '../../platform/calendar/clocks.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import * as repo from './repository.ts';

/**
 * Case audit answers still to submit, for the managers and partner practitioners of each agency taking part (the
 * people who usually answer for it, as for Section 11), while the audit is open. Items name the audit, never a child.
 */
export const caseAuditWork: WorkSource = async (query) => {
  const users = await repo.answerers(query.db, query.userIds);
  if (!users.length) return [];
  const open = await repo.awaitingAnswers(query.db, [...new Set(users.map((u) => u.agency_id))]);
  const items: WorkItem[] = [];
  for (const a of open) {
    const status = clockStatus(a.answers_due_on, query.today);
    for (const u of users.filter((x) => x.agency_id === a.agency_id)) {
      items.push({ kind: 'case_audit.answers', title: status === 'overdue' ? 'Case audit answers overdue' : 'Case audit answers due', subject: a.title, personId: null, href: `/audits/${a.id}/answers`, due: a.answers_due_on, status, assigneeId: u.id });
    }
  }
  return items;
};
