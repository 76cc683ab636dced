import { updateAtVersion } from '../../db/versioned.ts';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AssessmentsTable, CinEpisodesTable, Database } from '../../db/types.ts';

/** SQL for episodes and assessments. Updates name the version they read: false means someone changed it first. */

export type EpisodeRow = Selectable<CinEpisodesTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;

export const findEpisode = async (db: Kysely<Database>, id: string) => (await db.selectFrom('cin_episodes').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

export const findEpisodeForUpdate = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('cin_episodes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;

export const episodesOfPerson = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).orderBy('referral_date', 'desc').orderBy('created_at', 'desc').execute();

export const latestClosedEpisode = async (db: Kysely<Database>, personId: string) =>
  (await db.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).where('closure_date', 'is not', null).orderBy('closure_date', 'desc').limit(1).executeTakeFirst()) ?? null;

export const updateEpisodeAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CinEpisodesTable>) => updateAtVersion(db, 'cin_episodes', id, version, changes);

export const findAssessment = async (db: Kysely<Database>, id: string) => (await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

export const assessmentsOfEpisodes = async (db: Kysely<Database>, episodeIds: readonly string[]) =>
  episodeIds.length ? db.selectFrom('assessments').selectAll().where('episode_id', 'in', [...episodeIds]).orderBy('start_date', 'desc').orderBy('created_at', 'desc').execute() : [];

export const openAssessmentOf = async (db: Kysely<Database>, episodeId: string) =>
  (await db.selectFrom('assessments').selectAll().where('episode_id', '=', episodeId).where('status', '<>', 'authorised').executeTakeFirst()) ?? null;

export const insertAssessment = (db: Kysely<Database>, values: Insertable<AssessmentsTable>) => db.insertInto('assessments').values(values).execute();

export const updateAssessmentAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<AssessmentsTable>) => updateAtVersion(db, 'assessments', id, version, changes);

export { userNames } from '../../platform/auth/users.ts';

export interface OpenEpisodeListRow {
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  referral_date: string;
  re_referral: boolean;
  assessment_id: string | null;
  assessment_status: AssessmentRow['status'] | null;
  assessment_due: string | null;
  plan_id: string | null;
  plan_review_due: string | null;
}

/** Every open episode with its open assessment and open plan, oldest referral first (at most 1,000). */
export const openEpisodes = (db: Kysely<Database>): Promise<OpenEpisodeListRow[]> =>
  db
    .selectFrom('cin_episodes')
    .innerJoin('people', 'people.id', 'cin_episodes.person_id')
    .leftJoin('assessments', (join) => join.onRef('assessments.episode_id', '=', 'cin_episodes.id').on('assessments.status', '<>', 'authorised'))
    .leftJoin('cin_plans', (join) => join.onRef('cin_plans.episode_id', '=', 'cin_episodes.id').on('cin_plans.end_date', 'is', null))
    .select([
      'cin_episodes.id',
      'cin_episodes.person_id',
      'people.given_name',
      'people.family_name',
      'cin_episodes.referral_date',
      'cin_episodes.re_referral',
      'assessments.id as assessment_id',
      'assessments.status as assessment_status',
      'assessments.due_date as assessment_due',
      'cin_plans.id as plan_id',
      'cin_plans.next_review_due as plan_review_due',
    ])
    .where('cin_episodes.closure_date', 'is', null)
    .orderBy('cin_episodes.referral_date')
    .limit(1000)
    .execute();

/** The child's recorded disabilities (empty: not recorded yet), for the census check shown on the episode. */
export const disabilitiesOf = async (db: Kysely<Database>, personId: string): Promise<string[]> =>
  (await db.selectFrom('people').select('disabilities').where('id', '=', personId).executeTakeFirst())?.disabilities ?? [];

/** Children's social care teams, for the list's filter. */
export const socialCareTeams = (db: Kysely<Database>) =>
  db.selectFrom('teams').innerJoin('agencies', 'agencies.id', 'teams.agency_id').select(['teams.id', 'teams.name']).where('agencies.kind', '=', 'social_care').orderBy('teams.name').execute();

/** Users' teams, for deciding which managers see a worker's submitted assessments. */
export const teamsOfUsers = async (db: Kysely<Database>, userIds: readonly string[]) =>
  userIds.length ? db.selectFrom('user_teams').select(['user_id', 'team_id']).where('user_id', 'in', [...userIds]).execute() : [];

/** Social care managers among these users. */
export const managersAmong = async (db: Kysely<Database>, userIds: readonly string[]) =>
  userIds.length
    ? (
        await db
          .selectFrom('users')
          .innerJoin('agencies', 'agencies.id', 'users.agency_id')
          .select(['users.id', 'users.roles'])
          .where('users.id', 'in', [...userIds])
          .where('agencies.kind', '=', 'social_care')
          .execute()
      )
        .filter((u) => u.roles.includes('manager'))
        .map((u) => u.id)
    : [];
