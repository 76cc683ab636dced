import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

/** Children with an open referral to a MET hub panel (status open or awaiting its first discussion). */
export async function openMetHubReferrals(db: Db) {
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('panels as p', 'p.id', 'r.panel_id')
    .select(['r.id', 'r.person_id', 'r.referred_on', 'r.status', 'p.name as panel_name'])
    .where('p.kind', '=', 'met_hub')
    .where('r.status', 'in', ['awaiting', 'open'])
    .orderBy('r.referred_on')
    .execute();
}

/** MET hub meetings held or planned between two days (not cancelled), newest first. */
export async function metHubMeetingsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('panel_meetings as m')
    .innerJoin('panels as p', 'p.id', 'm.panel_id')
    .select(['m.id', 'm.meeting_date', 'm.status', 'p.name as panel_name'])
    .where('p.kind', '=', 'met_hub')
    .where('m.status', '!=', 'cancelled')
    .where('m.meeting_date', '>=', from)
    .where('m.meeting_date', '<=', to)
    .orderBy('m.meeting_date', 'desc')
    .execute();
}

export async function metHubMeetingsById(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('panel_meetings as m')
    .innerJoin('panels as p', 'p.id', 'm.panel_id')
    .select(['m.id', 'm.meeting_date', 'm.status', 'p.name as panel_name', 'p.kind'])
    .where('m.id', 'in', [...ids])
    .execute();
}
