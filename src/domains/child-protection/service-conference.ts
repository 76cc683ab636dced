import type { Kysely, Selectable } from 'kysely';
import type { CpConferencesTable, Database } from '../../db/types.ts';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, StateError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { endOpenCinPlan, startCinPlan } from '../referrals/episodes.ts';
import { mayDo, recordFor, staleRecord } from './access.ts';
import type { AttendeeInput } from './attendance.ts';
import { categoriesText, censusCategory, CONFERENCE_DECISIONS, CONFERENCE_KINDS, conferenceMachine, conferenceState, DECISIONS_FOR, PLAN_END_REASONS, planMachine, planState, repeatPlan } from './model.ts';
import * as repo from './repository.ts';
import type { ConferenceInput } from './schema.ts';

type Conference = Selectable<CpConferencesTable>;
type Db = Kysely<Database>;

/** A conference, what led to it and who took part. Audited as a view; `mayChair` says whether the reader records it. */
export async function conferencePage(ctx: RequestContext, id: string) {
  const { row } = await recordFor(ctx, () => repo.findConference(ctx.db, id), 'socialcare.work');
  const [plan, section47, attendance, agencies, heading, names] = await Promise.all([
    row.plan_id ? repo.findPlan(ctx.db, row.plan_id) : Promise.resolve(undefined),
    row.section_47_id ? repo.findSection47(ctx.db, row.section_47_id) : Promise.resolve(undefined),
    repo.attendanceOf(ctx.db, 'conference', [id]),
    repo.listAgencies(ctx.db),
    personHeading(ctx, row.person_id),
    repo.userNames(ctx.db, [row.chair_id]),
  ]);
  const mayChair = await mayDo(ctx, row.person_id, 'socialcare.chair');
  return { row, state: conferenceState(row), dueStatus: row.held_on ? null : clockStatus(row.due_date, ukToday()), plan: plan ?? null, section47: section47 ?? null, attendance, agencies, heading, chairName: row.chair_id ? (names.get(row.chair_id) ?? null) : null, mayChair };
}

/** The form's date and decision checks, shown against the fields. */
export function conferenceProblems(
  row: Pick<Conference, 'kind'>,
  context: { earliest: string | null; planStart: string | null },
  input: { heldOn: string | null; decision: string; categories: readonly string[]; endReason?: string | undefined; noPlanNext?: string | undefined },
  today = ukToday(),
) {
  const problems: { field: string; message: string }[] = [];
  if (!input.heldOn) {
    // The date input reports its own problem.
  } else if (input.heldOn > today) problems.push({ field: 'heldOn', message: 'The date the conference was held must be today or in the past' });
  else if (context.earliest && input.heldOn < context.earliest) problems.push({ field: 'heldOn', message: `The date the conference was held must be on or after the section 47 enquiry started (${formatDate(context.earliest)})` });
  else if (context.planStart && input.heldOn <= context.planStart) problems.push({ field: 'heldOn', message: `A review conference must be held after the plan started (${formatDate(context.planStart)})` });
  if (input.decision && !(DECISIONS_FOR[row.kind] as readonly string[]).includes(input.decision)) {
    problems.push({ field: 'decision', message: `Select a decision this conference can make: ${DECISIONS_FOR[row.kind].map((d) => CONFERENCE_DECISIONS[d].toLowerCase()).join(' or ')}` });
  }
  if ((input.decision === 'plan' || input.decision === 'continue_plan') && !input.categories.length) problems.push({ field: 'categories', message: 'Select at least one category of abuse or neglect' });
  if (input.decision === 'end_plan' && !input.endReason) problems.push({ field: 'endReason', message: 'Select why the plan ends' });
  if (input.decision === 'no_plan' && !input.noPlanNext) problems.push({ field: 'noPlanNext', message: 'Select what happens next' });
  return problems;
}

/**
 * Starts a child in need plan after a conference, unless the child already has one: startCinPlan refuses before it
 * writes anything, so the conference's own transaction is unharmed.
 */
async function cinPlanAfter(trx: Db, ctx: RequestContext, personId: string, date: string, reason: string) {
  try {
    await startCinPlan(trx, ctx, { personId, startDate: date, reason });
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
  }
}

/** An initial or transfer-in conference decides on a plan: it starts on the conference date (CIN rule 2885). */
async function startPlan(trx: Db, ctx: RequestContext, row: Conference, input: ConferenceInput): Promise<string> {
  const open = await repo.openPlanOf(trx, row.person_id);
  if (open) throw new StateError(`This child is already on a child protection plan, started on ${formatDate(open.start_date)}. Review it at a review conference instead.`);
  const repeat = repeatPlan(input.heldOn, await repo.plansOf(trx, row.person_id));
  const planId = (
    await repo.insertPlan(trx, {
      episode_id: row.episode_id,
      person_id: row.person_id,
      start_date: input.heldOn,
      initial_category: censusCategory(input.categories),
      categories: [...new Set(input.categories)],
      previous_plans: repeat.previousPlans,
      previous_plan_end: repeat.previousPlanEnd,
      created_by: ctx.actor.id,
    })
  ).id;
  // A child protection plan replaces a child in need plan: they never overlap (CIN rules 4001, 4016).
  await endOpenCinPlan(trx, ctx, row.person_id, input.heldOn, 'Child protection plan started');
  const repeatNote = repeat.repeatWithinTwoYears ? ' (a repeat plan within 2 years)' : repeat.repeatEver ? ' (a repeat plan)' : '';
  await chronicle(trx, ctx, row.person_id, 'cp_plan.started', `Child protection plan started under ${categoriesText(input.categories)}${repeatNote}`, { type: 'cp_plan', id: planId });
  const coreGroupDue = dueDate('firstCoreGroup', input.heldOn);
  await repo.insertCoreGroup(trx, { plan_id: planId, person_id: row.person_id, due_date: coreGroupDue, created_by: ctx.actor.id });
  const reviewDue = dueDate('firstReviewConference', input.heldOn);
  await repo.insertConference(trx, { episode_id: row.episode_id, person_id: row.person_id, kind: 'review', plan_id: planId, due_date: reviewDue, chair_id: ctx.actor.id, created_by: ctx.actor.id });
  await chronicle(trx, ctx, row.person_id, 'conference.scheduled', `First core group due by ${formatDate(coreGroupDue)}; first review conference due by ${formatDate(reviewDue)}`, { type: 'cp_plan', id: planId });
  return planId;
}

