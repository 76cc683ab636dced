import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { SarItemsTable, SarRequestsTable, SarStatus } from './sar-tables.ts';

type Db = Kysely<Database>;

export async function insertRequest(db: Db, row: Insertable<SarRequestsTable>): Promise<void> {
  await db.insertInto('sar_requests').values(row).execute();
}

/** A request without its PDF (the bytes are read only to download them). */
export async function findRequest(db: Db, id: string) {
  return db
    .selectFrom('sar_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id', 'r.person_id', 'r.requester_kind', 'r.requester_name', 'r.requester_contact', 'r.requester_relationship', 'r.identity_check',
      'r.authority_check', 'r.received_on', 'r.due_on', 'r.extension_months', 'r.extension_reason', 'r.paused_on', 'r.pause_reason',
      'r.resumed_on', 'r.status', 'r.closure_reason', 'r.compiled_at', 'r.compiled_by', 'r.review_completed_at', 'r.review_completed_by',
      'r.disclosed_at', 'r.disclosed_by', 'r.cover_letter', 'r.pdf_sha256', 'r.created_at', 'r.created_by', 'r.version',
      'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.person_type',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** Open requests first (soonest due first), then answered and closed ones, newest first. */
export async function listRequests(db: Db, statuses: SarStatus[] | null) {
  let q = db
    .selectFrom('sar_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.status', 'r.received_on', 'r.due_on', 'r.paused_on', 'r.resumed_on', 'r.extension_months', 'r.requester_kind', 'r.disclosed_at', 'p.given_name', 'p.family_name']);
  if (statuses) q = q.where('r.status', 'in', statuses);
  return q
    .orderBy(sql`r.status IN ('disclosed','withdrawn','refused')`)
    .orderBy(sql`CASE WHEN r.status IN ('disclosed','withdrawn','refused') THEN NULL ELSE r.due_on END`)
    .orderBy('r.received_on', 'desc')
    .limit(500)
    .execute();
}

export async function readPdf(db: Db, id: string): Promise<{ pdf: Uint8Array | null; sha: string | null } | undefined> {
  const row = await db.selectFrom('sar_requests').select(['pdf', 'pdf_sha256']).where('id', '=', id).executeTakeFirst();
  return row && { pdf: row.pdf, sha: row.pdf_sha256 };
}

export async function deleteItems(db: Db, requestId: string): Promise<void> {
  await db.deleteFrom('sar_items').where('request_id', '=', requestId).execute();
}

export async function insertItems(db: Db, items: Insertable<SarItemsTable>[]): Promise<{ id: string; source_table: string; source_id: string }[]> {
  const out: { id: string; source_table: string; source_id: string }[] = [];
  for (let i = 0; i < items.length; i += 500) {
    out.push(...(await db.insertInto('sar_items').values(items.slice(i, i + 500)).returning(['id', 'source_table', 'source_id']).execute()));
  }
  return out;
}

/** The bundle's groups: per capability and record type, how many items, suggested and redacted. */
export async function bundleGroups(db: Db, requestId: string) {
  return db
    .selectFrom('sar_items as i')
    .select((eb) => [
      'i.capability',
      'i.record_type',
      eb.fn.countAll<string>().as('items'),
      sql<string>`count(*) FILTER (WHERE jsonb_array_length(i.suggestions) > 0)`.as('suggested'),
      sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sar_redactions d WHERE d.item_id = i.id AND d.removed_at IS NULL))`.as('redacted'),
      eb.fn.min('i.position').as('first'),
    ])
    .where('i.request_id', '=', requestId)
    .groupBy(['i.capability', 'i.record_type'])
    .orderBy('first')
    .execute();
}

export async function groupItems(db: Db, requestId: string, recordType: string, offset: number, limit: number) {
  return db
    .selectFrom('sar_items')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('record_type', '=', recordType)
    .orderBy('position')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function allItems(db: Db, requestId: string) {
  return db.selectFrom('sar_items').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export async function findItem(db: Db, requestId: string, itemId: string) {
  return db.selectFrom('sar_items').selectAll().where('request_id', '=', requestId).where('id', '=', itemId).executeTakeFirst();
}

export async function activeRedactions(db: Db, requestId: string, itemIds?: string[]) {
  if (itemIds && !itemIds.length) return [];
  let q = db
    .selectFrom('sar_redactions as d')
    .innerJoin('sar_items as i', 'i.id', 'd.item_id')
    .select(['d.id', 'd.item_id', 'd.field', 'd.reason', 'd.note', 'd.created_by', 'd.created_at', 'd.version', 'i.source_table', 'i.source_id', 'i.record_type', 'i.position'])
    .where('d.request_id', '=', requestId)
    .where('d.removed_at', 'is', null);
  if (itemIds) q = q.where('d.item_id', 'in', itemIds);
  return q.orderBy('i.position').orderBy('d.field').execute();
}

export async function countItems(db: Db, requestId: string): Promise<number> {
  const row = await db.selectFrom('sar_items').select((eb) => eb.fn.countAll<string>().as('n')).where('request_id', '=', requestId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveRedactions(db: Db, requestId: string): Promise<number> {
  const row = await db
    .selectFrom('sar_redactions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('request_id', '=', requestId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Names for the ids a bundle's rows hold: people (with whether a child), users (with their agency), agencies. */
export async function peopleNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('people').select(['id', 'given_name', 'family_name', 'person_type']).where('id', 'in', ids).execute();
}

export async function usersWithAgency(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users as u').leftJoin('agencies as a', 'a.id', 'u.agency_id').select(['u.id', 'u.name', 'a.name as agency']).where('u.id', 'in', ids).execute();
}

export async function agencyNames(db: Db) {
  return db.selectFrom('agencies').select(['id', 'name']).execute();
}
