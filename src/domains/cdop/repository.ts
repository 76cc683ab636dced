import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { CdopCasesTable, CdopRequestsTable } from './tables.ts';

export type CaseRow = Selectable<CdopCasesTable>;
export type RequestRow = Selectable<CdopRequestsTable>;
/** Where the involvements and chronology entries a case makes point back to. */
export const CASE_SOURCE = 'cdop_case';

export async function findCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cdop_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseOfChild(db: Kysely<Database>, childId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('cdop_cases').select('id').where('child_id', '=', childId).executeTakeFirst();
}

export async function insertCase(db: Kysely<Database>, row: Insertable<CdopCasesTable>): Promise<void> {
  await db.insertInto('cdop_cases').values(row).execute();
}

/** The death goes on the child's record in the person index, so every page that opens the child says so. */
export async function recordDateOfDeath(db: Kysely<Database>, childId: string, diedOn: string): Promise<void> {
  await db.updateTable('people').set({ date_of_death: diedOn, updated_at: new Date() }).where('id', '=', childId).execute();
}

export const updateCaseAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CdopCasesTable>) => updateAtVersion(db, 'cdop_cases', id, version, changes);

/** The panel's agency may see the child's record while the review is open. */
export async function involve(db: Kysely<Database>, v: { caseId: string; childId: string; agencyId: string; startDate: string; createdBy: string }): Promise<void> {
  await db
    .insertInto('involvements')
    .values({ person_id: v.childId, agency_id: v.agencyId, basis: 'cdop', detail: 'Child death review', start_date: v.startDate, source_type: CASE_SOURCE, source_id: v.caseId, created_by: v.createdBy })
    .execute();
}

export async function endInvolvement(db: Kysely<Database>, caseId: string, endDate: string): Promise<void> {
  await db.updateTable('involvements').set({ end_date: endDate, updated_at: new Date() }).where('source_type', '=', CASE_SOURCE).where('source_id', '=', caseId).where('end_date', 'is', null).execute();
}

export async function requestsOf(db: Kysely<Database>, caseIds: readonly string[]): Promise<RequestRow[]> {
  if (!caseIds.length) return [];
  return db.selectFrom('cdop_requests').selectAll().where('case_id', 'in', [...caseIds]).orderBy('requested_on').orderBy('created_at').execute();
}

export async function findRequest(db: Kysely<Database>, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('cdop_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRequest(db: Kysely<Database>, row: Insertable<CdopRequestsTable>): Promise<void> {
  await db.insertInto('cdop_requests').values(row).execute();
}

export const updateRequestAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CdopRequestsTable>) => updateAtVersion(db, 'cdop_requests', id, version, changes);

/** Cases with the child's name and date of birth, newest death first, for the list. */
export async function casesWithChildren(db: Kysely<Database>, filter: { status: 'open' | 'reviewed' | 'all'; from: string | null; to: string | null }) {
  let query = db.selectFrom('cdop_cases as c').innerJoin('people as p', 'p.id', 'c.child_id').selectAll('c').select(['p.given_name', 'p.family_name', 'p.date_of_birth']);
  if (filter.status === 'open') query = query.where('c.reviewed_on', 'is', null);
  if (filter.status === 'reviewed') query = query.where('c.reviewed_on', 'is not', null);
  if (filter.from) query = query.where('c.died_on', '>=', filter.from);
  if (filter.to) query = query.where('c.died_on', '<=', filter.to);
  return query.orderBy('c.died_on', 'desc').orderBy('c.created_at', 'desc').execute();
}

/** Every case's reportable columns (no names; the date of birth only for the age band), for the figures. */
export async function casesForFigures(db: Kysely<Database>) {
  return db
    .selectFrom('cdop_cases as c')
    .innerJoin('people as p', 'p.id', 'c.child_id')
    .select(['c.died_on', 'c.notified_on', 'c.expectation', 'c.place', 'c.rapid_response', 'c.reviewed_on', 'c.category', 'c.modifiable', 'c.factor_domains', 'c.ncmd_notified', 'p.date_of_birth'])
    .orderBy('c.died_on')
    .execute();
}

/** Outstanding requests of open cases, for the inbox. */
export async function outstandingRequests(db: Kysely<Database>) {
  return db
    .selectFrom('cdop_requests as r')
    .innerJoin('cdop_cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'r.agency', 'r.due_on', 'c.notified_on'])
    .where('r.returned_on', 'is', null)
    .where('c.reviewed_on', 'is', null)
    .orderBy('r.due_on')
    .execute();
}

/** Open cases whose every request is back: waiting for the panel. */
export async function casesAwaitingReview(db: Kysely<Database>) {
  return db
    .selectFrom('cdop_cases as c')
    .select(['c.id', 'c.notified_on', 'c.died_on'])
    .where('c.reviewed_on', 'is', null)
    .where(({ exists, selectFrom }) => exists(selectFrom('cdop_requests as r').select('r.id').whereRef('r.case_id', '=', 'c.id')))
    .where(({ exists, not, selectFrom }) => not(exists(selectFrom('cdop_requests as r').select('r.id').whereRef('r.case_id', '=', 'c.id').where('r.returned_on', 'is', null))))
    .orderBy('c.died_on')
    .execute();
}

export { userNames } from '../../platform/auth/users.ts';

/** Which of these users work in the child death review team (hold the CDOP manager role). */
export async function cdopUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db.selectFrom('users').select('id').where('id', 'in', [...userIds]).where('disabled', '=', false).where(sql<boolean>`'cdop_manager' = ANY(roles)`).execute();
  return rows.map((r) => r.id);
}
