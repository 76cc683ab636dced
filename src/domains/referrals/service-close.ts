import { endAllocationInTransaction } from '../casework/service.ts';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CLOSURE_REASONS } from '../../platform/codes/cin.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { chronicle } from '../people/service.ts';
import { episodeForWork, staleEpisode } from './access.ts';
import { closureProblems, episodeActivity } from './census-activity.ts';
import * as repo from './repository.ts';

/** What stops the episode closing on this date for this reason (the census's rules), for the form. */
export async function closeProblems(ctx: RequestContext, episode: repo.EpisodeRow, input: { closureDate: string; reason: string }, today = ukToday()) {
  const problems = closureProblems(await episodeActivity(ctx.db, episode.id), input, episode.referral_date);
  if (input.closureDate > today) problems.unshift({ field: 'closureDate', message: 'The closure date must be today or in the past' });
  return problems;
}

/**
 * A manager closes the episode with the census's reason. Refused, with every reason at once, when the census
 * would reject it: an assessment not authorised (8867), a section 47 without an outcome (8868), a plan still open
 * (4001), a closure date before something in the episode (8565), or "closed after assessment" on an episode that
 * had plans or enquiries (2990). Nothing is deleted: the episode and all it holds stay on the record.
 */
export async function closeEpisode(ctx: RequestContext, episodeId: string, input: { closureDate: string; reason: string; notes: string | null; version: number }): Promise<void> {
  const { episode, decision } = await episodeForWork(ctx, episodeId, 'socialcare.authorise');
  if (episode.version !== input.version) throw staleEpisode();
  const problems = await closeProblems(ctx, episode, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateEpisodeAtVersion(trx, episodeId, input.version, { closure_date: input.closureDate, closure_reason: input.reason, closure_notes: input.notes }))) throw staleEpisode();
    await chronicle(trx, ctx, episode.person_id, 'referral.closed', `Children’s social care episode closed: ${CLOSURE_REASONS[input.reason]}`, { type: 'cin_episode', id: episodeId });
    await endAllocationInTransaction(trx, ctx, { personId: episode.person_id, date: input.closureDate, why: 'the episode closed' });
    await auditChange(trx, ctx, 'socialcare.authorise', episode.person_id, decision);
  });
}
