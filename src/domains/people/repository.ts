import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, InvolvementBasis, NewPerson, Person } from '../../db/types.ts';

export interface PersonHeading {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  personType: 'child' | 'unborn' | 'adult';
  allocatedTeamId: string | null;
  mergedInto: string | null;
}

export async function findPersonHeading(db: Kysely<Database>, id: string): Promise<PersonHeading | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'person_type', 'allocated_team_id', 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        givenName: row.given_name,
        familyName: row.family_name,
        dateOfBirth: row.date_of_birth,
        personType: row.person_type,
        allocatedTeamId: row.allocated_team_id,
        mergedInto: row.merged_into,
      }
    : null;
}

export interface SearchCriteria {
  /** Already passed through searchKey(). */
  nameKey: string | null;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  /** Upper case, no spaces. */
  postcodePrefix: string | null;
}

export interface SearchRow {
  id: string;
  given_name: string;
  family_name: string;
  person_type: Person['person_type'];
  date_of_birth: string | null;
  expected_date_of_delivery: string | null;
  nhs_number: string | null;
  restricted: boolean;
  score: number;
  matched_alias: string | null;
  postcode: string | null;
  involved: boolean;
  named: boolean;
  break_glass: boolean;
}

// Word similarity finds a query anywhere in a name (a family name alone, a misspelt full name); adding whole-name
// similarity ranks an exact full name above a name that merely contains the query.
const nameScore = (q: string, name: RawBuilder<unknown>) => sql`(word_similarity(${q}, ${name}) + similarity(${name}, ${q})) / 2`;
// `<%` is answered from the trigram GIN indexes (see migration 0009). Its threshold is lowered from the default 0.6
// so that a name misspelt in both parts ("Lilly Quilfether") still finds its person.
const WORD_THRESHOLD = 0.5;
// A common family name matches thousands of people in a county: only the nearest names per source (`<<->` is word
// distance) are scored and ranked, not every match.
const NEAREST = 200;

/**
 * People matching every criterion given, best name match first. Restricted records the viewer is not named on
 * are left out inside the query, so they never reach the application, not even as a count — except for information
 * governance, which must find everyone a request is about (`includeRestricted`).
 */
