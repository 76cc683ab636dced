import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { CareLeaverEligibility, CareLeaversTable } from '../../db/types-social-care.ts';

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
