import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database, EarlyHelpCasesTable, InvolvementBasis } from '../../db/types.ts';

/** Involvements an early help case creates are named by it, so closing the case ends exactly those. */
export const CASE_SOURCE = 'early_help_case';
/** A Team Around the Child membership's involvement, ended when the membership ends. */
export const TAC_SOURCE = 'tac_member';

const bump = { updated_at: sql<Date>`now()`, version: sql<number>`version + 1` };

/** The early help service: the agency of kind 'early_help' (the first made, if an area has several). */
export const findEarlyHelpAgency = (db: Kysely<Database>) =>
  db.selectFrom('agencies').select(['id', 'name']).where('kind', '=', 'early_help').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();

export const findCase = (db: Kysely<Database>, id: string) => db.selectFrom('early_help_cases').selectAll().where('id', '=', id).executeTakeFirst();

/** The case, locked until the transaction ends, so that a change and a closure cannot cross. */
export const findCaseForUpdate = (db: Kysely<Database>, id: string) =>
  db.selectFrom('early_help_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findOpenCaseForPerson = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('early_help_cases').select(['id', 'lead_professional_id']).where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst();

/** The case a front door decision already opened for this child (a contact may be about several children). */
export const findCaseByContact = (db: Kysely<Database>, contactId: string, personId: string) =>
  db.selectFrom('early_help_cases').select('id').where('contact_id', '=', contactId).where('person_id', '=', personId).executeTakeFirst();

export interface NewCase {
  id: string;
  person_id: string;
  source: EarlyHelpCasesTable['source'];
  contact_id: string | null;
  step_down_summary: string | null;
  step_down_reason: string | null;
  locality: string;
  opened_on: string;
  lead_professional_id: string | null;
  lead_agency_id: string | null;
  created_by: string;
}

export const insertCase = (db: Kysely<Database>, row: NewCase) => db.insertInto('early_help_cases').values(row).execute();

export const insertInvolvement = (
  db: Kysely<Database>,
  v: { personId: string; agencyId: string; basis: InvolvementBasis; detail: string; startDate: string; sourceType: string; sourceId: string; createdBy: string },
) =>
  db
    .insertInto('involvements')
    .values({
      person_id: v.personId,
      agency_id: v.agencyId,
      basis: v.basis,
      detail: v.detail,
      start_date: v.startDate,
      source_type: v.sourceType,
      source_id: v.sourceId,
      created_by: v.createdBy,
    })
    .execute();

/** Whether the agency already has a current involvement from this source (so a case does not add it twice). */
export const hasInvolvementFrom = async (db: Kysely<Database>, agencyId: string, sourceType: string, sourceId: string) =>
  Boolean(
    await db
      .selectFrom('involvements')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('source_type', '=', sourceType)
      .where('source_id', '=', sourceId)
      .where('end_date', 'is', null)
      .executeTakeFirst(),
  );

/** Ends the current involvements the given sources created. */
export const endInvolvementsFrom = (db: Kysely<Database>, sourceType: string, sourceIds: readonly string[], endDate: string) =>
  sourceIds.length === 0
    ? Promise.resolve()
    : db
        .updateTable('involvements')
        .set({ end_date: endDate, ...bump })
        .where('source_type', '=', sourceType)
        .where('source_id', 'in', sourceIds)
        .where('end_date', 'is', null)
        .execute()
        .then(() => undefined);

export type CaseChanges = Omit<Updateable<EarlyHelpCasesTable>, 'id' | 'version'>;

/**
 * Updates a case only if it is still at the version the user read, and still open. Returns whether it was.
 * (The updated-row count is not reliable on every driver, so the check reads the returned id.)
 */
export async function updateCaseAtVersion(db: Kysely<Database>, id: string, version: number, changes: CaseChanges) {
  const row = await db
    .updateTable('early_help_cases')
    .set({ ...changes, ...bump })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Moves an open case on a version (something on it changed), so that concurrent edits of the case notice. */
export async function touchCase(db: Kysely<Database>, id: string, changes: CaseChanges = {}) {
  const row = await db
    .updateTable('early_help_cases')
    .set({ ...changes, ...bump })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export const insertAlerts = (db: Kysely<Database>, rows: { user_id: string; kind: string; person_id: string | null; message: string }[]) =>
  rows.length ? db.insertInto('alerts').values(rows).execute().then(() => undefined) : Promise.resolve();

export const findUser = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.roles', 'users.disabled', 'users.agency_id', 'agencies.name as agency_name', 'agencies.kind as agency_kind'])
    .where('users.id', '=', id)
    .executeTakeFirst();

export const findAgency = (db: Kysely<Database>, id: string) => db.selectFrom('agencies').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();

export const listAgencies = (db: Kysely<Database>) => db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();

/** Users who work with children (any agency): the people who can lead a case or sit on a Team Around the Child. */
export const listCaseworkers = (db: Kysely<Database>, agencyId?: string) => {
  let q = db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.agency_id', 'agencies.name as agency_name'])
    .where('users.disabled', '=', false)
    .where(sql<boolean>`users.roles && ARRAY['practitioner','manager','partner_practitioner','lado','panel_chair']::text[]`);
  if (agencyId) q = q.where('users.agency_id', '=', agencyId);
  return q.orderBy('agencies.name').orderBy('users.name').execute();
};
