import { endAllocationInTransaction } from '../casework/service.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ContactOutcome, Database } from '../../db/types.ts';
import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { PRIMARY_NEEDS } from '../../platform/codes/cin.ts';
import { BadRequestError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { findContactSummary } from '../front-door/service.ts';
import { chronicle, openForEdit, personInputOf, updatePerson } from '../people/service.ts';
import { episodeForWork, staleEpisode } from './access.ts';
import { openEpisodeOf, receiveReferral } from './episodes.ts';
import { cinSourceForContact } from './labels.ts';
import * as repo from './repository.ts';
import { contactSource } from './repository-contacts.ts';
import type { ReferralFields } from './schema.ts';

export { openEpisodeOf } from './episodes.ts';

/**
 * A referral date the census accepts: not in the future, and not more than 280 days before the child was born or is
 * due (8606) — a pregnancy, at the earliest.
 */
export function referralProblems(input: { referralDate: string }, bornOn: string | null = null, today = ukToday()) {
  if (input.referralDate > today) return [{ field: 'referralDate', message: 'The date the referral was received must be today or in the past' }];
  if (bornOn && input.referralDate < addCalendarDays(bornOn, -280)) {
    return [{ field: 'referralDate', message: 'The date the referral was received cannot be more than 280 days before the child’s date of birth (or due date)' }];
  }
  return [];
}

/**
 * A referral recorded directly by children's social care from the child's record (a call from a GP to the duty
 * social worker). Once per idempotency key; a child with an open episode is refused (409), since the census
 * allows one at a time and new concerns belong on the open one.
 */
export async function recordReferral(ctx: RequestContext, personId: string, input: ReferralFields & { idempotencyKey: string | null }): Promise<{ id: string; replayed: boolean }> {
  const decision = await authorisePerson(ctx, personId, 'socialcare.refer', { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'cin_episode' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  const person = await ctx.db.selectFrom('people').select(['date_of_birth', 'expected_date_of_delivery']).where('id', '=', personId).executeTakeFirst();
  const problems = referralProblems(input, person?.date_of_birth ?? person?.expected_date_of_delivery ?? null);
  if (problems.length) throw new BadRequestError(problems[0]!.message);
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await receiveReferral(trx, ctx, { id, personId, referralDate: input.referralDate, source: input.source, reason: input.reason });
    await auditChange(trx, ctx, 'socialcare.refer', personId, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

/** Front door outcomes that are referrals to children's social care. */
const REFERRAL_OUTCOMES: readonly ContactOutcome[] = ['social_care_referral', 'strategy_discussion'];

/**
 * A signed-off threshold decision, in the decision's transaction: a referral to social care (or a strategy
 * discussion) opens an episode for each child on the contact, received the day the contact was, with the CIN
 * referral source mapped from the contact's source. A child whose episode is already open gets the contact
 * recorded on it instead (the census allows one open episode). Authorisation is the front door's sign-off.
 */
export async function referFromContact(trx: Kysely<Database>, ctx: RequestContext, contactId: string, childIds: readonly string[], decision: { outcome: ContactOutcome; reasons: string }): Promise<string[]> {
  if (!REFERRAL_OUTCOMES.includes(decision.outcome)) return [];
  const contact = await findContactSummary(trx, contactId);
  if (!contact) return [];
  const source = cinSourceForContact((await contactSource(trx, contactId)) ?? 'other');
  const receivedOn = ukToday(contact.receivedAt);
  const reason = decision.reasons.trim() || 'Referred by the front door';
  const ids: string[] = [];
  for (const personId of childIds) {
    const open = await openEpisodeOf(trx, personId);
    if (open) {
      if (open.contact_id !== contactId) {
        await chronicle(trx, ctx, personId, 'referral.contact_added', `A new contact was decided as a referral while the child’s referral of ${formatDate(open.referral_date)} is open: recorded on it`, { type: 'cin_episode', id: open.id });
      }
      ids.push(open.id);
      continue;
    }
    // A contact received before the last episode closed starts the new one the day it closed (rule 8820).
    const last = await repo.latestClosedEpisode(trx, personId);
    const referralDate = last?.closure_date && last.closure_date > receivedOn ? last.closure_date : receivedOn;
    ids.push((await receiveReferral(trx, ctx, { personId, referralDate, source, reason, contactId })).id);
  }
  return ids;
}

/**
 * A manager decides the referral needs no further action before any assessment (CIN ReferralNFA): the episode
 * closes that day, and nothing else can be recorded on it (rules 8831, 8832).
 */
export async function markNoFurtherAction(ctx: RequestContext, episodeId: string, input: { notes: string; version: number }): Promise<void> {
  const { episode, decision } = await episodeForWork(ctx, episodeId, 'socialcare.authorise');
  if (episode.version !== input.version) throw staleEpisode();
  const today = ukToday();
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.openAssessmentOf(trx, episodeId)) throw new StateError('An assessment has started on this referral, so it cannot be marked no further action. Complete the assessment with its outcome instead.');
    if ((await repo.assessmentsOfEpisodes(trx, [episodeId])).length) throw new StateError('This referral has an assessment, so it cannot be marked no further action. Close the episode instead.');
    const closureDate = today < episode.referral_date ? episode.referral_date : today;
    const saved = await repo.updateEpisodeAtVersion(trx, episodeId, input.version, { referral_nfa: true, closure_date: closureDate, closure_reason: 'RC7', closure_notes: input.notes });
    if (!saved) throw staleEpisode();
    await chronicle(trx, ctx, episode.person_id, 'referral.no_further_action', 'Referral closed with no further action', { type: 'cin_episode', id: episodeId });
    await endAllocationInTransaction(trx, ctx, { personId: episode.person_id, date: closureDate, why: 'the referral needed no further action' });
    await auditChange(trx, ctx, 'socialcare.authorise', episode.person_id, decision);
  });
}

/** The worker sets or changes the child's primary need (CIN PrimaryNeedCode) while the episode is open. */
export async function setPrimaryNeed(ctx: RequestContext, episodeId: string, input: { primaryNeed: string; version: number }): Promise<void> {
  const { episode, decision } = await episodeForWork(ctx, episodeId);
  if (episode.version !== input.version) throw staleEpisode();
  if (episode.primary_need === input.primaryNeed) return;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateEpisodeAtVersion(trx, episodeId, input.version, { primary_need: input.primaryNeed }))) throw staleEpisode();
    await chronicle(trx, ctx, episode.person_id, 'referral.primary_need', `Primary need: ${PRIMARY_NEEDS[input.primaryNeed]}`, { type: 'cin_episode', id: episodeId });
    await auditChange(trx, ctx, 'socialcare.work', episode.person_id, decision);
  });
}

/**
 * The child's disabilities, recorded from the assessment or the plan (the census needs them for every child on an
 * episode that was not NFA, rule 8540). Written through the person index, which checks the person's version and
 * writes the chronology.
 */
export async function disabilityForm(ctx: RequestContext, episodeId: string) {
  const { episode } = await episodeForWork(ctx, episodeId, 'socialcare.work', { auditView: true });
  const person = await openForEdit(ctx, episode.person_id);
  return { episode, disabilities: person.disabilities, version: person.version };
}

export async function recordDisabilities(ctx: RequestContext, episodeId: string, input: { disabilities: string[]; version: number }): Promise<void> {
  const { episode } = await episodeForWork(ctx, episodeId);
  const person = await openForEdit(ctx, episode.person_id);
  await updatePerson(ctx, episode.person_id, input.version, { ...personInputOf(person), disabilities: input.disabilities });
}