export async function searchPeople(
  db: Kysely<Database>,
  c: SearchCriteria,
  viewer: { userId: string; agencyId: string; includeRestricted?: boolean },
  limit = 50,
): Promise<SearchRow[]> {
  const named = sql`EXISTS (SELECT 1 FROM restricted_access r WHERE r.person_id = p.id AND r.user_id = ${viewer.userId})`;
  const filters = [sql`p.merged_into IS NULL`, sql`p.destroyed_at IS NULL`];
  if (!viewer.includeRestricted) filters.push(sql`(NOT p.restricted OR ${named})`);
  if (c.dateOfBirth) filters.push(sql`(p.date_of_birth = ${c.dateOfBirth} OR p.expected_date_of_delivery = ${c.dateOfBirth})`);
  if (c.nhsNumber) filters.push(sql`p.nhs_number = ${c.nhsNumber}`);
  if (c.postcodePrefix) {
    filters.push(sql`p.id IN (SELECT a.person_id FROM person_addresses a WHERE a.postcode_key LIKE ${`${c.postcodePrefix}%`})`);
  }
  const allFilters = sql.join(filters, sql` AND `);
  const q = c.nameKey;
  // Names and other names are each searched nearest first with every other criterion applied, so a date of birth
  // narrows the search inside the index walk rather than after it.
  const from = q
    ? sql`WITH name_hits AS (
          (SELECT p.id AS person_id, ${nameScore(q, sql.ref('p.search_name'))} AS score, NULL::text AS alias
           FROM people p WHERE ${q} <% p.search_name AND ${allFilters}
           ORDER BY ${q} <<-> p.search_name LIMIT ${NEAREST})
          UNION ALL
          (SELECT n.person_id, ${nameScore(q, sql.ref('n.search_name'))}, n.given_name || ' ' || n.family_name
           FROM person_names n JOIN people p ON p.id = n.person_id WHERE ${q} <% n.search_name AND ${allFilters}
           ORDER BY ${q} <<-> n.search_name LIMIT ${NEAREST})
        ), best AS (
          SELECT DISTINCT ON (person_id) person_id, score, alias FROM name_hits ORDER BY person_id, score DESC, alias NULLS FIRST
        )
        SELECT p.*, best.score::float8 AS score, best.alias AS matched_alias
        FROM people p JOIN best ON best.person_id = p.id`
    : sql`SELECT p.*, 1::float8 AS score, NULL::text AS matched_alias FROM people p WHERE ${allFilters}`;
  const query = sql<SearchRow>`
    SELECT s.id, s.given_name, s.family_name, s.person_type, s.date_of_birth, s.expected_date_of_delivery, s.nhs_number,
      s.restricted, s.score, s.matched_alias,
      (SELECT a.postcode FROM person_addresses a WHERE a.person_id = s.id AND a.end_date IS NULL ORDER BY a.start_date DESC LIMIT 1) AS postcode,
      EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = s.id AND i.agency_id = ${viewer.agencyId}
              AND (i.end_date IS NULL OR i.end_date >= current_date)) AS involved,
      EXISTS (SELECT 1 FROM restricted_access r WHERE r.person_id = s.id AND r.user_id = ${viewer.userId}) AS named,
      EXISTS (SELECT 1 FROM break_glass b WHERE b.person_id = s.id AND b.user_id = ${viewer.userId} AND b.expires_at > now()) AS break_glass
    FROM (${from}
          ORDER BY score DESC, p.family_name, p.given_name, p.id LIMIT ${limit}) s
    ORDER BY s.score DESC, s.family_name, s.given_name, s.id`;
  if (!c.nameKey) return (await query.execute(db)).rows;
  // The threshold is a setting, scoped to a transaction so it cannot leak to other queries on a pooled connection.
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_THRESHOLD)}, true)`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

export interface DuplicateProbe {
  nameKey: string;
  nhsNumber: string | null;
  /** Date of birth, or expected date of delivery for an unborn child. */
  date: string | null;
  excludeId?: string;
}

/**
 * Records that may be the same person: the same NHS number; a similar name (≥ 0.5) with the same date; or a
 * very similar name (≥ 0.8) with a date a few days either side, which catches a mistyped day.
 */
export async function findDuplicateCandidates(db: Kysely<Database>, probe: DuplicateProbe): Promise<{ id: string }[]> {
  const near = probe.date
    ? sql`(p.search_name % ${probe.nameKey} AND (
          (similarity(p.search_name, ${probe.nameKey}) >= 0.5 AND coalesce(p.date_of_birth, p.expected_date_of_delivery) = ${probe.date}::date)
          OR (similarity(p.search_name, ${probe.nameKey}) >= 0.8
              AND coalesce(p.date_of_birth, p.expected_date_of_delivery) BETWEEN ${probe.date}::date - 3 AND ${probe.date}::date + 3)))`
    : sql`false`;
  const nhs = probe.nhsNumber ? sql`p.nhs_number = ${probe.nhsNumber}` : sql`false`;
  const exclude = probe.excludeId ? sql`AND p.id <> ${probe.excludeId}` : sql``;
  const result = await sql<{ id: string }>`
    SELECT p.id FROM people p WHERE p.merged_into IS NULL ${exclude} AND (${nhs} OR ${near})
    ORDER BY (p.nhs_number IS NOT DISTINCT FROM ${probe.nhsNumber}) DESC, similarity(p.search_name, ${probe.nameKey}) DESC LIMIT 10`.execute(db);
  return result.rows;
}

export const findPerson = (db: Kysely<Database>, id: string) => db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();

export const findPeople = (db: Kysely<Database>, ids: string[]) =>
  ids.length ? db.selectFrom('people').selectAll().where('id', 'in', ids).execute() : Promise.resolve([] as Person[]);

export const listNames = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('person_names').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();

export const listAddresses = (db: Kysely<Database>, personId: string) =>
  db
    .selectFrom('person_addresses')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy(sql`end_date IS NULL`, 'desc')
    .orderBy('start_date', 'desc')
    .execute();

/** Rows naming this person on either side; the service works out which way round each reads. */
export const listRelationships = (db: Kysely<Database>, personId: string) =>
  db
    .selectFrom('relationships')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
    .orderBy('created_at')
    .execute();

export const listInvolvements = (db: Kysely<Database>, personId: string) =>
  db
    .selectFrom('involvements')
    .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
    .select([
      'involvements.id',
      'involvements.agency_id',
      'agencies.name as agency_name',
      'involvements.basis',
      'involvements.detail',
      'involvements.start_date',
      'involvements.end_date',
    ])
    .where('involvements.person_id', '=', personId)
    .orderBy(sql`involvements.end_date IS NULL`, 'desc')
    .orderBy('involvements.start_date', 'desc')
    .execute();

export const listNamedUsers = (db: Kysely<Database>, personId: string) =>
  db
    .selectFrom('restricted_access')
    .innerJoin('users', 'users.id', 'restricted_access.user_id')
    .select(['users.id', 'users.name'])
    .where('restricted_access.person_id', '=', personId)
    .orderBy('users.name')
    .execute();


export const listAgencies = (db: Kysely<Database>) => db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();

export const findAgency = (db: Kysely<Database>, id: string) =>
  db.selectFrom('agencies').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();

export const insertPerson = (db: Kysely<Database>, values: NewPerson) => db.insertInto('people').values(values).execute();

export async function updatePersonAtVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
  values: Partial<Omit<Person, 'id' | 'version' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  // RETURNING rather than the affected-row count, which the embedded engine's driver does not report.
  return result !== undefined;
}

export const insertName = (
  db: Kysely<Database>,
  v: { personId: string; givenName: string; familyName: string; kind: 'alias' | 'previous' | 'preferred' | 'merged'; searchName: string; createdBy: string },
) =>
  db
    .insertInto('person_names')
    .values({ person_id: v.personId, given_name: v.givenName, family_name: v.familyName, kind: v.kind, search_name: v.searchName, created_by: v.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertAddress = (
  db: Kysely<Database>,
  v: { personId: string; line1: string; line2: string | null; town: string | null; postcode: string; postcodeKey: string; startDate: string; createdBy: string },
) =>
  db
    .insertInto('person_addresses')
    .values({
      person_id: v.personId,
      line1: v.line1,
      line2: v.line2,
      town: v.town,
      postcode: v.postcode,
      postcode_key: v.postcodeKey,
      start_date: v.startDate,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Ends current addresses that started before `endDate`; returns how many were ended. */
export async function endCurrentAddresses(db: Kysely<Database>, personId: string, endDate: string): Promise<number> {
  const result = await db
    .updateTable('person_addresses')
    .set({ end_date: endDate, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .where('start_date', '<=', endDate)
    .returning('id')
    .execute();
  return result.length;
}

export const insertInvolvement = (
  db: Kysely<Database>,
  v: { personId: string; agencyId: string; basis: InvolvementBasis; detail: string | null; startDate?: string; createdBy: string },
) =>
  db
    .insertInto('involvements')
    .values({ person_id: v.personId, agency_id: v.agencyId, basis: v.basis, detail: v.detail, start_date: v.startDate, created_by: v.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

export const findInvolvement = (db: Kysely<Database>, personId: string, id: string) =>
  db.selectFrom('involvements').selectAll().where('person_id', '=', personId).where('id', '=', id).executeTakeFirst();

export const endInvolvement = (db: Kysely<Database>, id: string, endDate: string) =>
  db.updateTable('involvements').set({ end_date: endDate, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` }).where('id', '=', id).execute();

