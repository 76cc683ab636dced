import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { PrivateFosteringArrangementsTable, PrivateFosteringCarersTable, PrivateFosteringVisitsTable } from './tables.ts';

export type ArrangementRow = Selectable<PrivateFosteringArrangementsTable>;
export type CarerRow = Selectable<PrivateFosteringCarersTable>;
export type VisitRow = Selectable<PrivateFosteringVisitsTable>;

const NONE = ['00000000-0000-0000-0000-000000000000'];
const idsOr = (ids: readonly string[]) => (ids.length ? [...ids] : NONE);

export async function findArrangement(db: Kysely<Database>, id: string): Promise<ArrangementRow | undefined> {
  return db.selectFrom('private_fostering_arrangements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function arrangementsOfPerson(db: Kysely<Database>, personId: string): Promise<ArrangementRow[]> {
  return db.selectFrom('private_fostering_arrangements').selectAll().where('person_id', '=', personId).orderBy('notified_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** What decides whether a child can be privately fostered: their age and whether they are disabled. */
export async function childFacts(db: Kysely<Database>, personId: string) {
  return db.selectFrom('people').select(['person_type', 'date_of_birth', 'disabilities']).where('id', '=', personId).executeTakeFirst();
}

/** Adults linked to the child on the person index, offered as carers. */
export async function linkedAdults(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('relationships as r')
    .innerJoin('people as p', 'p.id', 'r.related_person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.kind'])
    .where('r.person_id', '=', personId)
    .where('p.person_type', '=', 'adult')
    .where('p.merged_into', 'is', null)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function insertArrangement(db: Kysely<Database>, row: Insertable<PrivateFosteringArrangementsTable>) {
  await db.insertInto('private_fostering_arrangements').values(row).execute();
}

export async function insertCarers(db: Kysely<Database>, rows: Insertable<PrivateFosteringCarersTable>[]) {
  if (rows.length) await db.insertInto('private_fostering_carers').values(rows).execute();
}

export async function carersOf(db: Kysely<Database>, arrangementIds: readonly string[]): Promise<CarerRow[]> {
  return db.selectFrom('private_fostering_carers').selectAll().where('arrangement_id', 'in', idsOr(arrangementIds)).orderBy('created_at').orderBy('id').execute();
}

/** Visits, newest first, with who recorded them. */
export async function visitsOf(db: Kysely<Database>, arrangementIds: readonly string[]) {
  return db
    .selectFrom('private_fostering_visits as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.name as recorded_by')
    .where('v.arrangement_id', 'in', idsOr(arrangementIds))
    .orderBy('v.visit_date', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();
}

export async function insertVisit(db: Kysely<Database>, row: Insertable<PrivateFosteringVisitsTable>) {
  await db.insertInto('private_fostering_visits').values(row).execute();
}

export const updateArrangementAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<PrivateFosteringArrangementsTable>) =>
  updateAtVersion(db, 'private_fostering_arrangements', id, version, changes);

/** Arrangements with their child, for the list: current ones, or those ended. */
export async function arrangementsWithChildren(db: Kysely<Database>, options: { ended: boolean }) {
  const query = db
    .selectFrom('private_fostering_arrangements as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .selectAll('a')
    .select(['p.given_name', 'p.family_name', 'p.date_of_birth']);
  return (options.ended ? query.where('a.ended_on', 'is not', null) : query.where('a.ended_on', 'is', null)).orderBy('p.family_name').orderBy('p.given_name').execute();
}

/** Every arrangement that was open at some time in a period (notified by its end, not ended before its start). */
export async function arrangementsDuring(db: Kysely<Database>, from: string, to: string): Promise<ArrangementRow[]> {
  return db
    .selectFrom('private_fostering_arrangements')
    .selectAll()
    .where('notified_on', '<=', to)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', from)]))
    .execute();
}

export { userNames } from '../../platform/auth/users.ts';

/** Current arrangements of these children, or recorded by these users, with the child's name (for the inbox). */
export async function currentArrangementsReaching(db: Kysely<Database>, reach: { personIds: readonly string[]; recordedBy: readonly string[] }) {
  return db
    .selectFrom('private_fostering_arrangements as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'a.notified_on', 'a.start_date', 'a.created_by', 'p.given_name', 'p.family_name'])
    .where('a.ended_on', 'is', null)
    .where((eb) => eb.or([eb('a.person_id', 'in', idsOr(reach.personIds)), eb('a.created_by', 'in', idsOr(reach.recordedBy))]))
    .execute();
}

/** The latest visit of each arrangement. */
export async function lastVisits(db: Kysely<Database>, arrangementIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('private_fostering_visits')
    .select(['arrangement_id', (eb) => eb.fn.max('visit_date').as('last')])
    .where('arrangement_id', 'in', idsOr(arrangementIds))
    .groupBy('arrangement_id')
    .execute();
  return new Map(rows.map((r) => [r.arrangement_id, String(r.last)]));
}
