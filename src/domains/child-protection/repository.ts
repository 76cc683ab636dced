import { updateAtVersion } from '../../db/versioned.ts';
import { socialCareManagers } from '../../platform/auth/users.ts';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { CoreGroupsTable, CpConferencesTable, CpPlansTable, Database, MeetingAttendanceTable, Section47EnquiriesTable } from '../../db/types.ts';
import type { AttendeeInput } from './attendance.ts';

type Db = Kysely<Database>;
export type MeetingType = MeetingAttendanceTable['meeting_type'];

export const listAgencies = (db: Db) => db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();

/** Social care managers: who may chair a conference. */
export const conferenceChairs = (db: Db) => socialCareManagers(db);

export { userNames } from '../../platform/auth/users.ts';

/** The managers in each of these teams (for escalations, which go to the allocated worker's managers). */
export async function managersOfTeams(db: Db, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!teamIds.length) return map;
  const rows = await db
    .selectFrom('user_teams')
    .innerJoin('users', 'users.id', 'user_teams.user_id')
    .select(['user_teams.team_id', 'users.id'])
    .where('user_teams.team_id', 'in', [...new Set(teamIds)])
    .where(sql<boolean>`'manager' = ANY(users.roles) AND NOT users.disabled`)
    .execute();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.id]);
  return map;
}

export async function insertAttendance(trx: Db, meetingType: MeetingType, meetingId: string, rows: AttendeeInput[], userId: string) {
  if (!rows.length) return;
  await trx
    .insertInto('meeting_attendance')
    .values(rows.map((r) => ({ meeting_type: meetingType, meeting_id: meetingId, agency_id: r.agencyId, name: r.name, role: r.role, attended: r.attended, report_submitted: r.reportSubmitted, created_by: userId })))
    .execute();
}

export const attendanceOf = (db: Db, meetingType: MeetingType, meetingIds: readonly string[]) =>
  meetingIds.length
    ? db
        .selectFrom('meeting_attendance')
        .leftJoin('agencies', 'agencies.id', 'meeting_attendance.agency_id')
        .select(['meeting_attendance.meeting_id', 'meeting_attendance.name', 'meeting_attendance.role', 'meeting_attendance.attended', 'meeting_attendance.report_submitted', 'agencies.name as agency', 'agencies.kind as agency_kind'])
        .where('meeting_attendance.meeting_type', '=', meetingType)
        .where('meeting_attendance.meeting_id', 'in', [...meetingIds])
        .orderBy('meeting_attendance.created_at')
        .orderBy('meeting_attendance.id')
        .execute()
    : Promise.resolve([]);

