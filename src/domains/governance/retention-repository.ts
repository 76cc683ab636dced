import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { personDates, typedDates } from './retention-dates.ts';
import type { HoldReason } from './retention-tables.ts';

export interface DueRow {
  person_id: string;
  person_type: string;
  date_of_birth: string | null;
  review_date: string;
  governing_type: string;
  governing_label: string;
  record_types: string[];
  open: boolean;
  keep_until: string | null;
}

/** People whose retention date has passed and who are not held, oldest date first. */
export async function dueForReview(db: Kysely<Database>, today: string, limit: number, offset: number): Promise<{ rows: DueRow[]; total: number }> {
  const due = sql`NOT d.permanent AND NOT d.unknown AND NOT d.held AND d.review_date <= ${today}::date`;
  const { rows } = await sql<DueRow & { total: string | number }>`
    WITH ${personDates(today)}
    SELECT d.person_id, p.person_type, p.date_of_birth, d.review_date::text AS review_date, d.governing_type, r.label AS governing_label,
      d.record_types, d.open, d.keep_until::text AS keep_until, count(*) OVER () AS total
    FROM dated d JOIN people p ON p.id = d.person_id JOIN retention_rules r ON r.record_type = d.governing_type
    WHERE ${due}
    ORDER BY d.review_date, d.person_id
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const total = rows.length ? Number(rows[0]!.total) : offset > 0 ? await countDue(db, today) : 0;
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

export async function countDue(db: Kysely<Database>, today: string): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    WITH ${personDates(today)}
    SELECT count(*) AS n FROM dated d WHERE NOT d.permanent AND NOT d.unknown AND NOT d.held AND d.review_date <= ${today}::date`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface TypedRow {
  record_type: string;
  label: string;
  rule: string;
  open: boolean;
  permanent: boolean;
  retain_until: string | null;
}

/** Every record type one person has, with the date its rule gives. */
export async function typedForPerson(db: Kysely<Database>, personId: string): Promise<TypedRow[]> {
  const { rows } = await sql<TypedRow>`
    WITH ${typedDates(personId)}
    SELECT record_type, label, rule, open, permanent, retain_until::text AS retain_until FROM typed
    ORDER BY retain_until DESC NULLS FIRST, label`.execute(db);
  return rows;
}

export interface PersonDateRow {
  permanent: boolean;
  unknown: boolean;
  open: boolean;
  held: boolean;
  retain_until: string | null;
  review_date: string | null;
  governing_type: string;
  record_types: string[];
  keep_until: string | null;
  keep_reason: string | null;
}

export async function datesForPerson(db: Kysely<Database>, personId: string, today: string): Promise<PersonDateRow | undefined> {
  const { rows } = await sql<PersonDateRow>`
    WITH ${personDates(today, personId)}
    SELECT permanent, unknown, open, held, retain_until::text AS retain_until, review_date::text AS review_date, governing_type,
      record_types, keep_until::text AS keep_until, keep_reason
    FROM dated`.execute(db);
  return rows[0];
}

// ---- The schedule ----

export const readRules = (db: Kysely<Database>) => db.selectFrom('retention_rules').selectAll().orderBy('label').execute();

export const readRule = (db: Kysely<Database>, recordType: string) =>
  db.selectFrom('retention_rules').selectAll().where('record_type', '=', recordType).executeTakeFirst();

// ---- Holds ----

export interface HoldRow {
  id: string;
  person_id: string;
  reason: HoldReason;
  reference: string;
  detail: string | null;
  placed_by: string;
  from_date: string;
  until_date: string | null;
  released_at: Date | null;
  released_by: string | null;
  release_reason: string | null;
  version: number;
  person_type: string;
  destroyed: boolean;
}

function holdsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('retention_holds as h')
    .innerJoin('people as p', 'p.id', 'h.person_id')
    .select(['h.id', 'h.person_id', 'h.reason', 'h.reference', 'h.detail', 'h.placed_by', 'h.from_date', 'h.until_date', 'h.released_at', 'h.released_by', 'h.release_reason', 'h.version', 'p.person_type'])
    .select(sql<boolean>`p.destroyed_at IS NOT NULL`.as('destroyed'));
}

export const holdsInForce = (db: Kysely<Database>, today: string): Promise<HoldRow[]> =>
  holdsQuery(db)
    .where('h.released_at', 'is', null)
    .where((eb) => eb.or([eb('h.until_date', 'is', null), eb('h.until_date', '>=', today)]))
    .orderBy('h.from_date')
    .orderBy('h.id')
    .execute();

export const holdsEnded = (db: Kysely<Database>, today: string, limit: number): Promise<HoldRow[]> =>
  holdsQuery(db)
    .where((eb) => eb.or([eb('h.released_at', 'is not', null), eb('h.until_date', '<', today)]))
    .orderBy('h.updated_at', 'desc')
    .limit(limit)
    .execute();

export const holdsForPerson = (db: Kysely<Database>, personId: string): Promise<HoldRow[]> =>
  holdsQuery(db).where('h.person_id', '=', personId).orderBy('h.from_date', 'desc').execute();

export const findHold = (db: Kysely<Database>, id: string): Promise<HoldRow | undefined> => holdsQuery(db).where('h.id', '=', id).executeTakeFirst();

/** Locks the person's row so a hold placed at the same moment waits for a destruction (or the other way round). */
export async function lockPerson(db: Kysely<Database>, personId: string) {
  return db.selectFrom('people').select(['id', 'person_type', 'merged_into', 'destroyed_at', 'date_of_birth', 'given_name', 'family_name', 'nhs_number']).where('id', '=', personId).forUpdate().executeTakeFirst();
}

export async function heldNow(db: Kysely<Database>, personId: string, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('retention_holds')
    .select('id')
    .where('person_id', '=', personId)
    .where('released_at', 'is', null)
    .where('from_date', '<=', today)
    .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>=', today)]))
    .executeTakeFirst();
  return Boolean(row);
}

// ---- Decisions and the log ----

export const latestExtension = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('retention_extensions').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').executeTakeFirst();

export const destructionOf = (db: Kysely<Database>, personId: string) =>
  db.selectFrom('retention_destructions').selectAll().where('person_id', '=', personId).executeTakeFirst();

export async function destructionLog(db: Kysely<Database>, limit: number, offset: number) {
  const rows = await db
    .selectFrom('retention_destructions')
    .selectAll()
    .select(sql<string>`count(*) OVER ()`.as('total'))
    .orderBy('destroyed_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: rows.length ? Number(rows[0]!.total) : 0 };
}
