import { type Insertable, type Kysely, sql } from 'kysely';
import type { ContactStatus, ContactsTable, Database, InvolvementBasis } from '../../db/types.ts';

export type NewContact = Insertable<ContactsTable> & { id: string };

export const insertContact = (db: Kysely<Database>, values: NewContact) => db.insertInto('contacts').values(values).execute();

export async function insertContactPeople(db: Kysely<Database>, contactId: string, people: { personId: string; role: 'child' | 'household'; relationship: string | null }[]) {
  if (!people.length) return;
  await db
    .insertInto('contact_people')
    .values(people.map((p) => ({ contact_id: contactId, person_id: p.personId, role: p.role, relationship: p.relationship })))
    .execute();
}

/** Involvements that let an agency see these people, each naming the record that created it. */
export async function insertInvolvements(
  db: Kysely<Database>,
  rows: { personId: string; agencyId: string; basis: InvolvementBasis; detail: string; startDate: string; sourceType: string; sourceId: string; createdBy: string | null }[],
) {
  if (!rows.length) return;
  await db
    .insertInto('involvements')
    .values(
      rows.map((r) => ({
        person_id: r.personId,
        agency_id: r.agencyId,
        basis: r.basis,
        detail: r.detail,
        start_date: r.startDate,
        source_type: r.sourceType,
        source_id: r.sourceId,
        created_by: r.createdBy,
      })),
    )
    .execute();
}

/** Ends the involvements a record created (a check answered or withdrawn). */
export const endInvolvementsFrom = (db: Kysely<Database>, sourceType: string, sourceId: string, endDate: string) =>
  db.updateTable('involvements').set({ end_date: endDate, updated_at: new Date() }).where('source_type', '=', sourceType).where('source_id', '=', sourceId).where('end_date', 'is', null).execute();

export const findContact = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom('contacts')
    .innerJoin('agencies', 'agencies.id', 'contacts.made_by_agency_id')
    .leftJoin('users as allocated', 'allocated.id', 'contacts.allocated_to')
    .leftJoin('users as decider', 'decider.id', 'contacts.decided_by')
    .leftJoin('users as signer', 'signer.id', 'contacts.signed_off_by')
    .leftJoin('users as creator', 'creator.id', 'contacts.created_by')
    .selectAll('contacts')
    .select([
      'agencies.name as agency_name',
      'agencies.kind as agency_kind',
      'allocated.name as allocated_name',
      'decider.name as decided_by_name',
      'signer.name as signed_off_by_name',
      'creator.name as created_by_name',
    ])
    .where('contacts.id', '=', id)
    .executeTakeFirst();
export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/** The people a contact is about, with the names the contact page and lists show (to those who may see them). */
export const contactPeople = (db: Kysely<Database>, contactIds: readonly string[]) =>
  contactIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('contact_people')
        .innerJoin('people', 'people.id', 'contact_people.person_id')
        .select([
          'contact_people.contact_id',
          'contact_people.person_id',
          'contact_people.role',
          'contact_people.relationship',
          'people.given_name',
          'people.family_name',
          'people.person_type',
          'people.date_of_birth',
          'people.expected_date_of_delivery',
        ])
        .where('contact_people.contact_id', 'in', contactIds)
        .orderBy('contact_people.role')
        .orderBy('people.family_name')
        .orderBy('people.given_name')
        .execute();
export type ContactPersonRow = Awaited<ReturnType<typeof contactPeople>>[number];

/**
 * For each child of each contact: whether the child had another contact received in the 12 months before this
 * one. Computed every time, so it is never stale.
 */
export async function recontactedChildren(db: Kysely<Database>, contactIds: readonly string[]): Promise<{ contact_id: string; person_id: string }[]> {
  if (!contactIds.length) return [];
  return db
    .selectFrom('contact_people as cp')
    .innerJoin('contacts as c', 'c.id', 'cp.contact_id')
    .select(['cp.contact_id', 'cp.person_id'])
    .where('cp.contact_id', 'in', contactIds)
    .where('cp.role', '=', 'child')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('contact_people as earlier_cp')
          .innerJoin('contacts as earlier', 'earlier.id', 'earlier_cp.contact_id')
          .select(sql<number>`1`.as('one'))
          .whereRef('earlier_cp.person_id', '=', 'cp.person_id')
          .where('earlier_cp.role', '=', 'child')
          .whereRef('earlier.id', '<>', 'c.id')
          .whereRef('earlier.received_at', '<', 'c.received_at')
          .where(sql<boolean>`earlier.received_at >= c.received_at - interval '12 months'`),
      ),
    )
    .execute();
}

