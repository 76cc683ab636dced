import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { allocations, lastVisitDates } from '../casework/service.ts';
import { openEpisodeOf } from '../referrals/episodes.ts';
import { authoriseCp } from './access.ts';
import { conferenceState, escalations, nextVisitDue, planDuration, repeatFlags, section47State } from './model.ts';
import * as repo from './repository.ts';

/** Everything child protection holds about one child, newest first. Audited as a view of the child's record. */
export async function childProtectionOf(ctx: RequestContext, personId: string, today = ukToday()) {
  await authoriseCp(ctx, personId, 'socialcare.work');
  const [episode, strategies, section47s, conferences, plans] = await Promise.all([
    openEpisodeOf(ctx.db, personId),
    repo.strategiesOf(ctx.db, personId),
    repo.section47sOf(ctx.db, personId),
    repo.conferencesOf(ctx.db, personId),
    repo.plansOf(ctx.db, personId),
  ]);
  const [attendance, names] = await Promise.all([repo.attendanceOf(ctx.db, 'strategy', strategies.map((s) => s.id)), repo.userNames(ctx.db, conferences.map((c) => c.chair_id))]);
  return {
    episode,
    strategies: strategies.map((s) => ({ ...s, attendance: attendance.filter((a) => a.meeting_id === s.id), section47Id: section47s.find((e) => e.strategy_id === s.id)?.id ?? null })),
    section47s: section47s.map((e) => ({ ...e, state: section47State(e), clock: e.completed_date ? null : clockStatus(e.icpc_target, today) })),
    conferences: conferences.map((c) => ({ ...c, state: conferenceState(c), chairName: c.chair_id ? (names.get(c.chair_id) ?? null) : null, clock: c.held_on ? null : clockStatus(c.due_date, today) })),
    plans: plans.map((p) => ({
      ...p,
      duration: planDuration(p.start_date, p.end_date ?? today),
      repeat: repeatFlags(p.start_date, p.previous_plans, p.previous_plan_end),
      escalations: escalations(p.start_date, today, p.end_date),
    })),
  };
}

export interface ListFilters {
  workerId?: string | null;
  teamId?: string | null;
}

/**
 * The children on child protection plans now, with their clocks (next review conference, next core group, the
 * visit clock) and escalation flags, and the conferences coming up. Names show only to those who may see them.
 */
export async function plansList(ctx: RequestContext, filters: ListFilters, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const [plans, conferences, teams] = await Promise.all([repo.openPlans(ctx.db), repo.scheduledConferences(ctx.db), repo.socialCareTeams(ctx.db)]);
  const people = [...new Set([...plans.map((p) => p.person_id), ...conferences.map((c) => c.person_id)])];
  const [held, visible, coreGroups, chairNames] = await Promise.all([
    allocations(ctx.db, people),
    viewablePeople(ctx, people),
    repo.dueCoreGroups(ctx.db, plans.map((p) => p.id)),
    repo.userNames(ctx.db, conferences.map((c) => c.chair_id)),
  ]);
  const keep = (personId: string) => {
    const a = held.get(personId);
    if (filters.workerId && a?.workerId !== filters.workerId) return false;
    if (filters.teamId && a?.teamId !== filters.teamId) return false;
    return true;
  };
  const name = (p: { person_id: string; given_name: string; family_name: string }) => (visible.has(p.person_id) ? `${p.given_name} ${p.family_name}` : null);
  const shown = plans.filter((p) => keep(p.person_id));
  const visits = await lastVisitDates(ctx.db, shown.map((p) => p.person_id), ['child_protection']);
  const rows = shown.map((p) => {
    const review = conferences.find((c) => c.plan_id === p.id) ?? null;
    const coreGroup = coreGroups.find((g) => g.plan_id === p.id) ?? null;
    const visitDue = nextVisitDue(p.start_date, visits.get(p.person_id) ?? null);
    return {
      planId: p.id,
      personId: p.person_id,
      name: name(p),
      worker: held.get(p.person_id)?.workerName ?? null,
      startDate: p.start_date,
      duration: planDuration(p.start_date, today),
      categories: p.categories,
      repeat: repeatFlags(p.start_date, p.previous_plans, p.previous_plan_end),
      review: review ? { id: review.id, due: review.due_date, status: clockStatus(review.due_date, today) } : null,
      coreGroup: coreGroup ? { id: coreGroup.id, due: coreGroup.due_date, status: clockStatus(coreGroup.due_date, today) } : null,
      lastVisit: visits.get(p.person_id) ?? null,
      visit: { due: visitDue, status: clockStatus(visitDue, today) },
      escalations: escalations(p.start_date, today),
      headOfServiceDone: Boolean(p.head_of_service_review_on),
      legalPlanningDone: Boolean(p.legal_planning_on),
    };
  });
  const upcoming = conferences
    .filter((c) => keep(c.person_id))
    .map((c) => ({ id: c.id, kind: c.kind, personId: c.person_id, name: name(c), due: c.due_date, status: clockStatus(c.due_date, today), chair: c.chair_id ? (chairNames.get(c.chair_id) ?? null) : null, chairId: c.chair_id }));
  const workers = [...new Map([...held.values()].map((a) => [a.workerId, a.workerName])).entries()].map(([id, workerName]) => ({ id, name: workerName })).sort((a, b) => a.name.localeCompare(b.name));
  return { rows, upcoming, teams, workers };
}
