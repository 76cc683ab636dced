import { clockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { allocations, heldWithinReach, lastVisitDates } from '../casework/service.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';
import { assessmentClock } from './clock.ts';
import { managersAmong, teamsOfUsers } from './repository.ts';
import { openAssessments, openPlans } from './repository-inbox.ts';

const name = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;

/**
 * Referral work: assessments due or overdue for their allocated worker (amber from the warning point), assessments
 * submitted for authorisation for the managers of the worker's team, and for each child in need plan its review
 * and its statutory visit (20 working days from the plan's start or the last child in need visit).
 */
export const referralWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, today } = query;
  if (!userIds.length) return [];
  const reach = await heldWithinReach(db, userIds, query);
  const [assessments, plans] = await Promise.all([openAssessments(db, reach, userIds), openPlans(db, reach)]);
  const held = await allocations(db, [...assessments.map((a) => a.person_id), ...plans.map((p) => p.person_id)]);
  const workerOf = (personId: string, fallback: string | null = null) => held.get(personId)?.workerId ?? fallback;
  const wanted = new Set(userIds);
  const items: WorkItem[] = [];

  // Submitted assessments go to the managers (among these users) who share a team with the worker.
  const submitted = assessments.filter((a) => a.status === 'submitted');
  const managers = submitted.length ? await managersAmong(db, userIds) : [];
  const memberships = managers.length ? await teamsOfUsers(db, [...managers, ...submitted.map((a) => workerOf(a.person_id, a.worker_id)).filter((w): w is string => Boolean(w))]) : [];
  const teamsOf = (userId: string) => new Set(memberships.filter((m) => m.user_id === userId).map((m) => m.team_id));

  for (const a of assessments) {
    const worker = workerOf(a.person_id, a.worker_id);
    const clock = assessmentClock(a.referral_date, a.due_date, today);
    const about = { subject: name(a), personId: a.person_id, due: a.due_date, status: clock.status };
    if (a.status === 'in_progress' && worker && wanted.has(worker)) {
      items.push({ ...about, kind: 'referral.assessment', title: clock.status === 'overdue' ? 'Assessment overdue' : 'Assessment due', href: `/assessments/${a.id}`, assigneeId: worker });
    }
    if (a.status === 'submitted') {
      const workerTeams = worker ? teamsOf(worker) : new Set<string>();
      for (const manager of managers) {
        if (![...teamsOf(manager)].some((t) => workerTeams.has(t))) continue;
        items.push({ ...about, kind: 'referral.authorise', title: 'Assessment to authorise', href: `/assessments/${a.id}/authorise`, assigneeId: manager });
      }
    }
  }

  const visits = await lastVisitDates(db, plans.map((p) => p.person_id), ['child_in_need']);
  for (const p of plans) {
    const worker = workerOf(p.person_id);
    if (!worker || !wanted.has(worker)) continue;
    const about = { subject: name(p), personId: p.person_id, assigneeId: worker };
    const reviewStatus = clockStatus(p.next_review_due, today);
    items.push({ ...about, kind: 'referral.cin_review', title: reviewStatus === 'overdue' ? 'Child in need review overdue' : 'Child in need review due', href: `/cin-plans/${p.id}/reviews/new`, due: p.next_review_due, status: reviewStatus });
    const visited = visits.get(p.person_id);
    const from = visited && visited > p.start_date ? visited : p.start_date;
    const visitDue = dueDate('cinVisit', from);
    const visitStatus = clockStatus(visitDue, today);
    items.push({ ...about, kind: 'referral.cin_visit', title: visitStatus === 'overdue' ? 'Child in need visit overdue' : 'Child in need visit due', href: `/people/${p.person_id}/visits/new?purpose=child_in_need`, due: visitDue, status: visitStatus });
  }
  return items;
};
