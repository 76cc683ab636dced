import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authoriseCase, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle } from '../people/service.ts';
import { nextReview, SDQ_AGES } from './clocks.ts';
import { CHECK_KINDS } from './labels.ts';
import * as repo from './repository.ts';
import { ageAt, participationProblems, type Problem } from './rules-903.ts';
import type { CheckInput, ReviewInput } from './schema.ts';
import { periodForWork } from './service.ts';

/** Reviews chaired by the independent reviewing officer, and the health and education checks made in care. */

const refuse = (problems: Problem[]) => {
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
};

/** Dates in the period: on or after it started, not after it ended, not in the future. */
function datedInPeriod(period: repo.PeriodRow, date: string, field: string, what: string, today: string): Problem[] {
  if (date > today) return [{ field, message: `${what} must be today or in the past` }];
  if (date < period.start_date) return [{ field, message: `${what} must be on or after the child became looked after (${formatDate(period.start_date)})` }];
  if (period.end_date && date > period.end_date) return [{ field, message: `${what} must be on or before the child left care (${formatDate(period.end_date)})` }];
  return [];
}

/** Opens a period for the IRO: only a conference chair or IRO (a social care manager) records a review. */
export async function periodForChair(ctx: RequestContext, periodId: string, options: { auditView?: boolean } = {}) {
  const period = await repo.findPeriod(ctx.db, periodId);
  if (!period) throw new NotFoundError();
  const decision = await authoriseCase(ctx, period.person_id, period.iro_id ? [period.iro_id] : [], 'socialcare.chair', { audit: options.auditView ?? false });
  return { period, decision };
}

export async function reviewProblems(db: Kysely<Database>, period: repo.PeriodRow, input: ReviewInput, today = ukToday()): Promise<Problem[]> {
  const dateOfBirth = await repo.personDateOfBirth(db, period.person_id);
  return [...datedInPeriod(period, input.heldOn, 'heldOn', 'The date the review was held', today), ...participationProblems({ ...input, dateOfBirth })];
}

/**
 * Records a looked-after review held by the IRO: the date, how the child took part (903 REVIEW_CODE) and the
 * summary. The review keeps the date it was due, so timeliness can be counted; the next one follows from it.
 */
export async function recordReview(ctx: RequestContext, periodId: string, input: ReviewInput & { idempotencyKey?: string | null }): Promise<{ id: string; replayed: boolean }> {
  const { period, decision } = await periodForChair(ctx, periodId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'care_review' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  refuse(await reviewProblems(ctx.db, period, input));
  const held = await repo.reviewsOfPeriods(ctx.db, [period.id]);
  const due = nextReview(period.start_date, held.flatMap((r) => (r.held_on ? [r.held_on] : []))).due;
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertReview(trx, { id, period_id: period.id, person_id: period.person_id, due_date: due, held_on: input.heldOn, chair_id: ctx.actor.id, participation: input.participation, summary: input.summary, created_by: ctx.actor.id });
    const late = input.heldOn > due ? ` (due ${formatDate(due)})` : '';
    await chronicle(trx, ctx, period.person_id, 'care.review_held', `Looked-after review held on ${formatDate(input.heldOn)}${late}: ${REVIEW_PARTICIPATION[input.participation]!.toLowerCase()}`, { type: 'care_review', id });
    await auditChange(trx, ctx, 'socialcare.chair', period.person_id, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

export async function checkProblems(db: Kysely<Database>, period: repo.PeriodRow, input: CheckInput, today = ukToday()): Promise<Problem[]> {
  const problems = datedInPeriod(period, input.doneOn, 'doneOn', 'The date it was done', today);
  const dateOfBirth = await repo.personDateOfBirth(db, period.person_id);
  if (input.kind === 'sdq') {
    if (input.score === null) problems.push({ field: 'score', message: 'Enter the SDQ score as a whole number from 0 to 40' });
    const age = dateOfBirth ? ageAt(dateOfBirth, input.doneOn) : null;
    if (age !== null && (age < SDQ_AGES.from || age > SDQ_AGES.to)) problems.push({ field: 'kind', message: `The SDQ is for children aged ${SDQ_AGES.from} to ${SDQ_AGES.to}; the child was ${age}` });
  } else if (input.score !== null) {
    problems.push({ field: 'score', message: 'Only the SDQ has a score: leave it empty' });
  }
  const checks = await repo.checksOfPeriods(db, [period.id]);
  const initial = checks.find((c) => c.kind === 'initial_health');
  if (input.kind === 'initial_health' && initial) problems.push({ field: 'kind', message: `The initial health assessment was recorded on ${formatDate(initial.done_on)}: record a review health assessment` });
  if (input.kind === 'review_health' && !initial) problems.push({ field: 'kind', message: 'Record the initial health assessment first' });
  return problems;
}

/** Records a health or education check (the clocks follow from the latest of each kind). */
export async function recordCheck(ctx: RequestContext, periodId: string, input: CheckInput & { idempotencyKey?: string | null }): Promise<{ id: string; replayed: boolean }> {
  const { period, decision } = await periodForWork(ctx, periodId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'care_check' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  refuse(await checkProblems(ctx.db, period, input));
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertCheck(trx, { id, period_id: period.id, person_id: period.person_id, kind: input.kind, done_on: input.doneOn, score: input.score, notes: input.notes, created_by: ctx.actor.id });
    const score = input.score !== null ? ` (score ${input.score})` : '';
    await chronicle(trx, ctx, period.person_id, 'care.check_recorded', `${CHECK_KINDS[input.kind]} on ${formatDate(input.doneOn)}${score}`, { type: 'care_check', id });
    await auditChange(trx, ctx, 'socialcare.work', period.person_id, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}
