import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, FieldProblem, ForbiddenError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { type Movement, movement } from './arithmetic.ts';
import { isOpen, returnClock } from './clocks.ts';
import { needsAction, RETURN_SOURCE } from './labels.ts';
import * as repo from './repository.ts';
import type { AnswerInput, ChallengeInput } from './schema.ts';
import type { Rating } from './tables.ts';

/**
 * Each agency's return: answered by its own practitioners and managers (`section11.answer`, own agency only, while
 * the round is open and until submitted), reopened by the business manager, read by the business manager and the
 * board (`quality.view`) with challenge-day notes and the year-on-year comparison.
 */

type Db = Kysely<Database>;
export type Problem = { field: string; message: string };
export type Answers = Map<number, AnswerInput>;

const audit = (db: Db, ctx: RequestContext, action: string, id: string) =>
  recordAccess(db, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType: RETURN_SOURCE, resourceId: id, requestId: ctx.requestId });

async function returnFor(db: Db, id: string) {
  const row = await repo.findReturn(db, id);
  if (!row) throw new NotFoundError();
  return row;
}

/** This agency's returns, newest round first, with where each stands against its deadline. */
export async function myReturns(ctx: RequestContext) {
  authorise(ctx, 'section11.answer');
  const today = ukToday();
  return (await repo.returnsOfAgency(ctx.db, ctx.actor.agencyId)).map((r) => ({ ...r, clock: returnClock(r, today), open: isOpen(r, today) }));
}

/**
 * Each of the round's standards with this return's answer, the previous round's rating for the same standard (by
 * the standard it was copied from, else by number) and how it moved.
 */
export async function answersWithComparison(db: Db, ret: { id: string; round_id: string; agency_id: string; opens_on: string }) {
  const standards = await repo.roundStandards(db, ret.round_id);
  const ratings = new Map((await repo.ratingsOf(db, [ret.id])).map((r) => [r.round_standard_id, r]));
  const previous = await repo.previousReturn(db, ret.agency_id, ret.opens_on);
  const before = new Map<string, Rating | null>();
  if (previous?.status === 'submitted') {
    const prevStandards = await repo.roundStandards(db, previous.round_id);
    const prevRatings = new Map((await repo.ratingsOf(db, [previous.id])).map((r) => [r.round_standard_id, r.rating]));
    for (const s of prevStandards) {
      const rating = prevRatings.get(s.id) ?? null;
      before.set(`n:${s.number}`, rating);
      if (s.standard_id) before.set(`s:${s.standard_id}`, rating);
    }
  }
  const rows = standards.map((s) => {
    const answer = ratings.get(s.id) ?? null;
    // The same standard by id; by number only for a standard written into the round without one.
    const key = s.standard_id ? `s:${s.standard_id}` : `n:${s.number}`;
    const earlier = before.has(key) ? before.get(key)! : undefined;
    const moved: Movement = movement(answer?.rating ?? null, earlier);
    return { standard: s, answer, earlier: earlier ?? null, movement: moved };
  });
  return { rows, previous: previous ? { roundTitle: previous.round_title, submitted: previous.status === 'submitted' } : null };
}

/** The answering page: refused for another agency's return; editable only while open and not yet submitted. */
export async function answerPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'section11.answer');
  const ret = await returnFor(ctx.db, id);
  if (ret.agency_id !== ctx.actor.agencyId) throw new ForbiddenError('You can answer only for your own agency.');
  const today = ukToday();
  return { ret, ...(await answersWithComparison(ctx.db, ret)), clock: returnClock(ret, today), editable: isOpen(ret, today) && ret.status !== 'submitted', open: isOpen(ret, today) };
}

/**
 * What stops a return being saved or submitted. A draft may be partial; a submission needs evidence for every
 * rating given and, short of met, the improvement action and its date. Field names follow the form's.
 */
export function checkAnswers(standards: readonly { id: string; number: number }[], answers: Answers, submit: boolean, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const s of standards) {
    const a = answers.get(s.number);
    if (!a) {
      problems.push({ field: `rating-${s.number}`, message: `Select a rating for standard ${s.number}` });
      continue;
    }
    if (!submit) continue;
    if (a.rating !== 'unanswered' && !a.evidence) problems.push({ field: `evidence-${s.number}`, message: `Enter the evidence for standard ${s.number}` });
    if (needsAction(a.rating)) {
      if (!a.action) problems.push({ field: `action-${s.number}`, message: `Enter the improvement action for standard ${s.number}` });
      if (!a.actionDueOn) problems.push({ field: `due${s.number}`, message: `Enter the date the action for standard ${s.number} will be done` });
      else if (a.actionDueOn < today) problems.push({ field: `due${s.number}`, message: `The date for standard ${s.number}’s action must be today or in the future` });
    }
  }
  return problems;
}

