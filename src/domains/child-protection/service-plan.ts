import { uuidv7 } from 'uuidv7';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { lastVisit } from '../casework/service.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { openEpisodeOf } from '../referrals/episodes.ts';
import { authoriseCp, recordFor, staleRecord } from './access.ts';
import type { AttendeeInput } from './attendance.ts';
import { categoriesText, coreGroupMachine, coreGroupState, escalations, nextVisitDue, planDuration, planState, repeatFlags } from './model.ts';
import * as repo from './repository.ts';
import type { CoreGroupInput, EscalationInput, TransferInInput } from './schema.ts';

/** Everything about one plan: its conferences, core groups, visits clock, categories over time and escalations. */
export async function planPage(ctx: RequestContext, id: string, today = ukToday()) {
  const { row } = await recordFor(ctx, () => repo.findPlan(ctx.db, id), 'socialcare.work');
  const [conferences, coreGroups, visit, heading] = await Promise.all([
    repo.conferencesOfPlan(ctx.db, id),
    repo.coreGroupsOf(ctx.db, id),
    lastVisit(ctx.db, row.person_id, ['child_protection']),
    personHeading(ctx, row.person_id),
  ]);
  const names = await repo.userNames(ctx.db, conferences.map((c) => c.chair_id));
  const attendance = await repo.attendanceOf(ctx.db, 'core_group', coreGroups.map((c) => c.id));
  const until = row.end_date ?? today;
  const active = planState(row) === 'active';
  const visitDue = active ? nextVisitDue(row.start_date, visit?.visit_date ?? null) : null;
  // The categories as each conference set them: the initial conference's, then every review's.
  const categoryHistory = conferences.filter((c) => c.held_on && c.categories.length).map((c) => ({ date: c.held_on!, kind: c.kind, categories: c.categories }));
  return {
    row,
    heading,
    active,
    duration: planDuration(row.start_date, until),
    repeat: repeatFlags(row.start_date, row.previous_plans, row.previous_plan_end),
    escalations: escalations(row.start_date, today, row.end_date),
    conferences: conferences.map((c) => ({ ...c, chairName: c.chair_id ? (names.get(c.chair_id) ?? null) : null, clock: !c.held_on ? clockStatus(c.due_date, today) : null })),
    coreGroups: coreGroups.map((g) => ({ ...g, attendance: attendance.filter((a) => a.meeting_id === g.id), clock: !g.held_on && active ? clockStatus(g.due_date, today) : null })),
    lastVisit: visit,
    visitDue,
    visitClock: visitDue ? clockStatus(visitDue, today) : null,
    categoryHistory,
  };
}

/** The core group form: the meeting that is due, on its plan. Audited as a view. */
export async function coreGroupForm(ctx: RequestContext, id: string) {
  const { row } = await recordFor(ctx, () => repo.findCoreGroup(ctx.db, id), 'socialcare.work');
  const [plan, agencies, heading] = await Promise.all([repo.findPlan(ctx.db, row.plan_id), repo.listAgencies(ctx.db), personHeading(ctx, row.person_id)]);
  return { row, plan: plan!, agencies, heading };
}

export function coreGroupProblems(plan: { start_date: string }, input: Pick<CoreGroupInput, 'heldOn'>, today = ukToday()) {
  if (input.heldOn > today) return [{ field: 'heldOn', message: 'The date the core group met must be today or in the past' }];
  if (input.heldOn < plan.start_date) return [{ field: 'heldOn', message: `The date the core group met must be on or after the plan started (${formatDate(plan.start_date)})` }];
  return [];
}

