import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DocumentVersionsTable } from './tables.ts';

export type DocumentRow = Awaited<ReturnType<typeof findDocument>> & object;

/** A person's documents, newest document date first, each with its current file. */
export function listForPerson(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.number', '=', 'd.current_version'))
    .leftJoin('users as u', 'u.id', 'd.removed_by')
    .select([
      'd.id', 'd.title', 'd.document_type', 'd.document_date', 'd.description', 'd.current_version', 'd.removed_at', 'd.removal_reason',
      'u.name as removed_by_name', 'v.file_name', 'v.content_type', 'v.size_bytes', 'v.scan_status', 'v.uploaded_at',
    ])
    .where('d.person_id', '=', personId)
    .orderBy('d.document_date', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
}

export function findDocument(db: Kysely<Database>, personId: string, documentId: string) {
  return db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.removed_by')
    .selectAll('d')
    .select('u.name as removed_by_name')
    .where('d.id', '=', documentId)
    .where('d.person_id', '=', personId)
    .executeTakeFirst();
}

/** Every version of a document, newest first, with who uploaded it. */
export function listVersions(db: Kysely<Database>, documentId: string) {
  return db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .select(['v.number', 'v.file_name', 'v.content_type', 'v.size_bytes', 'v.sha256', 'v.scan_status', 'v.scanned_by', 'v.uploaded_at', 'u.name as uploaded_by_name'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.number', 'desc')
    .execute();
}

export function findVersion(db: Kysely<Database>, documentId: string, number: number) {
  return db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).where('number', '=', number).executeTakeFirst();
}

export async function insertDocument(
  trx: Kysely<Database>,
  row: { id: string; personId: string; title: string; documentType: string; documentDate: string; description: string | null; createdBy: string },
) {
  await trx
    .insertInto('documents')
    .values({ id: row.id, person_id: row.personId, title: row.title, document_type: row.documentType, document_date: row.documentDate, description: row.description, created_by: row.createdBy })
    .execute();
}

export async function insertVersion(trx: Kysely<Database>, row: Insertable<DocumentVersionsTable>) {
  await trx.insertInto('document_versions').values(row).execute();
}

/** Moves a document on to its next file version, holding the row so two uploads at once get different numbers. */
export async function nextVersionNumber(trx: Kysely<Database>, documentId: string): Promise<number> {
  const row = await trx
    .updateTable('documents')
    .set((eb) => ({ current_version: eb('current_version', '+', 1), updated_at: new Date() }))
    .where('id', '=', documentId)
    .returning('current_version')
    .executeTakeFirstOrThrow();
  return row.current_version;
}
