import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { allocations, heldWithinReach, lastVisitDates } from '../casework/service.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';
import { escalations, nextVisitDue } from './model.ts';
import * as repo from './repository.ts';

/** Escalations show in the managers' work from a month before the plan reaches 9 or 12 months. */
const ESCALATION_NOTICE_MONTHS = 1;

/**
 * Child protection's work: initial and review conferences due (the allocated worker and the chair), section 47
 * outcomes outstanding, core groups and visits due (the worker), and plans reaching 9 and 12 months (the managers
 * of the worker's team) until the review is recorded. Only children's social care holds this work.
 */
export const childProtectionWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, today } = query;
  if (!userIds.length || !query.frontDoor) return [];
  const users = new Set(userIds);
  // The children these users hold (or their teams do, for a manager's escalations); conferences also reach their chair.
  const reach = await heldWithinReach(db, userIds, query);
  const [plans, enquiries, conferences] = await Promise.all([repo.openPlansOf(db, reach), repo.openSection47sOf(db, reach), repo.scheduledConferencesFor(db, reach, userIds)]);
  const people = [...new Set([...plans, ...enquiries, ...conferences].map((r) => r.person_id))];
  if (!people.length) return [];
  const held = await allocations(db, people);
  const managers = await repo.managersOfTeams(db, [...new Set([...held.values()].flatMap((a) => (a.teamId ? [a.teamId] : [])))]);
  const workerOf = (personId: string) => held.get(personId)?.workerId ?? null;
  const mine = (personId: string) => {
    const worker = workerOf(personId);
    return worker && users.has(worker) ? worker : null;
  };
  const items: WorkItem[] = [];
  const add = (item: Omit<WorkItem, 'assigneeId'>, assignees: (string | null)[]) => {
    for (const assigneeId of new Set(assignees)) if (assigneeId && users.has(assigneeId)) items.push({ ...item, assigneeId });
  };
  const name = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;

  for (const c of conferences) {
    const initial = c.kind !== 'review';
    const title = `${initial ? (c.kind === 'initial' ? 'Initial' : 'Transfer-in') : 'Review'} child protection conference ${today > c.due_date ? 'overdue' : 'due'}`;
    add({ kind: initial ? 'cp.initial_conference' : 'cp.review_conference', title, subject: name(c), personId: c.person_id, href: `/child-protection/conferences/${c.id}`, due: c.due_date, status: clockStatus(c.due_date, today) }, [workerOf(c.person_id), c.chair_id]);
  }
  for (const e of enquiries) {
    if (!mine(e.person_id)) continue;
    add({ kind: 'cp.section_47', title: 'Section 47 enquiry outcome outstanding', subject: name(e), personId: e.person_id, href: `/child-protection/enquiries/${e.id}`, due: e.icpc_target, status: clockStatus(e.icpc_target, today) }, [mine(e.person_id)]);
  }
  const workersPlans = plans.filter((p) => mine(p.person_id));
  const [coreGroups, visits] = await Promise.all([
    repo.dueCoreGroups(db, workersPlans.map((p) => p.id)),
    lastVisitDates(db, workersPlans.map((p) => p.person_id), ['child_protection']),
  ]);
  const groupsOf = new Map<string, typeof coreGroups>();
  for (const g of coreGroups) groupsOf.set(g.plan_id, [...(groupsOf.get(g.plan_id) ?? []), g]);
  workersPlans.forEach((p) => {
    const about = { subject: name(p), personId: p.person_id };
    for (const g of groupsOf.get(p.id) ?? []) {
      add({ ...about, kind: 'cp.core_group', title: today > g.due_date ? 'Core group overdue' : 'Core group due', href: `/child-protection/core-groups/${g.id}/record`, due: g.due_date, status: clockStatus(g.due_date, today) }, [mine(p.person_id)]);
    }
    const visitDue = nextVisitDue(p.start_date, visits.get(p.person_id) ?? null);
    add({ ...about, kind: 'cp.visit', title: today > visitDue ? 'Child protection visit overdue' : 'Child protection visit due', href: `/people/${p.person_id}/visits/new?purpose=child_protection`, due: visitDue, status: clockStatus(visitDue, today) }, [mine(p.person_id)]);
  });
  for (const p of plans) {
    const teamId = held.get(p.person_id)?.teamId;
    const teamManagers = teamId ? (managers.get(teamId) ?? []) : [];
    if (!teamManagers.some((m) => users.has(m))) continue;
    const e = escalations(p.start_date, today);
    const about = { subject: name(p), personId: p.person_id, href: `/child-protection/plans/${p.id}#escalations` };
    if (!p.legal_planning_on && today >= addMonths(e.legalPlanning, -ESCALATION_NOTICE_MONTHS)) {
      add({ ...about, kind: 'cp.legal_planning', title: 'Plan at 12 months: legal planning', due: e.legalPlanning, status: clockStatus(e.legalPlanning, today) }, teamManagers);
    } else if (!p.head_of_service_review_on && today >= addMonths(e.headOfService, -ESCALATION_NOTICE_MONTHS)) {
      add({ ...about, kind: 'cp.head_of_service', title: 'Plan at 9 months: head of service review', due: e.headOfService, status: clockStatus(e.headOfService, today) }, teamManagers);
    }
  }
  return items;
};
