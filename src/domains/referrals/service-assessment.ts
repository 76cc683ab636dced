import { endAllocationInTransaction } from '../casework/service.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AssessmentOutcome, Database } from '../../db/types.ts';
import { auditChange, authoriseCase, type RequestContext } from '../../platform/access/authorise.ts';
import { isSocialCareStaff } from '../../platform/access/rules.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { PRIMARY_NEEDS } from '../../platform/codes/cin.ts';
import { BadRequestError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import { formatDate } from '../../platform/views/format.ts';
import { allocateInTransaction } from '../casework/service.ts';
import { CaseAlreadyOpenError, openCaseOf, stepDown } from '../early-help/service.ts';
import { chronicle } from '../people/service.ts';
import { allocatedWorker, EpisodeClosedError, episodeForWork, staleAssessment, staleEpisode } from './access.ts';
import { closureProblems, episodeActivity } from './census-activity.ts';
import { startCinPlan } from './episodes.ts';
import { ASSESSMENT_OUTCOMES, ASSESSMENT_STATUS, assessmentMachine, OUTCOME_KEYS } from './labels.ts';
import * as repo from './repository.ts';
import type { AssessmentDraft } from './schema.ts';

type Problem = { field: string; message: string };

/** Starting the assessment: not before the referral (rule 1103), not in the future. */
export function startProblems(referralDate: string, startDate: string, today = ukToday()): Problem[] {
  if (startDate > today) return [{ field: 'startDate', message: 'The date the assessment started must be today or in the past' }];
  if (startDate < referralDate) return [{ field: 'startDate', message: `The assessment cannot start before the referral was received (${formatDate(referralDate)})` }];
  return [];
}

/** Who can be given the assessment: children's social care practitioners and managers. */
export const workerChoices = (ctx: RequestContext) => socialCareCaseworkers(ctx.db);

/**
 * Starts the child and family assessment on the referral. Its due date is 45 working days from the referral
 * (not from the start: the child's wait counts from when social care heard). The allocated worker does it; a
 * child nobody holds yet is allocated here (a practitioner takes it themselves, a manager allocates anyone).
 */
export async function startAssessment(ctx: RequestContext, episodeId: string, input: { startDate: string; workerId?: string | null; version: number }): Promise<string> {
  const { episode, worker, decision } = await episodeForWork(ctx, episodeId);
  if (episode.version !== input.version) throw staleEpisode();
  const problems = startProblems(episode.referral_date, input.startDate);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  let workerId = worker?.workerId ?? null;
  if (!workerId) {
    // Nobody holds the case yet: whoever starts the assessment takes it, unless a manager allocates someone else.
    const chosen = input.workerId ?? ctx.actor.id;
    if (chosen !== ctx.actor.id && !ctx.actor.roles.includes('manager')) throw new BadRequestError('Only a manager can allocate the assessment to someone else. You can take it yourself.');
    if (!(await workerChoices(ctx)).some((w) => w.id === chosen)) throw new BadRequestError('Select a children’s social care worker from the list');
    workerId = chosen;
  }
  const id = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.openAssessmentOf(trx, episodeId)) throw new StateError('An assessment is already open on this referral. Carry on with it.');
    if (!(await repo.updateEpisodeAtVersion(trx, episodeId, input.version, {}))) throw staleEpisode();
    if (!worker) await allocateInTransaction(trx, ctx, { personId: episode.person_id, workerId: workerId!, reason: 'FCONTA', date: input.startDate > ukToday() ? ukToday() : input.startDate });
    const due = dueDate('assessment', episode.referral_date);
    await repo.insertAssessment(trx, { id, episode_id: episodeId, person_id: episode.person_id, start_date: input.startDate, due_date: due, worker_id: workerId, created_by: ctx.actor.id });
    await chronicle(trx, ctx, episode.person_id, 'assessment.started', `Child and family assessment started, due by ${formatDate(due)}`, { type: 'assessment', id });
    await auditChange(trx, ctx, 'socialcare.work', episode.person_id, decision);
  });
  return id;
}

/** Opens an assessment with its episode for work (`socialcare.work`) or a manager's decision (`socialcare.authorise`). */
export async function assessmentForWork(ctx: RequestContext, assessmentId: string, action: 'socialcare.work' | 'socialcare.authorise' = 'socialcare.work', options: { auditView?: boolean } = {}) {
  const assessment = await repo.findAssessment(ctx.db, assessmentId);
  if (!assessment) throw new NotFoundError();
  const { episode, worker, decision } = await episodeForWork(ctx, assessment.episode_id, action, { ...options, allowClosed: true });
  if (episode.closure_date && assessment.status !== 'authorised') throw new EpisodeClosedError(episode.closure_date);
  return { assessment, episode, worker, decision };
}