/** Every other contact about these children, newest first. */
export const previousContacts = (db: Kysely<Database>, contactId: string, personIds: readonly string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('contacts')
        .innerJoin('agencies', 'agencies.id', 'contacts.made_by_agency_id')
        .select(['contacts.id', 'contacts.received_at', 'contacts.source', 'contacts.status', 'contacts.decision_outcome', 'contacts.decision_level', 'contacts.made_by_agency_id', 'contacts.created_by', 'agencies.name as agency_name'])
        .where('contacts.id', '<>', contactId)
        .where('contacts.id', 'in', (eb) => eb.selectFrom('contact_people').select('contact_id').where('person_id', 'in', personIds))
        .orderBy('contacts.received_at', 'desc')
        .limit(50)
        .execute();

export async function contactSummary(db: Kysely<Database>, id: string) {
  const contact = await db.selectFrom('contacts').select(['id', 'decision_outcome', 'received_at']).where('id', '=', id).executeTakeFirst();
  if (!contact) return null;
  const children = await db.selectFrom('contact_people').select('person_id').where('contact_id', '=', id).where('role', '=', 'child').orderBy('person_id').execute();
  return { contact, childIds: children.map((c) => c.person_id) };
}

export interface ContactFilters {
  statuses: readonly ContactStatus[];
  /** A user id, 'unallocated', or null for anyone. */
  allocatedTo: string | null;
  madeByAgencyId?: string;
  createdBy?: string;
  limit: number;
}

/** Contacts for a list: the MASH queue (urgency, then due date) or an agency's own contacts (newest first). */
export async function listContacts(db: Kysely<Database>, f: ContactFilters) {
  let query = db
    .selectFrom('contacts')
    .innerJoin('agencies', 'agencies.id', 'contacts.made_by_agency_id')
    .leftJoin('users as allocated', 'allocated.id', 'contacts.allocated_to')
    .select([
      'contacts.id',
      'contacts.received_at',
      'contacts.decision_due',
      'contacts.source',
      'contacts.urgency',
      'contacts.status',
      'contacts.allocated_to',
      'contacts.decision_outcome',
      'contacts.decision_level',
      'contacts.signed_off_at',
      'contacts.returned_comment',
      'contacts.version',
      'contacts.early_help_case_id',
      'agencies.name as agency_name',
      'allocated.name as allocated_name',
    ])
    .where('contacts.status', 'in', f.statuses);
  if (f.createdBy) query = query.where('contacts.created_by', '=', f.createdBy);
  if (f.madeByAgencyId) query = query.where('contacts.made_by_agency_id', '=', f.madeByAgencyId).orderBy('contacts.received_at', 'desc');
  else {
    const urgencyRank = sql<number>`CASE contacts.urgency WHEN 'immediate' THEN 0 WHEN 'same_day' THEN 1 ELSE 2 END`;
    query = f.statuses.includes('decided') && f.statuses.length === 1
      ? query.orderBy('contacts.signed_off_at', 'desc')
      : query.orderBy(urgencyRank).orderBy('contacts.decision_due').orderBy('contacts.received_at');
  }
  if (f.allocatedTo === 'unallocated') query = query.where('contacts.allocated_to', 'is', null);
  else if (f.allocatedTo) query = query.where('contacts.allocated_to', '=', f.allocatedTo);
  return query.limit(f.limit).execute();
}
export type ContactListRow = Awaited<ReturnType<typeof listContacts>>[number];

/** Saves a change made from `version`; false when someone else changed the contact first. */
export async function updateContactAtVersion(db: Kysely<Database>, id: string, version: number, values: Partial<Insertable<ContactsTable>>): Promise<boolean> {
  // RETURNING rather than the affected-row count, which not every driver reports.
  const row = await db
    .updateTable('contacts')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}


export const agencies = (db: Kysely<Database>) => db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();

export const agencyName = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('agencies').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
