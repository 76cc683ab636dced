import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authoriseCase, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { EPISODE_CEASED_REASONS, LEGAL_STATUSES, NEW_EPISODE_REASONS, PLACEMENT_TYPES } from '../../platform/codes/ssda903.ts';
import { BadRequestError, ConflictError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { openCareLeaver } from '../care-leavers/service.ts';
import { chronicle } from '../people/service.ts';
import { endOpenCinPlan, ensureOpenEpisode, openEpisodeOf } from '../referrals/episodes.ts';
import { leavingEligibility } from './eligibility.ts';
import { type EpisodeState, planChange } from './episodes.ts';
import { periodMachine, periodState, stateForPlacement } from './period-state.ts';
import * as repo from './repository.ts';
import { ceaseProblems, placementProblems, type Problem, startProblems } from './rules-903.ts';
import type { CeaseInput, ChangeFormInput, StartInput } from './schema.ts';

/**
 * Becoming looked after, changes of legal status and placement, and leaving care: each checked against the
 * period's state machine and the 903 rules, written with its chronology entry and audit in one transaction.
 */

const RECORD = 'care_period';
export const stalePeriod = () => new ConflictError('Someone else changed this period of care after you opened the form. Nothing was saved. Check the record as it is now and make your change again.');

/** Problems as one 400 (the forms check them first and show them beside the fields). */
const refuse = (problems: Problem[]) => {
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
};

export const toEpisodeState = (e: repo.EpisodeRow): EpisodeState => ({
  id: e.id,
  startDate: e.start_date,
  reasonNewEpisode: e.reason_new_episode,
  legalStatus: e.legal_status,
  placementType: e.placement_type,
  placementProvider: e.placement_provider,
  carerName: e.carer_name,
  urn: e.urn,
  placementPostcode: e.placement_postcode,
  homePostcode: e.home_postcode,
});

/** A child's social care work is recorded by social care staff who may see the child; changes audit themselves. */
const authoriseWork = (ctx: RequestContext, personId: string, audit = false) => authoriseCase(ctx, personId, [], 'socialcare.work', { audit });

/** Loads a period to change it, authorised for social care work. */
export async function periodForWork(ctx: RequestContext, periodId: string, options: { auditView?: boolean } = {}) {
  const period = await repo.findPeriod(ctx.db, periodId);
  if (!period) throw new NotFoundError();
  const decision = await authoriseWork(ctx, period.person_id, options.auditView ?? false);
  const episodes = await repo.episodesOfPeriods(ctx.db, [period.id]);
  const current = episodes.at(-1)!;
  return { period, episodes, current, decision, state: periodState(period, period.end_date ? null : current.placement_type) };
}

/** Problems with a child becoming looked after, for the form to show beside its fields. */
export function startFormProblems(input: StartInput, dateOfBirth: string | null, hasOpenReferral: boolean, today = ukToday()): Problem[] {
  const problems = [...startProblems({ date: input.startDate, dateOfBirth, placementType: input.placementType }), ...placementProblems(input, { dateOfBirth, date: input.startDate })];
  if (input.startDate > today) problems.push({ field: 'startDate', message: 'The date the child became looked after must be today or in the past' });
  if (!hasOpenReferral && !input.referralSource) problems.push({ field: 'referralSource', message: 'Select where the referral came from: the child has no open referral' });
  if (!input.uasc && !input.homePostcode) problems.push({ field: 'homePostcode', message: 'Enter the postcode of the child’s home' });
  return problems;
}

/**
 * The child becomes looked after: inside their child in need episode (opened now from the referral source given
 * if there is none), a period of care starts with its first episode (RNE S); a child in need plan ends, since the
 * care plan replaces it. The category of need is fixed for the period (903 rule 504).
 */
export async function becomeLookedAfter(ctx: RequestContext, personId: string, input: StartInput & { idempotencyKey?: string | null }): Promise<{ id: string; replayed: boolean }> {
  const decision = await authoriseWork(ctx, personId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: RECORD } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  const open = await repo.openPeriodOf(ctx.db, personId);
  if (open) throw new StateError(`This child is already looked after, since ${formatDate(open.start_date)}. Record a change of legal status or placement on that period of care instead.`);
  periodMachine.assert('not_looked_after', stateForPlacement(input.placementType));
  const dateOfBirth = await repo.personDateOfBirth(ctx.db, personId);
  refuse(startFormProblems(input, dateOfBirth, Boolean(await openEpisodeOf(ctx.db, personId))));
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    const episode = await ensureOpenEpisode(trx, ctx, { personId, referralDate: input.startDate, source: input.referralSource ?? '10', reason: 'The child became looked after' });
    await endOpenCinPlan(trx, ctx, personId, input.startDate, 'the child became looked after');
    await repo.insertPeriod(trx, { id, person_id: personId, episode_id: episode.id, start_date: input.startDate, category_of_need: input.categoryOfNeed, uasc: input.uasc, iro_id: input.iroId, created_by: ctx.actor.id });
    await repo.insertEpisode(trx, {
      period_id: id,
      person_id: personId,
      start_date: input.startDate,
      reason_new_episode: 'S',
      legal_status: input.legalStatus,
      placement_type: input.placementType,
      placement_provider: input.placementProvider,
      carer_name: input.carerName,
      urn: input.urn,
      home_postcode: input.homePostcode,
      placement_postcode: input.placementPostcode,
      created_by: ctx.actor.id,
    });
    await chronicle(trx, ctx, personId, 'care.started', `Became looked after on ${formatDate(input.startDate)}: ${LEGAL_STATUSES[input.legalStatus]!.toLowerCase()}; ${PLACEMENT_TYPES[input.placementType]!.toLowerCase()}${input.uasc ? ' (unaccompanied asylum-seeking child)' : ''}`, { type: RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

/** Problems with a change, for the form to show beside its fields. */
export function changeProblems(episodes: repo.EpisodeRow[], input: ChangeFormInput, dateOfBirth: string | null, today = ukToday()): Problem[] {
  const result = planChange(episodes.map(toEpisodeState), input, { dateOfBirth, today });
  return 'problems' in result ? result.problems : [];
}

/**
 * A change of legal status or placement (or both): the current episode ends the same day with X1 and the next
 * starts, or — on the day the current episode started — corrects it (see episodes.ts). Checked against the
 * period's version and state machine: a period that ended cannot change, and a move is into a placement or a
 * temporary one.
 */
export async function changeEpisode(ctx: RequestContext, periodId: string, input: ChangeFormInput): Promise<void> {
  const { period, episodes, current, decision, state } = await periodForWork(ctx, periodId);
  periodMachine.assert(state, stateForPlacement(input.placementType));
  if (period.version !== input.version) throw stalePeriod();
  const dateOfBirth = await repo.personDateOfBirth(ctx.db, period.person_id);
  const result = planChange(episodes.map(toEpisodeState), input, { dateOfBirth, today: ukToday() });
  if ('problems' in result) return refuse(result.problems);
  const plan = result.plan;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePeriodAtVersion(trx, period.id, input.version, {}))) throw stalePeriod();
    const details = (v: typeof input) => ({
      legal_status: v.legalStatus,
      placement_type: v.placementType,
      placement_provider: v.placementProvider,
      carer_name: v.carerName,
      urn: v.urn,
      home_postcode: v.homePostcode,
      placement_postcode: v.placementPostcode,
    });
    let rne: string;
    if (plan.kind === 'new') {
      await repo.updateEpisode(trx, plan.end.episodeId, { end_date: plan.end.endDate, reason_ceased: 'X1', reason_place_change: plan.end.reasonPlaceChange });
      await repo.insertEpisode(trx, { ...details(input), period_id: period.id, person_id: period.person_id, start_date: plan.start.startDate, reason_new_episode: plan.start.reasonNewEpisode, created_by: ctx.actor.id });
      rne = plan.start.reasonNewEpisode;
    } else {
      await repo.updateEpisode(trx, plan.episodeId, { ...details(input), reason_new_episode: plan.values.reasonNewEpisode });
      if (plan.previous) await repo.updateEpisode(trx, plan.previous.episodeId, { reason_place_change: plan.previous.reasonPlaceChange });
      rne = plan.values.reasonNewEpisode;
    }
    const what = NEW_EPISODE_REASONS[rne]!;
    const summary =
      plan.kind === 'new'
        ? `${what} on ${formatDate(input.date)}: ${LEGAL_STATUSES[input.legalStatus]!.toLowerCase()}; ${PLACEMENT_TYPES[input.placementType]!.toLowerCase()}`
        : `Episode from ${formatDate(current.start_date)} corrected (${what.toLowerCase()}): ${LEGAL_STATUSES[input.legalStatus]!.toLowerCase()}; ${PLACEMENT_TYPES[input.placementType]!.toLowerCase()}`;
    await chronicle(trx, ctx, period.person_id, 'care.changed', summary, { type: RECORD, id: period.id });
    await auditChange(trx, ctx, 'socialcare.work', period.person_id, decision);
  });
}

