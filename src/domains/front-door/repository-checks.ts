import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

export const insertChecks = (
  db: Kysely<Database>,
  rows: { id: string; contactId: string; agencyId: string; question: string; requestedBy: string; requestedAt: Date }[],
) =>
  db
    .insertInto('contact_checks')
    .values(rows.map((r) => ({ id: r.id, contact_id: r.contactId, agency_id: r.agencyId, question: r.question, requested_by: r.requestedBy, requested_at: r.requestedAt, created_by: r.requestedBy })))
    .execute();

const checkColumns = [
  'contact_checks.id',
  'contact_checks.contact_id',
  'contact_checks.agency_id',
  'contact_checks.question',
  'contact_checks.status',
  'contact_checks.requested_at',
  'contact_checks.response',
  'contact_checks.responded_at',
  'contact_checks.version',
  'agencies.name as agency_name',
  'requester.name as requested_by_name',
  'responder.name as responded_by_name',
] as const;

const checksQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('contact_checks')
    .innerJoin('agencies', 'agencies.id', 'contact_checks.agency_id')
    .innerJoin('users as requester', 'requester.id', 'contact_checks.requested_by')
    .leftJoin('users as responder', 'responder.id', 'contact_checks.responded_by')
    .select(checkColumns);

export const findCheck = (db: Kysely<Database>, id: string) => checksQuery(db).where('contact_checks.id', '=', id).executeTakeFirst();
export type CheckRow = NonNullable<Awaited<ReturnType<typeof findCheck>>>;

export const checksForContact = (db: Kysely<Database>, contactId: string) =>
  checksQuery(db).where('contact_checks.contact_id', '=', contactId).orderBy('contact_checks.requested_at').orderBy('agencies.name').execute();

/** Checks asked of an agency: those waiting, then those answered or withdrawn in the last 30 days. */
export const checksForAgency = (db: Kysely<Database>, agencyId: string) =>
  checksQuery(db)
    .where('contact_checks.agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb('contact_checks.status', '=', 'requested'),
        eb(sql<Date>`coalesce(contact_checks.responded_at, contact_checks.updated_at)`, '>=', sql<Date>`now() - interval '30 days'`),
      ]),
    )
    .orderBy(sql`contact_checks.status = 'requested'`, 'desc')
    .orderBy('contact_checks.requested_at')
    .limit(200)
    .execute();

export async function respondAtVersion(db: Kysely<Database>, id: string, version: number, values: { response: string; respondedBy: string }): Promise<boolean> {
  const row = await db
    .updateTable('contact_checks')
    .set({ status: 'responded', response: values.response, responded_by: values.respondedBy, responded_at: new Date(), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function withdrawAtVersion(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const row = await db
    .updateTable('contact_checks')
    .set({ status: 'withdrawn', version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The children a check asks about, with what the responding agency is shown: names and dates of birth. */
export const checkChildren = (db: Kysely<Database>, contactId: string) =>
  db
    .selectFrom('contact_people')
    .innerJoin('people', 'people.id', 'contact_people.person_id')
    .select(['people.id', 'people.given_name', 'people.family_name', 'people.date_of_birth', 'people.expected_date_of_delivery'])
    .where('contact_people.contact_id', '=', contactId)
    .where('contact_people.role', '=', 'child')
    .orderBy('people.family_name')
    .orderBy('people.given_name')
    .execute();