export const relationshipExists = async (db: Kysely<Database>, a: string, b: string) =>
  Boolean(
    await db
      .selectFrom('relationships')
      .select('id')
      .where((eb) =>
        eb.or([eb.and([eb('person_id', '=', a), eb('related_person_id', '=', b)]), eb.and([eb('person_id', '=', b), eb('related_person_id', '=', a)])]),
      )
      .executeTakeFirst(),
  );

export const insertRelationship = (db: Kysely<Database>, v: { personId: string; relatedPersonId: string; kind: string; createdBy: string }) =>
  db
    .insertInto('relationships')
    .values({ person_id: v.personId, related_person_id: v.relatedPersonId, kind: v.kind, created_by: v.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

export async function setRestriction(db: Kysely<Database>, personId: string, restricted: boolean, userIds: string[], by: string) {
  await db.updateTable('people').set({ restricted, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` }).where('id', '=', personId).execute();
  await db.deleteFrom('restricted_access').where('person_id', '=', personId).execute();
  if (restricted && userIds.length) {
    await db
      .insertInto('restricted_access')
      .values(userIds.map((user_id) => ({ person_id: personId, user_id, created_by: by })))
      .execute();
  }
}

/** The postcode of the person's current address (the latest started, not ended), if any. */
export async function currentPostcode(db: Kysely<Database>, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person_addresses')
    .select('postcode')
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.postcode ?? null;
}