/** Problems with leaving care on this day for this reason. */
export function ceaseFormProblems(current: repo.EpisodeRow, input: CeaseInput, dateOfBirth: string | null, today = ukToday()): Problem[] {
  const problems = ceaseProblems({ reason: input.reason, date: input.date, dateOfBirth, currentPlacement: current.placement_type });
  if (input.date <= current.start_date) problems.push({ field: 'date', message: `The date the child left care must be after the current episode started (${formatDate(current.start_date)})` });
  if (input.date > today) problems.push({ field: 'date', message: 'The date the child left care must be today or in the past' });
  return problems;
}

/**
 * The child leaves care: the current episode ends with the reason (REC), and with it the period. A young person
 * of 16 or over who was looked after long enough to be an eligible child becomes a care leaver, in the same
 * transaction. Nothing is deleted: the period, its episodes and reviews stay as they were.
 */
export async function ceaseCare(ctx: RequestContext, periodId: string, input: CeaseInput): Promise<{ careLeaverId: string | null }> {
  const { period, current, decision, state } = await periodForWork(ctx, periodId);
  periodMachine.assert(state, 'ended');
  if (period.version !== input.version) throw stalePeriod();
  const dateOfBirth = await repo.personDateOfBirth(ctx.db, period.person_id);
  refuse(ceaseFormProblems(current, input, dateOfBirth));
  const history = await repo.episodesOfPerson(ctx.db, period.person_id);
  const eligibility = leavingEligibility({
    dateOfBirth,
    leavingDate: input.date,
    reason: input.reason,
    episodes: history.map((e) => ({ startDate: e.start_date, endDate: e.end_date ?? input.date, legalStatus: e.legal_status })),
  });
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePeriodAtVersion(trx, period.id, input.version, { end_date: input.date }))) throw stalePeriod();
    await repo.updateEpisode(trx, current.id, { end_date: input.date, reason_ceased: input.reason });
    await chronicle(trx, ctx, period.person_id, 'care.ended', `Left care on ${formatDate(input.date)}: ${EPISODE_CEASED_REASONS[input.reason]!.toLowerCase()}`, { type: RECORD, id: period.id });
    const careLeaverId = eligibility ? await openCareLeaver(trx, ctx, { personId: period.person_id, eligibility, date: input.date }) : null;
    await auditChange(trx, ctx, 'socialcare.work', period.person_id, decision);
    return { careLeaverId };
  });
}