/** Whether the actor may authorise assessments (a social care manager), for showing the link. */
export const mayAuthorise = async (ctx: RequestContext, personId: string) => {
  try {
    const worker = await allocatedWorker(ctx, personId);
    await authoriseCase(ctx, personId, worker ? [worker.workerId] : [], 'socialcare.authorise', { audit: false });
    return true;
  } catch {
    return false;
  }
};
export const mayWork = (ctx: RequestContext) => isSocialCareStaff(ctx.actor);

/** Outcomes an assessment may have on this episode: "continue the current plan" only while one runs. */
export function outcomesFor(hasOpenPlan: boolean): Partial<Record<AssessmentOutcome, string>> {
  return Object.fromEntries(OUTCOME_KEYS.filter((k) => hasOpenPlan || k !== 'continue_current_plan').map((k) => [k, ASSESSMENT_OUTCOMES[k]]));
}

/** What a submitted assessment must get right beyond its fields: dates, and outcomes the census allows here. */
export async function submitProblems(db: Kysely<Database>, episode: repo.EpisodeRow, input: Pick<AssessmentDraft, 'childSeenDate' | 'outcome'>, today = ukToday()): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (input.childSeenDate) {
    if (input.childSeenDate > today) problems.push({ field: 'childSeenDate', message: 'The date the child was seen must be today or in the past' });
    else if (input.childSeenDate < episode.referral_date) problems.push({ field: 'childSeenDate', message: `The date the child was seen must be on or after the referral (${formatDate(episode.referral_date)})` });
  }
  if (input.outcome) {
    const activity = await episodeActivity(db, episode.id);
    if (input.outcome === 'continue_current_plan' && !activity.openCinPlans) problems.push({ field: 'outcome', message: 'There is no plan running to continue: choose another outcome' });
    if (input.outcome === 'child_in_need_plan' && (activity.openCinPlans || activity.openCpPlans)) problems.push({ field: 'outcome', message: 'The child already has a plan: choose “Continue the current plan”' });
    if ((input.outcome === 'no_further_action' || input.outcome === 'early_help') && (activity.cinPlans || activity.section47 || activity.cpPlans)) {
      problems.push({ field: 'outcome', message: 'This episode has had a plan or child protection enquiries, so it cannot close as “closed after assessment”. Choose “Continue the current plan”, then end the plan and close the episode' });
    }
  }
  return problems;
}

/**
 * Saves the worker's assessment, and submits it to a manager when `submit` (its fields complete, checked by
 * the caller's schema). Only an assessment in progress can change: a submitted one waits for the manager.
 */
export async function saveAssessment(ctx: RequestContext, assessmentId: string, input: AssessmentDraft, submit: boolean): Promise<void> {
  const { assessment, episode, decision } = await assessmentForWork(ctx, assessmentId);
  if (submit) assessmentMachine.assert(assessment.status, 'submitted');
  else if (assessment.status !== 'in_progress') {
    throw new StateError(`This assessment is ${ASSESSMENT_STATUS[assessment.status].toLowerCase()}, so it cannot be changed. ${assessment.status === 'submitted' ? 'A manager can return it to you if something needs to change.' : ''}`.trim());
  }
  if (assessment.version !== input.version) throw staleAssessment();
  const problems = await submitProblems(ctx.db, episode, input);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateAssessmentAtVersion(trx, assessmentId, input.version, {
      child_seen_date: input.childSeenDate,
      child_views: input.childViews,
      family_views: input.familyViews,
      analysis: input.analysis,
      factors: input.factors,
      outcome: input.outcome,
      ...(submit ? { status: 'submitted' as const, submitted_at: new Date() } : {}),
    });
    if (!saved) throw staleAssessment();
    const summary = submit ? `Child and family assessment submitted for authorisation, recommending: ${ASSESSMENT_OUTCOMES[input.outcome!].toLowerCase()}` : 'Child and family assessment updated';
    await chronicle(trx, ctx, episode.person_id, submit ? 'assessment.submitted' : 'assessment.updated', summary, { type: 'assessment', id: assessmentId });
    await auditChange(trx, ctx, 'socialcare.work', episode.person_id, decision);
  });
}

