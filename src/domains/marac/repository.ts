import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { MaracActionsTable, MaracCasesTable } from './tables.ts';

export type CaseRow = Selectable<MaracCasesTable>;
export type ActionRow = Selectable<MaracActionsTable>;
export const CASE_SOURCE = 'marac_case';

export async function findCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('marac_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The victim's latest case referred in the window before (or on) this referral's date. */
export async function latestCaseOfVictim(db: Kysely<Database>, victimId: string, from: string, to: string): Promise<{ id: string; referred_on: string } | undefined> {
  return db
    .selectFrom('marac_cases')
    .select(['id', 'referred_on'])
    .where('victim_id', '=', victimId)
    .where('referred_on', '>=', from)
    .where('referred_on', '<=', to)
    .orderBy('referred_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertCase(db: Kysely<Database>, row: Insertable<MaracCasesTable> & { id: string }, childIds: readonly string[]): Promise<void> {
  await db.insertInto('marac_cases').values(row).execute();
  if (childIds.length) await db.insertInto('marac_case_children').values(childIds.map((person_id) => ({ case_id: row.id, person_id }))).execute();
}

export const updateCaseAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<MaracCasesTable>) => updateAtVersion(db, 'marac_cases', id, version, changes);

export async function childrenOf(db: Kysely<Database>, caseIds: readonly string[]): Promise<{ case_id: string; person_id: string }[]> {
  if (!caseIds.length) return [];
  return db.selectFrom('marac_case_children').select(['case_id', 'person_id']).where('case_id', 'in', [...caseIds]).execute();
}

/** The coordinator's agency may see the people on the case while it is open. */
export async function involve(db: Kysely<Database>, v: { caseId: string; personIds: readonly string[]; agencyId: string; startDate: string; createdBy: string }): Promise<void> {
  if (!v.personIds.length) return;
  await db
    .insertInto('involvements')
    .values(v.personIds.map((person_id) => ({ person_id, agency_id: v.agencyId, basis: 'marac' as const, detail: 'MARAC case', start_date: v.startDate, source_type: CASE_SOURCE, source_id: v.caseId, created_by: v.createdBy })))
    .execute();
}

export async function endInvolvements(db: Kysely<Database>, caseId: string, endDate: string): Promise<void> {
  await db.updateTable('involvements').set({ end_date: endDate, updated_at: new Date() }).where('source_type', '=', CASE_SOURCE).where('source_id', '=', caseId).where('end_date', 'is', null).execute();
}

/** Cases with the victim's name, newest first. */
export async function casesWithVictims(db: Kysely<Database>, status: 'open' | 'closed' | 'all') {
  let query = db.selectFrom('marac_cases as c').innerJoin('people as p', 'p.id', 'c.victim_id').selectAll('c').select(['p.given_name', 'p.family_name']);
  if (status === 'open') query = query.where('c.closed_on', 'is', null);
  if (status === 'closed') query = query.where('c.closed_on', 'is not', null);
  return query.orderBy('c.referred_on', 'desc').orderBy('c.created_at', 'desc').execute();
}

export async function meetings(db: Kysely<Database>) {
  return db.selectFrom('marac_meetings').selectAll().orderBy('held_on', 'desc').execute();
}

export async function findMeeting(db: Kysely<Database>, id: string) {
  return db.selectFrom('marac_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMeeting(db: Kysely<Database>, row: { id: string; held_on: string; created_by: string }): Promise<void> {
  await db.insertInto('marac_meetings').values(row).execute();
}

/** Each case's discussions at meetings, with the meeting's date. */
export async function discussionsOf(db: Kysely<Database>, filter: { caseId?: string; meetingId?: string }) {
  let query = db.selectFrom('marac_discussions as d').innerJoin('marac_meetings as m', 'm.id', 'd.meeting_id').selectAll('d').select('m.held_on');
  if (filter.caseId) query = query.where('d.case_id', '=', filter.caseId);
  if (filter.meetingId) query = query.where('d.meeting_id', '=', filter.meetingId);
  return query.orderBy('m.held_on').orderBy('d.created_at').execute();
}

export async function findDiscussion(db: Kysely<Database>, id: string) {
  return db.selectFrom('marac_discussions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDiscussion(db: Kysely<Database>, row: { meeting_id: string; case_id: string; created_by: string }): Promise<void> {
  await db.insertInto('marac_discussions').values(row).onConflict((oc) => oc.columns(['meeting_id', 'case_id']).doNothing()).execute();
}

export const updateDiscussionAtVersion = (db: Kysely<Database>, id: string, version: number, changes: { summary: string; outcome: 'closed' | 'carried' }) =>
  updateAtVersion(db, 'marac_discussions', id, version, changes);

export async function insertActions(db: Kysely<Database>, rows: readonly Insertable<MaracActionsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('marac_actions').values([...rows]).execute();
}

export async function actionsOf(db: Kysely<Database>, caseId: string): Promise<ActionRow[]> {
  return db.selectFrom('marac_actions').selectAll().where('case_id', '=', caseId).orderBy('due_on').orderBy('created_at').execute();
}

export async function findAction(db: Kysely<Database>, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('marac_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export const updateActionAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<MaracActionsTable>) => updateAtVersion(db, 'marac_actions', id, version, changes);

/** Every case's reportable columns (no names) with its count of children, for the figures. */
export async function casesForFigures(db: Kysely<Database>) {
  return db
    .selectFrom('marac_cases as c')
    .select(['c.id', 'c.referred_on', 'c.referring_agency', 'c.repeat_of', sql<number>`(SELECT count(*)::int FROM marac_case_children k WHERE k.case_id = c.id)`.as('children')])
    .orderBy('c.referred_on')
    .execute();
}

/** Each recorded discussion's case and meeting date, for the cases discussed in a year. */
export async function discussionsForFigures(db: Kysely<Database>) {
  return db.selectFrom('marac_discussions as d').innerJoin('marac_meetings as m', 'm.id', 'd.meeting_id').select(['d.case_id', 'm.held_on']).where('d.outcome', 'is not', null).execute();
}

export async function actionsForFigures(db: Kysely<Database>) {
  return db.selectFrom('marac_actions as a').innerJoin('marac_cases as c', 'c.id', 'a.case_id').select(['c.referred_on', 'a.due_on', 'a.done_on']).execute();
}
