import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { PracticeReviewsTable } from './tables.ts';

export type ReviewRow = Selectable<PracticeReviewsTable>;
export const REVIEW_SOURCE = 'practice_review';

export async function findReview(db: Kysely<Database>, id: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('practice_reviews').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The next reference in the year the partnership became aware: "PR 2026/03". Call it inside the transaction that
 * inserts the review: the lock (held to its end) makes two referrals saved at once take numbers one after the other.
 */
export async function nextReference(trx: Kysely<Database>, awareOn: string): Promise<string> {
  const prefix = `PR ${awareOn.slice(0, 4)}/`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${prefix}))`.execute(trx);
  const row = await trx.selectFrom('practice_reviews').select(sql<number>`coalesce(max(substring(reference from '/([0-9]+)$')::int), 0)`.as('n')).where('reference', 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return `${prefix}${String(row.n + 1).padStart(2, '0')}`;
}

export async function insertReview(db: Kysely<Database>, row: Insertable<PracticeReviewsTable> & { id: string }, childIds: readonly string[]): Promise<void> {
  await db.insertInto('practice_reviews').values(row).execute();
  await db.insertInto('practice_review_children').values(childIds.map((person_id) => ({ review_id: row.id, person_id }))).execute();
}

export const updateReviewAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<PracticeReviewsTable>) => updateAtVersion(db, 'practice_reviews', id, version, changes);

export async function childrenOf(db: Kysely<Database>, reviewIds: readonly string[]): Promise<{ review_id: string; person_id: string }[]> {
  if (!reviewIds.length) return [];
  return db.selectFrom('practice_review_children').select(['review_id', 'person_id']).where('review_id', 'in', [...reviewIds]).execute();
}

/** The partnership may open the children's records for as long as the review is open. */
export async function involve(db: Kysely<Database>, v: { reviewId: string; personIds: readonly string[]; agencyId: string; startDate: string; createdBy: string }): Promise<void> {
  await db
    .insertInto('involvements')
    .values(v.personIds.map((person_id) => ({ person_id, agency_id: v.agencyId, basis: 'practice_review' as const, detail: 'Practice review', start_date: v.startDate, source_type: REVIEW_SOURCE, source_id: v.reviewId, created_by: v.createdBy })))
    .execute();
}

/** Closing the review ends the partnership's sight of the children from the next day. */
export async function endInvolvements(db: Kysely<Database>, reviewId: string, endDate: string): Promise<void> {
  await db.updateTable('involvements').set({ end_date: endDate, updated_at: new Date() }).where('source_type', '=', REVIEW_SOURCE).where('source_id', '=', reviewId).where('end_date', 'is', null).execute();
}

export async function reviewersOf(db: Kysely<Database>, reviewId: string) {
  return db.selectFrom('practice_review_reviewers').select(['name', 'independent']).where('review_id', '=', reviewId).orderBy('position').execute();
}

export async function replaceReviewers(db: Kysely<Database>, reviewId: string, reviewers: readonly { name: string; independent: boolean }[]): Promise<void> {
  await db.deleteFrom('practice_review_reviewers').where('review_id', '=', reviewId).execute();
  if (reviewers.length) await db.insertInto('practice_review_reviewers').values(reviewers.map((r, position) => ({ review_id: reviewId, position, name: r.name, independent: r.independent }))).execute();
}

export async function allReviews(db: Kysely<Database>) {
  return db.selectFrom('practice_reviews').selectAll().orderBy('aware_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** References and names of reviews (never the children), for the tracker, the briefings and their forms. */
export async function reviewNames(db: Kysely<Database>, ids?: readonly string[]) {
  let query = db.selectFrom('practice_reviews').select(['id', 'reference', 'title']);
  if (ids) {
    if (!ids.length) return [];
    query = query.where('id', 'in', [...ids]);
  }
  return query.orderBy('aware_on', 'desc').execute();
}

export async function agencies(db: Kysely<Database>) {
  return db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
}

export async function agencyExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst());
}

export { userNames } from '../../platform/auth/users.ts';

/** Active users among these holding a role, with their agency (for the inbox). */
export async function usersWithRole(db: Kysely<Database>, userIds: readonly string[], role: string): Promise<{ id: string; agency_id: string }[]> {
  if (!userIds.length) return [];
  return db.selectFrom('users').select(['id', 'agency_id']).where('id', 'in', [...userIds]).where('disabled', '=', false).where(sql<boolean>`${role} = ANY(roles)`).execute();
}
