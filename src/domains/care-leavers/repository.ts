import { updateAtVersion } from '../../db/versioned.ts';
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { CareLeaverContactsTable, CareLeaverEligibility, CareLeaversTable, PathwayPlansTable } from '../../db/types-social-care.ts';

export type CareLeaverRow = Selectable<CareLeaversTable>;

export async function findCareLeaver(db: Kysely<Database>, id: string): Promise<CareLeaverRow | undefined> {
  return db.selectFrom('care_leavers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCareLeaverByPerson(db: Kysely<Database>, personId: string): Promise<CareLeaverRow | undefined> {
  return db.selectFrom('care_leavers').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertCareLeaver(
  db: Kysely<Database>,
  row: { id: string; personId: string; eligibility: CareLeaverEligibility; openedOn: string; personalAdviserId: string | null; createdBy: string },
): Promise<void> {
  await db
    .insertInto('care_leavers')
    .values({ id: row.id, person_id: row.personId, eligibility: row.eligibility, opened_on: row.openedOn, personal_adviser_id: row.personalAdviserId, created_by: row.createdBy })
    .execute();
}

/** Reopens (or keeps open) a record with a new eligibility; the record is one per person, so history stays on it. */
export async function reopenCareLeaver(db: Kysely<Database>, id: string, eligibility: CareLeaverEligibility, openedOn: string | null): Promise<void> {
  await db
    .updateTable('care_leavers')
    .set((eb) => ({ eligibility, closed_on: null, closed_reason: null, ...(openedOn ? { opened_on: openedOn } : {}), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export type ContactRow = Selectable<CareLeaverContactsTable>;
export type PlanRow = Selectable<PathwayPlansTable>;

export async function contactsOf(db: Kysely<Database>, careLeaverIds: readonly string[]): Promise<(ContactRow & { recorded_by: string | null })[]> {
  if (!careLeaverIds.length) return [];
  return db
    .selectFrom('care_leaver_contacts as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .selectAll('c')
    .select('u.name as recorded_by')
    .where('c.care_leaver_id', 'in', [...careLeaverIds])
    .orderBy('c.contact_date', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function plansOf(db: Kysely<Database>, careLeaverIds: readonly string[]): Promise<PlanRow[]> {
  if (!careLeaverIds.length) return [];
  return db.selectFrom('pathway_plans').selectAll().where('care_leaver_id', 'in', [...careLeaverIds]).orderBy('plan_date', 'desc').orderBy('created_at', 'desc').execute();
}

export async function insertContact(db: Kysely<Database>, row: Insertable<CareLeaverContactsTable>) {
  await db.insertInto('care_leaver_contacts').values(row).execute();
}

export async function insertPlan(db: Kysely<Database>, row: Insertable<PathwayPlansTable>) {
  await db.insertInto('pathway_plans').values(row).execute();
}

export const updateLeaverAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<CareLeaversTable>) => updateAtVersion(db, 'care_leavers', id, version, changes);

/**
 * Open records (or every record) with the young person and their adviser, for the list and the inbox. The inbox
 * names whose work it wants (`heldBy`): records these advisers hold, and records with no adviser in these teams.
 */
export async function leaversWithPeople(db: Kysely<Database>, options: { openOnly: boolean; ids?: readonly string[]; heldBy?: { adviserIds: readonly string[]; teamIds: readonly string[] } }) {
  let query = db
    .selectFrom('care_leavers as l')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .leftJoin('users as u', 'u.id', 'l.personal_adviser_id')
    .selectAll('l')
    .select(['p.given_name', 'p.family_name', 'p.date_of_birth', 'p.allocated_team_id', 'u.name as adviser_name']);
  if (options.openOnly) query = query.where('l.closed_on', 'is', null);
  if (options.ids) query = query.where('l.id', 'in', options.ids.length ? [...options.ids] : ['00000000-0000-0000-0000-000000000000']);
  const heldBy = options.heldBy;
  if (heldBy) {
    const nobody = ['00000000-0000-0000-0000-000000000000'];
    query = query.where((eb) =>
      eb.or([
        eb('l.personal_adviser_id', 'in', heldBy.adviserIds.length ? [...heldBy.adviserIds] : nobody),
        eb.and([eb('l.personal_adviser_id', 'is', null), eb('p.allocated_team_id', 'in', heldBy.teamIds.length ? [...heldBy.teamIds] : nobody)]),
      ]),
    );
  }
  return query.orderBy('p.family_name').orderBy('p.given_name').execute();
}

/** Who may be a personal adviser: children's social care practitioners and managers. */
export async function adviserChoices(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.name'])
    .where('u.disabled', '=', false)
    .where('a.kind', '=', 'social_care')
    .where(sql<boolean>`u.roles && ARRAY['practitioner','manager']::text[]`)
    .orderBy('u.name')
    .execute();
}

export async function userNameOf(db: Kysely<Database>, id: string): Promise<string | null> {
  return (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export async function dateOfBirthOf(db: Kysely<Database>, personId: string): Promise<string | null> {
  return (await db.selectFrom('people').select('date_of_birth').where('id', '=', personId).executeTakeFirst())?.date_of_birth ?? null;
}

/** The managers of each of these teams (for work nobody is named on). */
export async function managersOfTeams(db: Kysely<Database>, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!teamIds.length) return map;
  const rows = await db
    .selectFrom('user_teams as ut')
    .innerJoin('users as u', 'u.id', 'ut.user_id')
    .select(['ut.team_id', 'u.id'])
    .where('ut.team_id', 'in', [...new Set(teamIds)])
    .where('u.disabled', '=', false)
    .where(sql<boolean>`'manager' = ANY(u.roles)`)
    .execute();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.id]);
  return map;
}