/** Saves the answers as a draft, or submits them; at the version read, for the user's own agency, while open. */
export async function saveReturn(ctx: RequestContext, id: string, input: { version: number; answers: Answers; submit: boolean }): Promise<void> {
  const page = await answerPage(ctx, id);
  if (!page.open) throw new StateError(page.ret.closed_on ? 'This round is closed, so its returns can no longer be changed.' : 'This round has not opened yet.');
  if (page.ret.status === 'submitted') throw new StateError('This return has been submitted. Ask the partnership business manager to reopen it if it needs to change.');
  const standards = page.rows.map((r) => r.standard);
  const problems = checkAnswers(standards, input.answers, input.submit, ukToday());
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  const ratings = standards.map((s) => {
    const a = input.answers.get(s.number)!;
    const act = needsAction(a.rating);
    return { return_id: id, round_standard_id: s.id, rating: a.rating, evidence: a.evidence, action: act ? a.action : null, action_due_on: act ? a.actionDueOn : null };
  });
  const changes = input.submit ? { status: 'submitted' as const, submitted_at: new Date(), submitted_by: ctx.actor.id } : { status: 'draft' as const };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.saveRatings(trx, id, input.version, changes, ratings))) {
      throw new ConflictError('A colleague saved this return after you opened it. Your answers have not been saved: they are shown below so you can copy them, then look at the return as it is now.');
    }
    await audit(trx, ctx, input.submit ? 'section11.return_submitted' : 'section11.return_saved', id);
  });
}

/** The business manager sends a submitted return back to the agency while its round is still open. */
export async function reopenReturn(ctx: RequestContext, id: string, version: number): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const ret = await returnFor(ctx.db, id);
  if (ret.closed_on) throw new StateError('This round is closed, so its returns are kept as they were.');
  if (ret.status !== 'submitted') throw new StateError('Only a submitted return can be reopened.');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateReturnAtVersion(trx, id, version, { status: 'draft', submitted_at: null, submitted_by: null }))) {
      throw new ConflictError('Someone changed this return after you opened it. Look at it as it is now and try again.');
    }
    await audit(trx, ctx, 'section11.return_reopened', id);
  });
}

/** A return as the business manager and the board read it, with the comparison and the challenge-day notes. */
export async function returnView(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const ret = await returnFor(ctx.db, id);
  const [challenge] = await repo.challengesOf(ctx.db, [id]);
  return { ret, ...(await answersWithComparison(ctx.db, ret)), challenge: challenge ?? null, clock: returnClock(ret, ukToday()) };
}

/** Challenge-day notes on one agency's return: written once, then changed at the version read. */
export async function saveChallenge(ctx: RequestContext, returnId: string, input: ChallengeInput): Promise<void> {
  authorise(ctx, 'partnership.manage');
  await returnFor(ctx.db, returnId);
  const [existing] = await repo.challengesOf(ctx.db, [returnId]);
  const fields = { challenged: input.challenged, agency_answer: input.agencyAnswer, agreed_actions: input.agreedActions };
  await ctx.db.transaction().execute(async (trx) => {
    const conflict = () => new ConflictError('Someone else saved challenge notes for this return after you opened them. Yours have not been saved: look at the notes as they are now and try again.');
    if (!existing) {
      if (input.version !== 0) throw conflict();
      await repo.insertChallenge(trx, { return_id: returnId, ...fields, created_by: ctx.actor.id });
      const [saved] = await repo.challengesOf(trx, [returnId]);
      if (saved?.created_by !== ctx.actor.id || saved.challenged !== input.challenged) throw conflict();
    } else if (!(await repo.updateChallengeAtVersion(trx, existing.id, input.version, fields))) {
      throw conflict();
    }
    await audit(trx, ctx, 'section11.challenge_recorded', returnId);
  });
}

/** The business manager agrees a later due date for one agency, while its return is still to be submitted. */
export async function extendReturn(ctx: RequestContext, id: string, input: { extendedTo: string; version: number }): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const ret = await returnFor(ctx.db, id);
  if (ret.closed_on) throw new StateError('This round is closed, so its returns are kept as they were.');
  if (ret.status === 'submitted') throw new StateError('This return has been submitted, so it needs no more time.');
  if (input.extendedTo <= ret.round_due_on) throw new FieldProblem('extendedTo', 'The new due date must be after the round’s due date');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateReturnAtVersion(trx, id, input.version, { extended_to: input.extendedTo }))) {
      throw new ConflictError('Someone changed this return after you opened it. Look at it as it is now and try again.');
    }
    await audit(trx, ctx, 'section11.return_extended', id);
  });
}
