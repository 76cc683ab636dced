import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { LadoActionsTable, LadoCasesTable, LadoMeetingsTable } from './tables.ts';

export type CaseRow = Selectable<LadoCasesTable>;
export type MeetingRow = Selectable<LadoMeetingsTable>;
export type ActionRow = Selectable<LadoActionsTable>;

export async function findCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('lado_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCase(db: Kysely<Database>, row: Insertable<LadoCasesTable>, childIds: readonly string[]): Promise<void> {
  await db.insertInto('lado_cases').values(row).execute();
  if (childIds.length) await db.insertInto('lado_case_children').values(childIds.map((person_id) => ({ case_id: row.id!, person_id }))).execute();
}

export const updateCaseAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<LadoCasesTable>) => updateAtVersion(db, 'lado_cases', id, version, changes);

export async function childrenOf(db: Kysely<Database>, caseIds: readonly string[]): Promise<{ case_id: string; person_id: string }[]> {
  if (!caseIds.length) return [];
  return db.selectFrom('lado_case_children').select(['case_id', 'person_id']).where('case_id', 'in', [...caseIds]).execute();
}

export async function meetingsOf(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('lado_meetings as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select('u.name as recorded_by')
    .where('m.case_id', '=', caseId)
    .orderBy('m.held_on')
    .orderBy('m.created_at')
    .execute();
}

export async function attendeesOf(db: Kysely<Database>, meetingIds: readonly string[]) {
  if (!meetingIds.length) return [];
  return db.selectFrom('lado_meeting_attendees').selectAll().where('meeting_id', 'in', [...meetingIds]).orderBy('position').execute();
}

export async function actionsOf(db: Kysely<Database>, caseId: string): Promise<ActionRow[]> {
  return db.selectFrom('lado_actions').selectAll().where('case_id', '=', caseId).orderBy('due_on').orderBy('created_at').execute();
}

export async function findAction(db: Kysely<Database>, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('lado_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export const updateActionAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<LadoActionsTable>) => updateAtVersion(db, 'lado_actions', id, version, changes);

export async function insertMeeting(
  db: Kysely<Database>,
  meeting: Insertable<LadoMeetingsTable> & { id: string },
  attendees: readonly { name: string; agency: string }[],
  actions: readonly Insertable<LadoActionsTable>[],
): Promise<void> {
  await db.insertInto('lado_meetings').values(meeting).execute();
  if (attendees.length) await db.insertInto('lado_meeting_attendees').values(attendees.map((a, position) => ({ meeting_id: meeting.id, position, name: a.name, agency: a.agency }))).execute();
  if (actions.length) await db.insertInto('lado_actions').values([...actions]).execute();
}

/** Cases with the adult's name, for the list (filtered) and the figures (all). */
export async function casesWithAdults(db: Kysely<Database>, filter: { status: 'open' | 'closed' | 'all'; category?: string | null }) {
  let query = db
    .selectFrom('lado_cases as c')
    .innerJoin('people as p', 'p.id', 'c.adult_id')
    .selectAll('c')
    .select(['p.given_name', 'p.family_name']);
  if (filter.status === 'open') query = query.where('c.closed_on', 'is', null);
  if (filter.status === 'closed') query = query.where('c.closed_on', 'is not', null);
  if (filter.category) query = query.where('c.category', '=', filter.category);
  return query.orderBy('c.received_on', 'desc').orderBy('c.created_at', 'desc').execute();
}

/** Open actions of open cases, with the case's adult, for the inbox. */
export async function openActions(db: Kysely<Database>) {
  return db
    .selectFrom('lado_actions as a')
    .innerJoin('lado_cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.case_id', 'a.what', 'a.owner', 'a.due_on', 'c.received_on'])
    .where('a.done_on', 'is', null)
    .where('c.closed_on', 'is', null)
    .orderBy('a.due_on')
    .execute();
}

export { userNames } from '../../platform/auth/users.ts';

/** Every case's reportable columns (no names), for the figures. */
export async function casesForFigures(db: Kysely<Database>) {
  return db
    .selectFrom('lado_cases')
    .select(['received_on', 'referring_agency', 'sector', 'category', 'decision', 'outcome', 'sanctions', 'closed_on', 'decided_on', 'consideration_due'])
    .orderBy('received_on')
    .execute();
}

/** Open cases still waiting for their initial consideration, for the inbox. */
export async function undecidedCases(db: Kysely<Database>) {
  return db.selectFrom('lado_cases').select(['id', 'received_on', 'consideration_due']).where('closed_on', 'is', null).where('decision', 'is', null).orderBy('consideration_due').execute();
}

/** Which of these users work in the LADO service (hold the LADO role). */
export async function ladoUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db.selectFrom('users').select('id').where('id', 'in', [...userIds]).where('disabled', '=', false).where(sql<boolean>`'lado' = ANY(roles)`).execute();
  return rows.map((r) => r.id);
}
