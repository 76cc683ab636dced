import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle } from '../people/service.ts';
import { type CinEpisode, openEpisodeOf } from '../referrals/episodes.ts';
import { authoriseCp } from './access.ts';
import type { AttendeeInput } from './attendance.ts';
import { MEETING_FORMATS, missingExpectedAgencies, STRATEGY_DECISIONS } from './model.ts';
import * as repo from './repository.ts';
import type { StrategyInput } from './schema.ts';

/** What the strategy form needs: the child's open episode (none means a referral must be recorded first). */
export async function strategyForm(ctx: RequestContext, personId: string) {
  await authoriseCp(ctx, personId, 'socialcare.work');
  const [episode, agencies, openEnquiry] = await Promise.all([openEpisodeOf(ctx.db, personId), repo.listAgencies(ctx.db), repo.openSection47Of(ctx.db, personId)]);
  return { episode, agencies, openEnquiry: openEnquiry ?? null };
}

export function strategyProblems(episode: Pick<CinEpisode, 'referral_date'>, input: Pick<StrategyInput, 'heldOn'>, today = ukToday()) {
  const problems: { field: string; message: string }[] = [];
  if (input.heldOn > today) problems.push({ field: 'heldOn', message: 'The date the strategy discussion was held must be today or in the past' });
  else if (input.heldOn < episode.referral_date) problems.push({ field: 'heldOn', message: `The date the strategy discussion was held must be on or after the referral (${formatDate(episode.referral_date)})` });
  return problems;
}

/** The agencies Working Together expects that nobody from took part: a warning shown with the record, never a block. */
export async function absentAgencies(db: Kysely<Database>, attendees: readonly { agencyId: string; attended: boolean }[]): Promise<string[]> {
  const kinds = new Map((await repo.listAgencies(db)).map((a) => [a.id, a.kind as string]));
  return missingExpectedAgencies(attendees.filter((a) => a.attended).map((a) => kinds.get(a.agencyId) ?? ''));
}

/**
 * Records a strategy discussion or meeting with who took part by agency and its decision. A decision to make
 * section 47 enquiries starts the enquiry the same day, with the initial conference due 15 working days after the
 * strategy discussion (CIN InitialCPCtarget: a working day by construction). A repeated submission returns the
 * first record.
 */
export async function recordStrategy(
  ctx: RequestContext,
  personId: string,
  input: StrategyInput & { attendees: AttendeeInput[] },
): Promise<{ id: string; section47Id: string | null; replayed: boolean }> {
  const decision = await authoriseCp(ctx, personId, 'socialcare.work', { audit: false });
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'strategy_discussion' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, section47Id: (await repo.section47OfStrategy(ctx.db, earlier))?.id ?? null, replayed: true };
  const episode = await openEpisodeOf(ctx.db, personId);
  if (!episode) throw new StateError('This child has no open referral to children’s social care, so a strategy discussion cannot be recorded. Record a referral first.');
  const problems = strategyProblems(episode, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  if (!input.attendees.length) throw new BadRequestError('Enter at least one person who took part');
  if (input.decision === 'section_47') {
    const open = await repo.openSection47Of(ctx.db, personId);
    if (open) throw new StateError(`This child already has a section 47 enquiry in progress, started on ${formatDate(open.start_date)}. Record its outcome before starting another.`);
  }
  const id = uuidv7();
  let section47Id: string | null = null;
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await trx
      .insertInto('strategy_discussions')
      .values({ id, episode_id: episode.id, person_id: personId, held_on: input.heldOn, format: input.format, concerns: input.concerns, decision: input.decision, decision_reasons: input.decisionReasons, created_by: ctx.actor.id })
      .execute();
    await repo.insertAttendance(trx, 'strategy', id, input.attendees, ctx.actor.id);
    await chronicle(trx, ctx, personId, 'strategy.held', `${MEETING_FORMATS[input.format]} held on ${formatDate(input.heldOn)}: ${STRATEGY_DECISIONS[input.decision].toLowerCase()}`, { type: 'strategy_discussion', id });
    if (input.decision === 'section_47') {
      const target = dueDate('initialConference', input.heldOn);
      section47Id = (await repo.insertSection47(trx, { episode_id: episode.id, person_id: personId, strategy_id: id, start_date: input.heldOn, icpc_target: target, created_by: ctx.actor.id })).id;
      await chronicle(trx, ctx, personId, 's47.started', `Section 47 enquiry started. Initial child protection conference due by ${formatDate(target)}`, { type: 'section_47', id: section47Id });
    }
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  });
  return { id: result.id, section47Id, replayed: result.replayed };
}
