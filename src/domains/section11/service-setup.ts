import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { returnClock } from './clocks.ts';
import { ROUND_SOURCE } from './labels.ts';
import * as repo from './repository.ts';
import type { RoundInput, StandardInput } from './schema.ts';

/**
 * The business manager's side of Section 11: the standards agencies are asked about, and rounds of self-assessment
 * (who is asked, by when, challenge day, closing). Everything here is `partnership.manage`.
 */

const audit = (ctx: RequestContext, action: string, resourceType: string, resourceId: string) =>
  recordAccess(ctx.db, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType, resourceId, requestId: ctx.requestId });

export async function standardList(ctx: RequestContext) {
  authorise(ctx, 'partnership.manage');
  return repo.standards(ctx.db);
}

export async function standardFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const row = await repo.findStandard(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

export async function addStandard(ctx: RequestContext, input: StandardInput): Promise<string> {
  authorise(ctx, 'partnership.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertStandard(trx, { number: input.number, title: input.title, description: input.description, indicators: input.indicators, in_use: input.inUse, created_by: ctx.actor.id });
    await audit({ ...ctx, db: trx }, 'section11.standard_added', 'section11_standard', id);
    return id;
  });
}

/** A standard changed at the version read. Rounds already opened keep the text they asked (their own copy). */
export async function editStandard(ctx: RequestContext, id: string, input: StandardInput & { version: number }): Promise<void> {
  await standardFor(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const changes = { number: input.number, title: input.title, description: input.description, indicators: input.indicators, in_use: input.inUse };
    if (!(await repo.updateStandardAtVersion(trx, id, input.version, changes))) {
      throw new ConflictError('Someone else changed this standard after you opened it. Your changes have not been saved: look at the standard as it is now and try again.');
    }
    await audit({ ...ctx, db: trx }, 'section11.standard_edited', 'section11_standard', id);
  });
}

export async function roundList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  return repo.rounds(ctx.db);
}

export async function agencyChoices(ctx: RequestContext) {
  authorise(ctx, 'partnership.manage');
  return repo.agencies(ctx.db);
}

/**
 * Opens a round: copies the standards in use and makes an empty return for each agency asked, in one transaction.
 * The form's idempotency key makes a second submission land on the round the first one made.
 */
export async function openRound(ctx: RequestContext, input: RoundInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'partnership.manage');
  if (input.dueOn < input.opensOn) throw new FieldProblem('dueOn', 'The date returns are due must be on or after the date the round opens');
  if (input.challengeOn && input.challengeOn < input.opensOn) throw new FieldProblem('challengeOn', 'Challenge day must be on or after the date the round opens');
  const known = new Set((await repo.agencies(ctx.db)).map((a) => a.id));
  if (input.agencyIds.some((a) => !known.has(a))) throw new FieldProblem('agencyIds', 'Select agencies from the list');
  if (!(await repo.standardsInUse(ctx.db)).length) throw new FieldProblem('title', 'There are no standards in use: add or bring back a standard first');
  const existing = await repo.findRoundByKey(ctx.db, input.idempotencyKey);
  if (existing) return existing.id;
  const id = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, { id, title: input.title, opens_on: input.opensOn, due_on: input.dueOn, challenge_on: input.challengeOn, idempotency_key: input.idempotencyKey, created_by: ctx.actor.id }, [...new Set(input.agencyIds)], ctx.actor.id);
    await audit({ ...ctx, db: trx }, 'section11.round_opened', ROUND_SOURCE, id);
  });
  return id;
}

export async function roundFor(ctx: RequestContext, id: string) {
  const round = await repo.findRound(ctx.db, id);
  if (!round) throw new NotFoundError();
  return round;
}

/** The business manager's page of a round: each agency's return with where it stands against the deadline. */
export async function roundPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const round = await roundFor(ctx, id);
  const today = ukToday();
  const returns = await repo.returnsOfRound(ctx.db, id);
  const challenges = new Map((await repo.challengesOf(ctx.db, returns.map((r) => r.id))).map((c) => [c.return_id, c]));
  return {
    round,
    standards: await repo.roundStandards(ctx.db, id),
    returns: returns.map((r) => ({ ...r, clock: returnClock(r, today), challenge: challenges.get(r.id) ?? null })),
    today,
  };
}

/** Closing keeps every return as it stands, read-only; a closed round is not reopened. */
export async function closeRound(ctx: RequestContext, id: string, version: number): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const round = await roundFor(ctx, id);
  if (round.closed_on) throw new StateError('This round is already closed.');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateRoundAtVersion(trx, id, version, { closed_on: ukToday() }))) {
      throw new ConflictError('Someone else changed this round after you opened it. Look at the round as it is now and try again.');
    }
    await audit({ ...ctx, db: trx }, 'section11.round_closed', ROUND_SOURCE, id);
  });
}
