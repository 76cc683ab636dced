import { updateAtVersion } from '../../db/versioned.ts';
import { socialCareManagers } from '../../platform/auth/users.ts';
import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { CareChecksTable, CareEpisodesTable, CarePeriodsTable, CareReviewsTable } from '../../db/types-social-care.ts';

/** The SQL of children in care: periods, their episodes, reviews and checks. */
export type PeriodRow = Selectable<CarePeriodsTable>;
export type EpisodeRow = Selectable<CareEpisodesTable>;
export type ReviewRow = Selectable<CareReviewsTable>;
export type CheckRow = Selectable<CareChecksTable>;

export const findPeriod = async (db: Kysely<Database>, id: string): Promise<PeriodRow | null> =>
  (await db.selectFrom('care_periods').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

export const findPeriodForUpdate = async (db: Kysely<Database>, id: string): Promise<PeriodRow | null> =>
  (await db.selectFrom('care_periods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;

export const openPeriodOf = async (db: Kysely<Database>, personId: string): Promise<PeriodRow | null> =>
  (await db.selectFrom('care_periods').selectAll().where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst()) ?? null;

export const periodsOf = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('care_periods').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').execute();

export const periodsOfReferral = (db: Kysely<Database>, cinEpisodeId: string) =>
  db.selectFrom('care_periods').selectAll().where('episode_id', '=', cinEpisodeId).orderBy('start_date').execute();

export const episodesOfPeriods = async (db: Kysely<Database>, periodIds: readonly string[]): Promise<EpisodeRow[]> =>
  periodIds.length ? db.selectFrom('care_episodes').selectAll().where('period_id', 'in', [...periodIds]).orderBy('start_date').orderBy('created_at').execute() : [];

/** Every episode a child has had, in any period, oldest first (stability and care leaver eligibility look across periods). */
export const episodesOfPerson = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('care_episodes').selectAll().where('person_id', '=', personId).orderBy('start_date').orderBy('created_at').execute();

export const episodesOfPeople = async (db: Kysely<Database>, personIds: readonly string[]): Promise<EpisodeRow[]> =>
  personIds.length ? db.selectFrom('care_episodes').selectAll().where('person_id', 'in', [...personIds]).orderBy('start_date').orderBy('created_at').execute() : [];

export const reviewsOfPeriods = async (db: Kysely<Database>, periodIds: readonly string[]): Promise<(ReviewRow & { chair_name: string | null })[]> =>
  periodIds.length
    ? db
        .selectFrom('care_reviews')
        .leftJoin('users', 'users.id', 'care_reviews.chair_id')
        .selectAll('care_reviews')
        .select('users.name as chair_name')
        .where('care_reviews.period_id', 'in', [...periodIds])
        .orderBy('care_reviews.held_on')
        .execute()
    : [];

/** The latest check of each kind in each period: all the clocks need, where a long stay in care has had dozens. */
export const latestChecksOfPeriods = async (db: Kysely<Database>, periodIds: readonly string[]): Promise<CheckRow[]> =>
  periodIds.length
    ? db.selectFrom('care_checks').selectAll().distinctOn(['period_id', 'kind']).where('period_id', 'in', [...periodIds]).orderBy('period_id').orderBy('kind').orderBy('done_on', 'desc').execute()
    : [];

export const checksOfPeriods = async (db: Kysely<Database>, periodIds: readonly string[]): Promise<CheckRow[]> =>
  periodIds.length ? db.selectFrom('care_checks').selectAll().where('period_id', 'in', [...periodIds]).orderBy('done_on').execute() : [];

/** The open periods of care (the children in care list). */
export const openPeriods = (db: Kysely<Database>) =>
  db
    .selectFrom('care_periods')
    .innerJoin('people', 'people.id', 'care_periods.person_id')
    .selectAll('care_periods')
    .select(['people.given_name', 'people.family_name', 'people.date_of_birth'])
    .where('care_periods.end_date', 'is', null)
    .orderBy('people.family_name')
    .orderBy('people.given_name')
    .execute();

/** The inbox's read: the open periods of these children, or reviewed by these independent reviewing officers. */
export async function openPeriodsWithin(db: Kysely<Database>, personIds: readonly string[], iroIds: readonly string[]) {
  if (!personIds.length && !iroIds.length) return [];
  return db
    .selectFrom('care_periods')
    .innerJoin('people', 'people.id', 'care_periods.person_id')
    .selectAll('care_periods')
    .select(['people.given_name', 'people.family_name', 'people.date_of_birth'])
    .where('care_periods.end_date', 'is', null)
    .where((eb) => eb.or([...(personIds.length ? [eb('care_periods.person_id', 'in', [...personIds])] : []), ...(iroIds.length ? [eb('care_periods.iro_id', 'in', [...iroIds])] : [])]))
    .execute();
}

export const insertPeriod = (db: Kysely<Database>, row: Insertable<CarePeriodsTable>) => db.insertInto('care_periods').values(row).execute();
export const insertEpisode = (db: Kysely<Database>, row: Insertable<CareEpisodesTable>) => db.insertInto('care_episodes').values(row).execute();
export const insertReview = (db: Kysely<Database>, row: Insertable<CareReviewsTable>) => db.insertInto('care_reviews').values(row).execute();
export const insertCheck = (db: Kysely<Database>, row: Insertable<CareChecksTable>) => db.insertInto('care_checks').values(row).execute();

export const updatePeriodAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CarePeriodsTable>) => updateAtVersion(db, 'care_periods', id, version, changes);

export async function updateEpisode(db: Kysely<Database>, id: string, changes: Updateable<CareEpisodesTable>): Promise<void> {
  const row = await db.selectFrom('care_episodes').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('care_episodes').set({ ...changes, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
}

export const personDateOfBirth = async (db: Kysely<Database>, personId: string): Promise<string | null> =>
  (await db.selectFrom('people').select('date_of_birth').where('id', '=', personId).executeTakeFirst())?.date_of_birth ?? null;

/** Social care managers who may chair reviews as independent reviewing officers. */
export const reviewingOfficers = (db: Kysely<Database>) => socialCareManagers(db);

export const userName = async (db: Kysely<Database>, id: string | null): Promise<string | null> =>
  id ? ((await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null) : null;
