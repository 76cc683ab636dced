import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { PracticeReviewActionsTable, PracticeReviewBriefingsTable, Rag } from './tables.ts';

export type ActionRow = Selectable<PracticeReviewActionsTable>;

export async function recommendationsOf(db: Kysely<Database>, reviewId: string) {
  return db.selectFrom('practice_review_recommendations').selectAll().where('review_id', '=', reviewId).orderBy('number').execute();
}

export async function findRecommendation(db: Kysely<Database>, id: string) {
  return db.selectFrom('practice_review_recommendations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Numbered in order within the review; the unique (review, number) pair refuses a second at the same number. */
export async function insertRecommendation(db: Kysely<Database>, row: { id: string; review_id: string; text: string; created_by: string }): Promise<void> {
  const last = await db.selectFrom('practice_review_recommendations').select(sql<number>`coalesce(max(number), 0)::int`.as('n')).where('review_id', '=', row.review_id).executeTakeFirstOrThrow();
  await db.insertInto('practice_review_recommendations').values({ ...row, number: last.n + 1 }).execute();
}

export async function insertAction(db: Kysely<Database>, row: Insertable<PracticeReviewActionsTable> & { id: string }, note: string): Promise<void> {
  await db.insertInto('practice_review_actions').values(row).execute();
  await db.insertInto('practice_review_action_updates').values({ action_id: row.id, recorded_on: sql<string>`current_date`, rag: row.rag, note, created_by: row.created_by ?? null }).execute();
}

export async function findAction(db: Kysely<Database>, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('practice_review_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export const updateActionAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<PracticeReviewActionsTable>) => updateAtVersion(db, 'practice_review_actions', id, version, changes);

export async function insertUpdate(db: Kysely<Database>, row: { action_id: string; recorded_on: string; rag: Rag; note: string; created_by: string }): Promise<void> {
  await db.insertInto('practice_review_action_updates').values(row).execute();
}

export async function updatesOf(db: Kysely<Database>, actionIds: readonly string[]) {
  if (!actionIds.length) return [];
  return db
    .selectFrom('practice_review_action_updates as u')
    .leftJoin('users as w', 'w.id', 'u.created_by')
    .select(['u.action_id', 'u.recorded_on', 'u.rag', 'u.note', 'u.created_at', 'w.name as by'])
    .where('u.action_id', 'in', [...actionIds])
    .orderBy('u.created_at')
    .execute();
}

/** Actions with their agency's name and their review's reference and name (never a child's), for the tracker. */
export async function actionsWithReviews(db: Kysely<Database>, filter: { id?: string; reviewId?: string; agencyId?: string | null; rag?: string | null; open?: boolean }) {
  let query = db
    .selectFrom('practice_review_actions as a')
    .innerJoin('practice_reviews as r', 'r.id', 'a.review_id')
    .innerJoin('practice_review_recommendations as m', 'm.id', 'a.recommendation_id')
    .innerJoin('agencies as g', 'g.id', 'a.agency_id')
    .selectAll('a')
    .select(['r.reference', 'r.title', 'm.number as recommendation_number', 'g.name as agency_name']);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  if (filter.reviewId) query = query.where('a.review_id', '=', filter.reviewId);
  if (filter.agencyId) query = query.where('a.agency_id', '=', filter.agencyId);
  if (filter.rag) query = query.where('a.rag', '=', filter.rag as Rag);
  if (filter.open) query = query.where('a.rag', '<>', 'complete');
  return query.orderBy('a.due_on').orderBy('a.created_at').execute();
}

export async function overdueActions(db: Kysely<Database>, today: string, agencyIds?: readonly string[]) {
  let query = db
    .selectFrom('practice_review_actions as a')
    .innerJoin('practice_reviews as r', 'r.id', 'a.review_id')
    .select(['a.id', 'a.agency_id', 'a.due_on', 'a.what', 'r.reference', 'r.title'])
    .where('a.rag', '<>', 'complete')
    .where('a.due_on', '<', today);
  if (agencyIds) {
    if (!agencyIds.length) return [];
    query = query.where('a.agency_id', 'in', [...agencyIds]);
  }
  return query.orderBy('a.due_on').execute();
}

export async function insertBriefing(db: Kysely<Database>, row: Insertable<PracticeReviewBriefingsTable> & { id: string }, reviewIds: readonly string[]): Promise<void> {
  await db.insertInto('practice_review_briefings').values(row).execute();
  await db.insertInto('practice_review_briefing_reviews').values(reviewIds.map((review_id) => ({ briefing_id: row.id, review_id }))).execute();
}

export async function briefings(db: Kysely<Database>, reviewId?: string) {
  let query = db.selectFrom('practice_review_briefings as b').selectAll('b');
  if (reviewId) query = query.where((eb) => eb.exists(eb.selectFrom('practice_review_briefing_reviews as l').select('l.briefing_id').whereRef('l.briefing_id', '=', 'b.id').where('l.review_id', '=', reviewId)));
  return query.orderBy('b.issued_on', 'desc').execute();
}

export async function findBriefing(db: Kysely<Database>, id: string) {
  return db.selectFrom('practice_review_briefings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function briefingReviews(db: Kysely<Database>, briefingIds: readonly string[]) {
  if (!briefingIds.length) return [];
  return db
    .selectFrom('practice_review_briefing_reviews as l')
    .innerJoin('practice_reviews as r', 'r.id', 'l.review_id')
    .select(['l.briefing_id', 'r.id', 'r.reference', 'r.title'])
    .where('l.briefing_id', 'in', [...briefingIds])
    .orderBy('r.reference')
    .execute();
}
