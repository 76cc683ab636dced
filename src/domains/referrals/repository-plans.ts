import { updateAtVersion } from '../../db/versioned.ts';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CinPlanItemsTable, CinPlanReviewsTable, CinPlansTable, Database } from '../../db/types.ts';

/** SQL for child in need plans, their outcomes and actions, and their reviews. */

export type PlanRow = Selectable<CinPlansTable>;
export type ItemRow = Selectable<CinPlanItemsTable>;
export type ReviewRow = Selectable<CinPlanReviewsTable>;

export const findPlan = async (db: Kysely<Database>, id: string) => (await db.selectFrom('cin_plans').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

export const plansOfEpisodes = async (db: Kysely<Database>, episodeIds: readonly string[]) =>
  episodeIds.length ? db.selectFrom('cin_plans').selectAll().where('episode_id', 'in', [...episodeIds]).orderBy('start_date', 'desc').execute() : [];

export const openPlanOfPerson = async (db: Kysely<Database>, personId: string) =>
  (await db.selectFrom('cin_plans').selectAll().where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst()) ?? null;

export const updatePlanAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CinPlansTable>) => updateAtVersion(db, 'cin_plans', id, version, changes);

export const itemsOfPlans = async (db: Kysely<Database>, planIds: readonly string[]) =>
  planIds.length
    ? db
        .selectFrom('cin_plan_items')
        .leftJoin('agencies', 'agencies.id', 'cin_plan_items.agency_id')
        .selectAll('cin_plan_items')
        .select('agencies.name as agency_name')
        .where('plan_id', 'in', [...planIds])
        .orderBy('cin_plan_items.kind', 'desc')
        .orderBy('cin_plan_items.created_at')
        .execute()
    : [];

export const findItem = async (db: Kysely<Database>, planId: string, itemId: string) =>
  (await db.selectFrom('cin_plan_items').selectAll().where('id', '=', itemId).where('plan_id', '=', planId).executeTakeFirst()) ?? null;

export const insertItem = (db: Kysely<Database>, values: Insertable<CinPlanItemsTable>) => db.insertInto('cin_plan_items').values(values).execute();

export const updateItemAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CinPlanItemsTable>) => updateAtVersion(db, 'cin_plan_items', id, version, changes);

export const reviewsOfPlans = async (db: Kysely<Database>, planIds: readonly string[]) =>
  planIds.length ? db.selectFrom('cin_plan_reviews').selectAll().where('plan_id', 'in', [...planIds]).orderBy('review_date', 'desc').execute() : [];

export const insertReview = (db: Kysely<Database>, values: Insertable<CinPlanReviewsTable>) => db.insertInto('cin_plan_reviews').values(values).execute();

export const agencies = (db: Kysely<Database>) => db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
export const findAgency = async (db: Kysely<Database>, id: string) => (await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', id).executeTakeFirst()) ?? null;
