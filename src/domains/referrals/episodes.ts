import type { Kysely, Selectable } from 'kysely';
import type { CinEpisodesTable, Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { BadRequestError, StateError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle } from '../people/service.ts';
import { REFERRAL_SOURCES } from '../../platform/codes/cin.ts';

/**
 * The child in need episode: from the referral to children's social care to its closure. Everything social care
 * does for a child (assessment, child in need plan, section 47, child protection plan, care) happens inside one,
 * as the CIN census counts it. Other capabilities reach episodes only through these functions.
 */
export type CinEpisode = Selectable<CinEpisodesTable>;

export const openEpisodeOf = async (db: Kysely<Database>, personId: string): Promise<CinEpisode | null> =>
  (await db.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).where('closure_date', 'is', null).executeTakeFirst()) ?? null;

export interface ReferralInput {
  personId: string;
  referralDate: string;
  /** CIN ReferralSource code. */
  source: string;
  reason: string;
  contactId?: string | null;
  /** The new episode's id, when the caller chose it first (an idempotency key names it). */
  id?: string;
}

/**
 * Receives a referral in the caller's transaction: opens the episode, flagged as a re-referral when an earlier
 * referral was received within the 12 months before this one. A child has one open episode at a time.
 */
export async function receiveReferral(trx: Kysely<Database>, ctx: RequestContext, input: ReferralInput): Promise<CinEpisode> {
  const open = await openEpisodeOf(trx, input.personId);
  if (open) throw new StateError(`This child already has an open referral, received on ${formatDate(open.referral_date)}. Record the new concerns on it.`);
  // Episodes never overlap, though one may start the day the last one closed (rule 8820).
  const last = await trx.selectFrom('cin_episodes').select('closure_date').where('person_id', '=', input.personId).where('closure_date', 'is not', null).orderBy('closure_date', 'desc').limit(1).executeTakeFirst();
  if (last?.closure_date && input.referralDate < last.closure_date) {
    throw new BadRequestError(`The referral date must be on or after ${formatDate(last.closure_date)}, when the child’s last referral closed`);
  }
  const yearBefore = addMonths(input.referralDate, -12);
  const earlier = await trx
    .selectFrom('cin_episodes')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('referral_date', '>=', yearBefore)
    .where('referral_date', '<=', input.referralDate)
    .executeTakeFirst();
  const episode = await trx
    .insertInto('cin_episodes')
    .values({
      ...(input.id ? { id: input.id } : {}),
      person_id: input.personId,
      referral_date: input.referralDate,
      referral_source: input.source,
      referral_reason: input.reason,
      contact_id: input.contactId ?? null,
      re_referral: Boolean(earlier),
      created_by: ctx.actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const source = REFERRAL_SOURCES[input.source] ?? input.source;
  await chronicle(trx, ctx, input.personId, 'referral.received', `Referral to children’s social care received from ${/^[A-Z][a-z]/.test(source) ? source[0]!.toLowerCase() + source.slice(1) : source}${earlier ? ' (a re-referral within 12 months)' : ''}`, { type: 'cin_episode', id: episode.id });
  return episode;
}

/** The child's open episode, or a new one from this referral (a strategy discussion straight from the front door). */
export async function ensureOpenEpisode(trx: Kysely<Database>, ctx: RequestContext, input: ReferralInput): Promise<CinEpisode> {
  return (await openEpisodeOf(trx, input.personId)) ?? receiveReferral(trx, ctx, input);
}

/**
 * Ends the child's open child in need plan, if there is one, in the caller's transaction: a child protection plan
 * replaces it (CIN plans and CP plans never overlap, rules 4001 and 4016).
 */
export async function endOpenCinPlan(trx: Kysely<Database>, ctx: RequestContext, personId: string, date: string, reason: string): Promise<void> {
  const plan = await trx.selectFrom('cin_plans').select(['id', 'version']).where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
  if (!plan) return;
  await trx.updateTable('cin_plans').set({ end_date: date, end_reason: reason, updated_at: new Date(), version: plan.version + 1 }).where('id', '=', plan.id).execute();
  await chronicle(trx, ctx, personId, 'cin_plan.ended', `Child in need plan ended: ${reason}`, { type: 'cin_plan', id: plan.id });
}

/**
 * Starts a child in need plan in the caller's transaction (an assessment concluding the child is in need, or a
 * child protection plan ending with the child still in need). The first review falls due by the timescales table.
 */
export async function startCinPlan(trx: Kysely<Database>, ctx: RequestContext, input: { personId: string; startDate: string; reason: string }): Promise<string> {
  const episode = await openEpisodeOf(trx, input.personId);
  if (!episode) throw new StateError('This child has no open referral, so a child in need plan cannot start. Record a referral first.');
  const open = await trx.selectFrom('cin_plans').select('start_date').where('person_id', '=', input.personId).where('end_date', 'is', null).executeTakeFirst();
  if (open) throw new StateError(`This child already has a child in need plan, started on ${formatDate(open.start_date)}.`);
  const plan = await trx
    .insertInto('cin_plans')
    .values({ episode_id: episode.id, person_id: input.personId, start_date: input.startDate, next_review_due: dueDate('cinPlanReview', input.startDate), created_by: ctx.actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await chronicle(trx, ctx, input.personId, 'cin_plan.started', `Child in need plan started: ${input.reason}`, { type: 'cin_plan', id: plan.id });
  return plan.id;
}
