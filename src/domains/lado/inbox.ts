import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import * as repo from './repository.ts';

/**
 * The LADO service's work, for everyone holding the LADO role (the service shares its cases): initial
 * considerations not yet made, and meeting actions due within a month. The inbox can be a manager's view of a
 * team, so items name the case by when it came in, never the adult or what is alleged.
 */
export const ladoWork: WorkSource = async (query) => {
  const { db, today } = query;
  const owners = await repo.ladoUsers(db, query.userIds);
  if (!owners.length) return [];
  const [undecided, actions] = await Promise.all([repo.undecidedCases(db), repo.openActions(db)]);
  const horizon = addCalendarDays(today, 31);
  const subject = (received: string) => `LADO case received ${formatDate(received)}`;
  const due: Omit<WorkItem, 'assigneeId'>[] = [];
  for (const c of undecided) {
    const status = clockStatus(c.consideration_due, today);
    due.push({ kind: 'lado.consideration', title: status === 'overdue' ? 'Initial consideration overdue' : 'Initial consideration due', subject: subject(c.received_on), personId: null, href: `/lado/${c.id}/decision`, due: c.consideration_due, status });
  }
  for (const a of actions) {
    if (a.due_on > horizon) continue;
    const status = clockStatus(a.due_on, today);
    due.push({ kind: 'lado.action', title: status === 'overdue' ? 'Meeting action overdue' : 'Meeting action due', subject: subject(a.received_on), personId: null, href: `/lado/${a.case_id}/actions/${a.id}/done`, due: a.due_on, status });
  }
  return owners.flatMap((assigneeId) => due.map((item) => ({ ...item, assigneeId })));
};