/** A manager returns a submitted assessment to the worker with what needs to change. */
export async function returnAssessment(ctx: RequestContext, assessmentId: string, input: { comment: string; version: number }): Promise<void> {
  const { assessment, episode, decision } = await assessmentForWork(ctx, assessmentId, 'socialcare.authorise');
  assessmentMachine.assert(assessment.status, 'in_progress');
  if (assessment.version !== input.version) throw staleAssessment();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateAssessmentAtVersion(trx, assessmentId, input.version, { status: 'in_progress', returned_comment: input.comment, submitted_at: null }))) throw staleAssessment();
    await chronicle(trx, ctx, episode.person_id, 'assessment.returned', 'Child and family assessment returned to the social worker by a manager', { type: 'assessment', id: assessmentId });
    await auditChange(trx, ctx, 'socialcare.authorise', episode.person_id, decision);
  });
}

/**
 * A manager authorises the assessment: today is its completion date for the census, the episode gets its primary
 * need, and the outcome happens — no further action closes the episode (RC8); early help steps the child down to
 * the early help service and closes it (RC9); a child in need plan starts; a strategy discussion is the child
 * protection capability's next (the episode stays open).
 */
export async function authoriseAssessment(ctx: RequestContext, assessmentId: string, input: { primaryNeed: string; comment: string | null; version: number }): Promise<{ outcome: AssessmentOutcome; personId: string; planId: string | null }> {
  const { assessment, episode, decision } = await assessmentForWork(ctx, assessmentId, 'socialcare.authorise');
  assessmentMachine.assert(assessment.status, 'authorised');
  if (assessment.version !== input.version) throw staleAssessment();
  const outcome = assessment.outcome!;
  const today = ukToday();
  const closing = outcome === 'no_further_action' || outcome === 'early_help';
  if (closing) {
    const activity = await episodeActivity(ctx.db, episode.id);
    const problems = closureProblems({ ...activity, openAssessments: activity.openAssessments - 1 }, { closureDate: today, reason: outcome === 'early_help' ? 'RC9' : 'RC8' }, episode.referral_date);
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  }
  // Early help's own service opens the case in its own transaction, first: if it failed after the episode closed,
  // the child would be left with neither. A child already open to early help keeps the case they have.
  if (outcome === 'early_help' && !(await openCaseOf(ctx.db, episode.person_id))) {
    try {
      await stepDown(ctx, episode.person_id, { summary: assessment.analysis ?? '', reason: 'assessment_below_threshold', suggestedAgencyId: null, idempotencyKey: uuidv7() });
    } catch (error) {
      if (!(error instanceof CaseAlreadyOpenError)) throw error;
    }
  }
  let planId: string | null = null;
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateAssessmentAtVersion(trx, assessmentId, input.version, { status: 'authorised', authorised_date: today, authorised_by: ctx.actor.id, returned_comment: null });
    if (!saved) throw staleAssessment();
    const current = await repo.findEpisodeForUpdate(trx, episode.id);
    if (!current || current.closure_date) throw new EpisodeClosedError(current?.closure_date ?? today);
    const closure = closing ? { closure_date: today, closure_reason: outcome === 'early_help' ? 'RC9' : 'RC8', closure_notes: input.comment } : {};
    await repo.updateEpisodeAtVersion(trx, episode.id, current.version, { primary_need: input.primaryNeed, ...closure });
    const note = input.comment ? `. Manager’s comment: ${input.comment}` : '';
    await chronicle(trx, ctx, episode.person_id, 'assessment.authorised', `Child and family assessment authorised: ${ASSESSMENT_OUTCOMES[outcome].toLowerCase()}. Primary need: ${PRIMARY_NEEDS[input.primaryNeed]}${note}`, { type: 'assessment', id: assessmentId });
    if (outcome === 'child_in_need_plan') planId = await startCinPlan(trx, ctx, { personId: episode.person_id, startDate: today, reason: 'the child and family assessment found the child in need' });
    if (closing) await endAllocationInTransaction(trx, ctx, { personId: episode.person_id, date: today, why: 'the episode closed after assessment' });
    if (closing) await chronicle(trx, ctx, episode.person_id, 'referral.closed', outcome === 'early_help' ? 'Episode closed after assessment: stepped down to early help' : 'Episode closed after assessment: no further action', { type: 'cin_episode', id: episode.id });
    await auditChange(trx, ctx, 'socialcare.authorise', episode.person_id, decision);
  });
  return { outcome, personId: episode.person_id, planId };
}
