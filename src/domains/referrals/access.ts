import type { Decision } from '../../platform/access/rules.ts';
import { authorise, authoriseCase, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ConflictError, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { allocations } from '../casework/service.ts';
import * as repo from './repository.ts';

export type Allowed = Extract<Decision, { allowed: true }>;

/**
 * Who may do what with an episode. Reading it is children's social care's (the caseload list) and needs the
 * child's record; changing it is social care work on the child's case (the allocated worker is named on it),
 * and authorising or closing is a social care manager's.
 */

async function load(ctx: RequestContext, episodeId: string) {
  const episode = await repo.findEpisode(ctx.db, episodeId);
  if (!episode) throw new NotFoundError();
  return episode;
}

/** Opens an episode to read it; the read of the child's record is audited. */
export async function episodeForView(ctx: RequestContext, episodeId: string) {
  const episode = await load(ctx, episodeId);
  authorise(ctx, 'socialcare.list');
  await authorisePerson(ctx, episode.person_id, 'person.view');
  return episode;
}

/** The allocated worker of the child's case, if there is one. */
export const allocatedWorker = async (ctx: RequestContext, personId: string) => (await allocations(ctx.db, [personId])).get(personId) ?? null;

/**
 * Opens an episode to change it. Not audited unless it is a form being shown (`auditView`): a change audits
 * itself in its own transaction. A closed episode is refused after the access decision.
 */
export async function episodeForWork(ctx: RequestContext, episodeId: string, action: 'socialcare.work' | 'socialcare.authorise' = 'socialcare.work', options: { auditView?: boolean; allowClosed?: boolean } = {}) {
  const episode = await load(ctx, episodeId);
  const worker = await allocatedWorker(ctx, episode.person_id);
  const decision = await authoriseCase(ctx, episode.person_id, worker ? [worker.workerId] : [], action, { audit: options.auditView ?? false });
  if (episode.closure_date && !options.allowClosed) throw new EpisodeClosedError(episode.closure_date);
  return { episode, worker, decision };
}

export class EpisodeClosedError extends HttpError {
  constructor(closedOn: string) {
    super(409, 'This episode is closed', `This referral’s episode was closed on ${formatDate(closedOn)}. A closed episode is kept as it was and cannot be changed. If there are new concerns, record a new referral.`);
  }
}

export const staleEpisode = () =>
  new ConflictError('Someone else changed this referral after you opened the form. Nothing you entered has been saved. Go back to the referral to see the changes, then try again.');
export const staleAssessment = () =>
  new ConflictError('Someone else changed this assessment after you opened it. Nothing you entered has been saved. Go back to the assessment to see the changes, then try again.');
export const stalePlan = () =>
  new ConflictError('Someone else changed this child in need plan after you opened the form. Nothing you entered has been saved. Go back to the plan to see the changes, then try again.');