/** A review conference continues the plan (its categories may change) and schedules the next review, or ends it. */
async function reviewPlan(trx: Db, ctx: RequestContext, row: Conference, input: ConferenceInput) {
  const plan = row.plan_id ? await repo.findPlan(trx, row.plan_id) : undefined;
  if (!plan) throw new StateError('This review conference has no child protection plan to review.');
  if (input.decision === 'continue_plan') {
    if (planState(plan) !== 'active') throw new StateError(`This child protection plan ended on ${formatDate(plan.end_date)}, so it cannot continue.`);
    const categories = [...new Set(input.categories)];
    if (!(await repo.updatePlanAtVersion(trx, plan.id, plan.version, { categories }))) throw staleRecord('child protection plan');
    const next = dueDate('reviewConference', input.heldOn);
    await repo.insertConference(trx, { episode_id: row.episode_id, person_id: row.person_id, kind: 'review', plan_id: plan.id, due_date: next, chair_id: ctx.actor.id, created_by: ctx.actor.id });
    await chronicle(trx, ctx, row.person_id, 'cp_plan.continued', `Child protection plan continues under ${categoriesText(categories)}. Next review conference due by ${formatDate(next)}`, { type: 'cp_plan', id: plan.id });
    return;
  }
  planMachine.assert(planState(plan), 'ended');
  const reason = input.endReason!;
  if (!(await repo.updatePlanAtVersion(trx, plan.id, plan.version, { end_date: input.heldOn, end_reason: reason }))) throw staleRecord('child protection plan');
  await chronicle(trx, ctx, row.person_id, 'cp_plan.ended', `Child protection plan ended: ${PLAN_END_REASONS[reason].toLowerCase()}`, { type: 'cp_plan', id: plan.id });
  if (reason === 'child_in_need') await cinPlanAfter(trx, ctx, row.person_id, input.heldOn, 'Child protection plan ended; the child is still in need');
}

/**
 * The chair records the conference: when it was held, who came and who sent reports, and its decision. The
 * decision's consequences happen in the same transaction: a plan starts with its first core group and first
 * review scheduled, a review schedules the next one, or the plan ends.
 */
export async function recordConference(ctx: RequestContext, id: string, input: ConferenceInput & { attendees: AttendeeInput[] }): Promise<{ planId: string | null }> {
  const { row, decision } = await recordFor(ctx, () => repo.findConference(ctx.db, id), 'socialcare.chair', { audit: false });
  conferenceMachine.assert(conferenceState(row), 'held');
  if (row.version !== input.version) throw staleRecord('conference');
  const context = await problemContext(ctx.db, row);
  const problems = conferenceProblems(row, context, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  if (!input.attendees.length) throw new BadRequestError('Enter at least one person who took part');
  return ctx.db.transaction().execute(async (trx) => {
    let planId = row.plan_id;
    if (input.decision === 'plan') planId = await startPlan(trx, ctx, row, input);
    const categories = input.decision === 'plan' || input.decision === 'continue_plan' ? [...new Set(input.categories)] : [];
    const saved = await repo.updateConferenceAtVersion(trx, id, input.version, { held_on: input.heldOn, chair_id: ctx.actor.id, decision: input.decision, categories, summary: input.summary, plan_id: planId });
    if (!saved) throw staleRecord('conference');
    await repo.insertAttendance(trx, 'conference', id, input.attendees, ctx.actor.id);
    await chronicle(trx, ctx, row.person_id, 'conference.held', `${CONFERENCE_KINDS[row.kind]} held on ${formatDate(input.heldOn)}: ${CONFERENCE_DECISIONS[input.decision].toLowerCase()}`, { type: 'cp_conference', id });
    if (input.decision === 'continue_plan' || input.decision === 'end_plan') await reviewPlan(trx, ctx, row, input);
    if (input.decision === 'no_plan' && input.noPlanNext === 'child_in_need') await cinPlanAfter(trx, ctx, row.person_id, input.heldOn, 'Initial child protection conference decided the child is in need but needs no child protection plan');
    await auditChange(trx, ctx, 'socialcare.chair', row.person_id, decision);
    return { planId };
  });
}

/** The earliest date the conference can have been held, and the start of the plan a review conference reviews. */
export async function problemContext(db: Db, row: Conference) {
  const [section47, plan] = await Promise.all([row.section_47_id ? repo.findSection47(db, row.section_47_id) : undefined, row.plan_id ? repo.findPlan(db, row.plan_id) : undefined]);
  return { earliest: section47?.start_date ?? null, planStart: row.kind === 'review' ? (plan?.start_date ?? null) : null };
}