/** Names the independent reviewing officer for the period (a social care manager). */
export async function setIro(ctx: RequestContext, periodId: string, input: { iroId: string; version: number }): Promise<void> {
  const { period, decision, state } = await periodForWork(ctx, periodId);
  if (state === 'ended') periodMachine.assert(state, 'placed');
  if (period.version !== input.version) throw stalePeriod();
  const officers = await repo.reviewingOfficers(ctx.db);
  const officer = officers.find((o) => o.id === input.iroId);
  if (!officer) throw new BadRequestError('Select the independent reviewing officer from the list');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePeriodAtVersion(trx, period.id, input.version, { iro_id: officer.id }))) throw stalePeriod();
    await chronicle(trx, ctx, period.person_id, 'care.iro_named', `${officer.name} named as independent reviewing officer`, { type: RECORD, id: period.id });
    await auditChange(trx, ctx, 'socialcare.work', period.person_id, decision);
  });
}

/**
 * For other capabilities (missing episodes "while in care", the census): whether a child is looked after now,
 * and the periods of care inside a referral. They call these rather than reading the care tables.
 */
export const openCarePeriod = async (db: Kysely<Database>, personId: string) => {
  const period = await repo.openPeriodOf(db, personId);
  return period ? { id: period.id, startDate: period.start_date } : null;
};
export const carePeriodsOfReferral = async (db: Kysely<Database>, cinEpisodeId: string) =>
  (await repo.periodsOfReferral(db, cinEpisodeId)).map((p) => ({ id: p.id, startDate: p.start_date, endDate: p.end_date }));
