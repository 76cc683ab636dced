import { updateAtVersion } from '../../db/versioned.ts';
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ExploitationScreeningsTable, MissingEpisodesTable } from '../../db/types-social-care.ts';

export type EpisodeRow = Selectable<MissingEpisodesTable>;
export type ScreeningRow = Selectable<ExploitationScreeningsTable>;

export async function findEpisode(db: Kysely<Database>, id: string): Promise<EpisodeRow | undefined> {
  return db.selectFrom('missing_episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openEpisodeOf(db: Kysely<Database>, personId: string): Promise<EpisodeRow | undefined> {
  return db.selectFrom('missing_episodes').selectAll().where('person_id', '=', personId).where('returned_at', 'is', null).executeTakeFirst();
}

/** A child's episodes, newest first, with who reported them and who interviewed. */
export async function episodesOf(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('missing_episodes as e')
    .leftJoin('agencies as a', 'a.id', 'e.reported_by_agency_id')
    .leftJoin('users as u', 'u.id', 'e.interview_by')
    .selectAll('e')
    .select(['a.name as agency_name', 'u.name as interviewer_name'])
    .where('e.person_id', '=', personId)
    .orderBy('e.started_at', 'desc')
    .execute();
}

export async function insertEpisode(db: Kysely<Database>, row: Insertable<MissingEpisodesTable>): Promise<void> {
  await db.insertInto('missing_episodes').values(row).execute();
}

export const updateEpisodeAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<MissingEpisodesTable>) => updateAtVersion(db, 'missing_episodes', id, version, changes);

export async function activeAgencies(db: Kysely<Database>) {
  return db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
}

export async function userName(db: Kysely<Database>, id: string): Promise<string | null> {
  return (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

/**
 * The children whose missing work can reach some users (the inbox): those they or their teams hold, and those of
 * the teams they manage, whose work goes to the managers while nobody holds them. Absent: every child (the lists).
 */
export interface Reach {
  personIds: readonly string[];
  teamIds: readonly string[];
}

const NOBODY = ['00000000-0000-0000-0000-000000000000'];
const idsOr = (ids: readonly string[]) => (ids.length ? [...ids] : NOBODY);

/**
 * The children within reach, as a set of ids the episodes are matched against: asked of people by id or by team,
 * both indexed, rather than as an OR across the join, which reads every episode in the authority.
 */
const reachable = (db: Kysely<Database>, reach: Reach) =>
  reach.teamIds.length
    ? db
        .selectFrom('people as r')
        .select('r.id')
        .where((eb) => eb.or([eb('r.id', 'in', idsOr(reach.personIds)), eb('r.allocated_team_id', 'in', [...reach.teamIds])]))
    : null;

const withChild = (db: Kysely<Database>, reach?: Reach) => {
  const query = db.selectFrom('missing_episodes as e').innerJoin('people as p', 'p.id', 'e.person_id').selectAll('e').select(['p.given_name', 'p.family_name', 'p.date_of_birth']);
  if (!reach) return query;
  const within = reachable(db, reach);
  return within ? query.where('e.person_id', 'in', within) : query.where('e.person_id', 'in', idsOr(reach.personIds));
};

/** Every child missing now (or those within reach), longest first. */
export async function currentlyMissing(db: Kysely<Database>, reach?: Reach) {
  return withChild(db, reach).where('e.returned_at', 'is', null).orderBy('e.started_at').execute();
}

/** Returned children whose return home interview is neither held nor declined, soonest due first. */
export async function interviewsOutstanding(db: Kysely<Database>, reach?: Reach) {
  return withChild(db, reach)
    .where('e.returned_at', 'is not', null)
    .where('e.interview_completed_at', 'is', null)
    .where((eb) => eb.or([eb('e.interview_accepted', 'is', null), eb('e.interview_accepted', '=', true)]))
    .orderBy('e.interview_due_at')
    .execute();
}

/** Episodes that started on or after a moment (for figures and repeat patterns). */
export async function episodesSince(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('missing_episodes as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'e.in_care', 'e.started_at', 'e.returned_at', 'e.found_where', 'p.given_name', 'p.family_name'])
    .where('e.started_at', '>=', since)
    .orderBy('e.started_at')
    .execute();
}

/** Each child's latest screening whose review falls due on or before a date. */
export async function screeningsForReview(db: Kysely<Database>, dueBy: string, reach?: Reach) {
  let query = db
    .selectFrom('exploitation_screenings as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.person_id', 's.review_due', 'p.given_name', 'p.family_name'])
    .where('s.review_due', '<=', dueBy);
  if (reach) {
    const within = reachable(db, reach);
    query = within ? query.where('s.person_id', 'in', within) : query.where('s.person_id', 'in', idsOr(reach.personIds));
  }
  return query
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('exploitation_screenings as later').select('later.id').whereRef('later.person_id', '=', 's.person_id').whereRef('later.screened_on', '>', 's.screened_on'))),
    )
    .execute();
}

/** For work about unallocated children: the managers of the team each child belongs to. */
export async function teamManagersOf(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!personIds.length) return map;
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('user_teams as ut', 'ut.team_id', 'p.allocated_team_id')
    .innerJoin('users as u', 'u.id', 'ut.user_id')
    .select(['p.id as person_id', 'u.id as user_id'])
    .where('p.id', 'in', [...new Set(personIds)])
    .where('u.disabled', '=', false)
    .where(sql<boolean>`'manager' = ANY(u.roles)`)
    .execute();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.user_id]);
  return map;
}

export async function screeningsOf(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('exploitation_screenings as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.name as screened_by')
    .where('s.person_id', '=', personId)
    .orderBy('s.screened_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .execute();
}

export async function insertScreening(db: Kysely<Database>, row: Insertable<ExploitationScreeningsTable>): Promise<void> {
  await db.insertInto('exploitation_screenings').values(row).execute();
}

/** Who may hold a return home interview: practitioners and managers of children's social care and early help. */
export async function interviewerChoices(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.name'])
    .where('u.disabled', '=', false)
    .where('a.kind', 'in', ['social_care', 'early_help'])
    .where(sql<boolean>`u.roles && ARRAY['practitioner','manager']::text[]`)
    .orderBy('u.name')
    .execute();
}
