import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * What child protection recorded inside one CIN episode, for the referrals capability's census checks on closing
 * it (rules 8565, 8868, 2990, 4001). Dates only: nothing about the child beyond what the census counts.
 */
export async function childProtectionOfEpisode(db: Kysely<Database>, episodeId: string) {
  const [strategies, enquiries, plans, conferences] = await Promise.all([
    db.selectFrom('strategy_discussions').select(['held_on']).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('section_47_enquiries').select(['start_date', 'completed_date']).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('cp_plans').select(['start_date', 'end_date']).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('cp_conferences').select(['held_on']).where('episode_id', '=', episodeId).where('held_on', 'is not', null).execute(),
  ]);
  return {
    strategyDates: strategies.map((s) => s.held_on),
    enquiries: enquiries.map((e) => ({ start: e.start_date, completed: e.completed_date })),
    plans: plans.map((p) => ({ start: p.start_date, end: p.end_date })),
    conferenceDates: conferences.map((c) => c.held_on!),
  };
}