// ── Strategy discussions and section 47 enquiries ──
export const findStrategy = (db: Db, id: string) => db.selectFrom('strategy_discussions').selectAll().where('id', '=', id).executeTakeFirst();
export const strategiesOf = (db: Db, personId: string) =>
  db.selectFrom('strategy_discussions').selectAll().where('person_id', '=', personId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();

export const findSection47 = (db: Db, id: string) => db.selectFrom('section_47_enquiries').selectAll().where('id', '=', id).executeTakeFirst();
export const openSection47Of = (db: Db, personId: string) =>
  db.selectFrom('section_47_enquiries').selectAll().where('person_id', '=', personId).where('completed_date', 'is', null).executeTakeFirst();
export const section47OfStrategy = (db: Db, strategyId: string) => db.selectFrom('section_47_enquiries').select('id').where('strategy_id', '=', strategyId).executeTakeFirst();
export const section47sOf = (db: Db, personId: string) => db.selectFrom('section_47_enquiries').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').execute();
export const insertSection47 = (trx: Db, row: Insertable<Section47EnquiriesTable>) => trx.insertInto('section_47_enquiries').values(row).returning('id').executeTakeFirstOrThrow();

export const updateSection47AtVersion = (trx: Kysely<Database>, id: string, version: number, changes: Updateable<Section47EnquiriesTable>) => updateAtVersion(trx, 'section_47_enquiries', id, version, changes);

// ── Conferences ──
export const findConference = (db: Db, id: string) => db.selectFrom('cp_conferences').selectAll().where('id', '=', id).executeTakeFirst();
export const conferencesOf = (db: Db, personId: string) => db.selectFrom('cp_conferences').selectAll().where('person_id', '=', personId).orderBy('due_date', 'desc').execute();
export const conferencesOfPlan = (db: Db, planId: string) => db.selectFrom('cp_conferences').selectAll().where('plan_id', '=', planId).orderBy('due_date').execute();
export const scheduledConferenceOf = (db: Db, personId: string) =>
  db.selectFrom('cp_conferences').selectAll().where('person_id', '=', personId).where('held_on', 'is', null).orderBy('due_date').executeTakeFirst();
export const insertConference = (trx: Db, row: Insertable<CpConferencesTable>) => trx.insertInto('cp_conferences').values(row).returning('id').executeTakeFirstOrThrow();

export const updateConferenceAtVersion = (trx: Kysely<Database>, id: string, version: number, changes: Updateable<CpConferencesTable>) => updateAtVersion(trx, 'cp_conferences', id, version, changes);

// ── Plans ──
export const findPlan = (db: Db, id: string) => db.selectFrom('cp_plans').selectAll().where('id', '=', id).executeTakeFirst();
export const plansOf = (db: Db, personId: string) => db.selectFrom('cp_plans').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').execute();
export const openPlanOf = (db: Db, personId: string) => db.selectFrom('cp_plans').selectAll().where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
export const insertPlan = (trx: Db, row: Insertable<CpPlansTable>) => trx.insertInto('cp_plans').values(row).returning('id').executeTakeFirstOrThrow();

export const updatePlanAtVersion = (trx: Kysely<Database>, id: string, version: number, changes: Updateable<CpPlansTable>) => updateAtVersion(trx, 'cp_plans', id, version, changes);

// ── Core groups ──
export const findCoreGroup = (db: Db, id: string) => db.selectFrom('core_groups').selectAll().where('id', '=', id).executeTakeFirst();
export const coreGroupsOf = (db: Db, planId: string) => db.selectFrom('core_groups').selectAll().where('plan_id', '=', planId).orderBy('due_date').execute();
export const insertCoreGroup = (trx: Db, row: Insertable<CoreGroupsTable>) => trx.insertInto('core_groups').values(row).returning('id').executeTakeFirstOrThrow();

export const updateCoreGroupAtVersion = (trx: Kysely<Database>, id: string, version: number, changes: Updateable<CoreGroupsTable>) => updateAtVersion(trx, 'core_groups', id, version, changes);

// ── Lists: every open plan, open enquiry and scheduled conference, with the child's name ──
const withName = ['people.given_name', 'people.family_name'] as const;

export const openPlans = (db: Db) =>
  db.selectFrom('cp_plans').innerJoin('people', 'people.id', 'cp_plans.person_id').selectAll('cp_plans').select(withName).where('cp_plans.end_date', 'is', null).orderBy('cp_plans.start_date').limit(2000).execute();

export const openSection47s = (db: Db) =>
  db
    .selectFrom('section_47_enquiries')
    .innerJoin('people', 'people.id', 'section_47_enquiries.person_id')
    .selectAll('section_47_enquiries')
    .select(withName)
    .where('section_47_enquiries.completed_date', 'is', null)
    .limit(2000)
    .execute();

export const scheduledConferences = (db: Db) =>
  db.selectFrom('cp_conferences').innerJoin('people', 'people.id', 'cp_conferences.person_id').selectAll('cp_conferences').select(withName).where('cp_conferences.held_on', 'is', null).orderBy('cp_conferences.due_date').limit(2000).execute();

// ── The inbox: only the children within the users' reach, so the header count stays quick however large the authority ──
export async function openPlansOf(db: Db, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return db.selectFrom('cp_plans').innerJoin('people', 'people.id', 'cp_plans.person_id').selectAll('cp_plans').select(withName).where('cp_plans.end_date', 'is', null).where('cp_plans.person_id', 'in', [...personIds]).execute();
}

export async function openSection47sOf(db: Db, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('section_47_enquiries')
    .innerJoin('people', 'people.id', 'section_47_enquiries.person_id')
    .selectAll('section_47_enquiries')
    .select(withName)
    .where('section_47_enquiries.completed_date', 'is', null)
    .where('section_47_enquiries.person_id', 'in', [...personIds])
    .execute();
}

/** Conferences still to be held for these children, or chaired by these users (a chair's conferences reach them wherever the child is held). */
export async function scheduledConferencesFor(db: Db, personIds: readonly string[], chairIds: readonly string[]) {
  if (!personIds.length && !chairIds.length) return [];
  return db
    .selectFrom('cp_conferences')
    .innerJoin('people', 'people.id', 'cp_conferences.person_id')
    .selectAll('cp_conferences')
    .select(withName)
    .where('cp_conferences.held_on', 'is', null)
    .where((eb) => eb.or([...(personIds.length ? [eb('cp_conferences.person_id', 'in', [...personIds])] : []), ...(chairIds.length ? [eb('cp_conferences.chair_id', 'in', [...chairIds])] : [])]))
    .execute();
}

export const dueCoreGroups = (db: Db, planIds: readonly string[]) =>
  planIds.length ? db.selectFrom('core_groups').selectAll().where('plan_id', 'in', [...planIds]).where('held_on', 'is', null).orderBy('due_date').execute() : Promise.resolve([]);

/** Children's social care teams, for filtering the list. */
export const socialCareTeams = (db: Db) =>
  db.selectFrom('teams').innerJoin('agencies', 'agencies.id', 'teams.agency_id').select(['teams.id', 'teams.name']).where('agencies.kind', '=', 'social_care').orderBy('teams.name').execute();
