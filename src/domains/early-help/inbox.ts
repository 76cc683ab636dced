import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';
import { findEarlyHelpAgency } from './repository.ts';
import { agenciesOfUsers, openActionsOwnedBy, openCasesLedBy, unallocatedCases } from './repository-inbox.ts';

/** An early help case should have a lead professional within 5 working days of arriving. */
export const ALLOCATION_WORKING_DAYS = 5;
/** An assessment not registered 20 working days after the case opened is chased. */
export const ASSESSMENT_WORKING_DAYS = 20;

const href = (caseId: string) => `/early-help/cases/${caseId}`;
const name = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;

/**
 * Early help's work: reviews coming up or overdue on the cases a user leads, assessments still not registered 20
 * working days after the case opened, plan actions they own, and — for the early help service — cases waiting for
 * a lead professional. Every status is worked out from the due date today.
 */
export const earlyHelpWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, agencyIds, today } = query;
  if (!userIds.length) return [];
  const eh = await findEarlyHelpAgency(db);
  const forService = Boolean(eh && agencyIds.includes(eh.id));
  const [led, actions, unallocated, users] = await Promise.all([
    openCasesLedBy(db, userIds),
    openActionsOwnedBy(db, userIds),
    forService ? unallocatedCases(db) : Promise.resolve([]),
    forService ? agenciesOfUsers(db, userIds) : Promise.resolve([]),
  ]);
  const items: WorkItem[] = [];
  for (const c of led) {
    const about = { subject: name(c), personId: c.person_id, assigneeId: c.lead_professional_id! };
    if (c.next_review_due) {
      const status = clockStatus(c.next_review_due, today);
      items.push({ ...about, kind: 'early_help.review', title: status === 'overdue' ? 'Early help review overdue' : 'Early help review due', href: `${href(c.id)}#reviews`, due: c.next_review_due, status });
    }
    const assessmentDue = addWorkingDays(c.opened_on, ASSESSMENT_WORKING_DAYS);
    if (!c.registered && today > assessmentDue) {
      items.push({ ...about, kind: 'early_help.assessment', title: 'Early help assessment not registered', href: `${href(c.id)}/assessment`, due: assessmentDue, status: clockStatus(assessmentDue, today) });
    }
  }
  for (const a of actions) {
    items.push({ kind: 'early_help.action', title: 'Early help plan action', subject: name(a), personId: a.person_id, href: `${href(a.case_id)}#plan`, due: a.due_on, status: clockStatus(a.due_on, today), assigneeId: a.owner_id });
  }
  if (unallocated.length) {
    const assignee = users.find((u) => u.agency_id === eh!.id)?.id ?? userIds[0]!;
    for (const c of unallocated) {
      const due = addWorkingDays(c.opened_on, ALLOCATION_WORKING_DAYS);
      items.push({ kind: 'early_help.allocation', title: 'Early help case awaiting a lead professional', subject: name(c), personId: c.person_id, href: `${href(c.id)}/allocate`, due, status: clockStatus(due, today), assigneeId: assignee });
    }
  }
  return items;
};