/** Records a core group meeting; the next is due 6 weeks after it (the timescales table's coreGroup clock). */
export async function recordCoreGroup(ctx: RequestContext, id: string, input: CoreGroupInput & { attendees: AttendeeInput[] }): Promise<{ nextId: string }> {
  const { row, decision } = await recordFor(ctx, () => repo.findCoreGroup(ctx.db, id), 'socialcare.work', { audit: false });
  coreGroupMachine.assert(coreGroupState(row), 'held');
  const plan = (await repo.findPlan(ctx.db, row.plan_id))!;
  if (planState(plan) !== 'active') throw new StateError(`This child protection plan ended on ${formatDate(plan.end_date)}, so no more core groups are held under it.`);
  if (row.version !== input.version) throw staleRecord('core group');
  const problems = coreGroupProblems(plan, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  if (!input.attendees.length) throw new BadRequestError('Enter at least one person who took part');
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCoreGroupAtVersion(trx, id, input.version, { held_on: input.heldOn, progress: input.progress }))) throw staleRecord('core group');
    await repo.insertAttendance(trx, 'core_group', id, input.attendees, ctx.actor.id);
    const next = dueDate('coreGroup', input.heldOn);
    const nextId = (await repo.insertCoreGroup(trx, { plan_id: plan.id, person_id: row.person_id, due_date: next, created_by: ctx.actor.id })).id;
    await chronicle(trx, ctx, row.person_id, 'core_group.held', `Core group met on ${formatDate(input.heldOn)}. Next core group due by ${formatDate(next)}`, { type: 'core_group', id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
    return { nextId };
  });
}

/** A manager records the head of service's review at 9 months or legal planning at 12 months; the alert then stops. */
export async function recordEscalation(ctx: RequestContext, planId: string, input: EscalationInput, today = ukToday()): Promise<void> {
  const { row, decision } = await recordFor(ctx, () => repo.findPlan(ctx.db, planId), 'socialcare.authorise', { audit: false });
  if (planState(row) !== 'active') throw new StateError(`This child protection plan ended on ${formatDate(row.end_date)}: escalations are for plans that continue.`);
  if (row.version !== input.version) throw staleRecord('child protection plan');
  const due = escalations(row.start_date, today);
  const reached = input.stage === 'head_of_service' ? due.headOfService : due.legalPlanning;
  if (input.reviewedOn > today) throw new BadRequestError('The date of the review must be today or in the past');
  if (input.reviewedOn < row.start_date) throw new BadRequestError(`The date of the review must be on or after the plan started (${formatDate(row.start_date)})`);
  const changes = input.stage === 'head_of_service' ? { head_of_service_review_on: input.reviewedOn, head_of_service_note: input.note } : { legal_planning_on: input.reviewedOn, legal_planning_note: input.note };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePlanAtVersion(trx, planId, input.version, changes))) throw staleRecord('child protection plan');
    const what = input.stage === 'head_of_service' ? 'Head of service review of the plan' : 'Legal planning meeting about the plan';
    await chronicle(trx, ctx, row.person_id, 'cp_plan.escalation', `${what} held on ${formatDate(input.reviewedOn)} (due from ${formatDate(reached)})`, { type: 'cp_plan', id: planId });
    await auditChange(trx, ctx, 'socialcare.authorise', row.person_id, decision);
  });
}

/**
 * A child on a plan elsewhere moves here: a transfer-in conference is due 15 working days from the notification,
 * as an initial conference would be. It decides whether the child's plan continues here.
 */
export async function scheduleTransferIn(ctx: RequestContext, personId: string, input: TransferInInput, today = ukToday()): Promise<{ id: string; replayed: boolean }> {
  const decision = await authoriseCp(ctx, personId, 'socialcare.work', { audit: false });
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'cp_conference' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  const episode = await openEpisodeOf(ctx.db, personId);
  if (!episode) throw new StateError('This child has no open referral to children’s social care. Record a referral first.');
  if (input.notifiedOn > today) throw new BadRequestError('The date the transfer was notified must be today or in the past');
  if (await repo.openPlanOf(ctx.db, personId)) throw new StateError('This child is already on a child protection plan here.');
  if (await repo.scheduledConferenceOf(ctx.db, personId)) throw new StateError('This child already has a conference scheduled. Hold it before scheduling another.');
  const due = dueDate('initialConference', input.notifiedOn);
  const id = uuidv7();
  return once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertConference(trx, { id, episode_id: episode.id, person_id: personId, kind: 'transfer_in', due_date: due, categories: [...new Set(input.categories)], created_by: ctx.actor.id });
    await chronicle(trx, ctx, personId, 'conference.scheduled', `Transfer-in conference to be held by ${formatDate(due)}: the child was on a child protection plan in ${input.fromAuthority}${input.categories.length ? ` under ${categoriesText(input.categories)}` : ''}`, { type: 'cp_conference', id });
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  });
}
