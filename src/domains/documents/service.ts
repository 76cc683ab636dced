import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { auditChange, authorisePerson, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can, type Decision } from '../../platform/access/rules.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ConflictError, FieldProblem, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import type { MalwareScanner } from '../../platform/storage/scan.ts';
import { checkUpload, KINDS, safeFileName } from '../../platform/storage/sniff.ts';
import { type BlobStore, MissingBlobError, newStorageKey } from '../../platform/storage/store.ts';
import { recordChronology } from '../chronology/service.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import { DOCUMENT_TYPES, type DetailsInput, type DocumentType, type UploadedFile } from './schema.ts';

/** What handling files needs: where contents go and are read from, the scanner (or none), the size limit. */
export interface DocumentDeps {
  stores: { write: BlobStore; read: (kind: string) => BlobStore | null };
  scanner: MalwareScanner | null;
  maxBytes: number;
}

type Allowed = Extract<Decision, { allowed: true }>;

const typeLabel = (type: string) => DOCUMENT_TYPES[type as DocumentType] ?? 'Document';

/** The documents page: every document on the record, current file first; removed ones apart. An audited view. */
export async function personDocuments(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  const [person, rows] = await Promise.all([personHeading(ctx, personId), repo.listForPerson(ctx.db, personId)]);
  return { person, documents: rows.filter((r) => !r.removed_at), removed: rows.filter((r) => r.removed_at) };
}

/** One document with every version, for its page: an audited view of the record. */
export async function documentWithVersions(ctx: RequestContext, personId: string, documentId: string, options: { audit?: boolean } = {}) {
  await authorisePerson(ctx, personId, 'person.view', options);
  const [person, document] = await Promise.all([personHeading(ctx, personId), repo.findDocument(ctx.db, personId, documentId)]);
  if (!document) throw new NotFoundError();
  const versions = await repo.listVersions(ctx.db, documentId);
  return { person, document, versions };
}

/** Whether the actor may remove documents from this record (for showing the link; not audited). */
export async function mayRemove(ctx: RequestContext, personId: string): Promise<boolean> {
  const scope = await loadPersonScope(ctx, personId);
  return Boolean(scope) && can(ctx.actor, 'documents.remove', { kind: 'person', person: scope! }).allowed;
}

/** Refuses (403, audited) anyone who may not remove documents from this record, before the form is shown. */
export async function mayRemoveOrThrow(ctx: RequestContext, personId: string): Promise<void> {
  await authorisePerson(ctx, personId, 'documents.remove', { audit: false });
}

/** The person's heading for a form, after deciding the actor may see the record (not audited: forms show nothing of it). */
export async function uploadFormHeading(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'person.view', { audit: false });
  return personHeading(ctx, personId);
}

/** A file checked, scanned and ready to store: its safe name, real type, hash, and how it was scanned. */
interface CheckedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  scanStatus: 'clean' | 'not_scanned';
  scannedBy: string | null;
}

/**
 * Checks a file before anything is saved: present, within the limit, really an accepted type whose name agrees,
 * and not malware. An infected file is refused and audited with the signature's name only; a scanner that fails
 * refuses the file too (fail closed): a file nobody could check is never stored as if it had been.
 */
async function checkFile(ctx: RequestContext, deps: DocumentDeps, personId: string, file: UploadedFile | null, decision: Allowed): Promise<CheckedFile> {
  if (!file || (!file.fileName && !file.bytes.byteLength)) throw new FieldProblem('file', 'Select a file');
  if (file.truncated || file.bytes.byteLength > deps.maxBytes) {
    throw new HttpErrorWithField(413, 'file', `The selected file must be smaller than ${Math.round(deps.maxBytes / 1024 / 1024)}MB`);
  }
  const sniffed = checkUpload(file.fileName, file.bytes);
  if (!sniffed.ok) throw new FieldProblem('file', sniffed.message);
  const kind = KINDS[sniffed.kind];
  let scanStatus: CheckedFile['scanStatus'] = 'not_scanned';
  if (deps.scanner) {
    const result = await deps.scanner.scan(file.bytes);
    if (result.status === 'infected') {
      await recordAccess(ctx.db, {
        userId: ctx.actor.id,
        action: 'document.refused_malware',
        outcome: decision.via === 'break_glass' ? 'break_glass' : 'allowed',
        resourceType: 'person',
        resourceId: personId,
        personId,
        reason: `Malware found: ${result.signature}`,
        requestId: ctx.requestId,
      });
      throw new FieldProblem('file', 'The selected file contains a virus or malware and has not been uploaded. Contact your IT service desk');
    }
    if (result.status === 'error') {
      throw new HttpErrorWithField(503, 'file', `The selected file could not be checked for viruses, so it has not been uploaded. Try again in a few minutes, and select the file again (${result.reason.replace(/\.$/, '').toLowerCase()})`);
    }
    scanStatus = 'clean';
  }
  return {
    fileName: safeFileName(file.fileName, kind.extensions[0]!),
    contentType: kind.contentType,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    scanStatus,
    scannedBy: deps.scanner && scanStatus === 'clean' ? deps.scanner.name : null,
  };
}

/** A refusal about one field with its own status (413 too large, 503 scanner unavailable): the form shows it. */
export class HttpErrorWithField extends HttpError {
  constructor(
    statusCode: number,
    readonly field: string,
    message: string,
  ) {
    super(statusCode, 'There is a problem with your file', message);
  }
}

export interface NewDocument extends DetailsInput {
  idempotencyKey: string;
}

/** Adds a document (its first version) to a person's record: checked, stored, audited and on the chronology. */
export async function uploadDocument(ctx: RequestContext, deps: DocumentDeps, personId: string, input: NewDocument, file: UploadedFile | null): Promise<string> {
  const decision = await authorisePerson(ctx, personId, 'person.view', { audit: false });
  const earlier = await findIdempotentResource(ctx.db, { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'document' });
  if (earlier) return earlier;
  const checked = await checkFile(ctx, deps, personId, file, decision);
  const documentId = randomUUID();
  return withStoredFile(ctx, deps, checked, async (trx, key) => {
    const outcome = await once(trx, { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'document', resourceId: documentId }, async (t) => {
      await repo.insertDocument(t, { id: documentId, personId, title: input.title, documentType: input.documentType, documentDate: input.documentDate, description: input.description, createdBy: ctx.actor.id });
      await insertVersionRow(t, deps, ctx, documentId, 1, checked, key);
      await auditChange(t, ctx, 'document.upload', personId, decision);
      await chronicle(t, ctx, personId, documentId, 'document.added', `Document added: ${typeLabel(input.documentType)}`);
    });
    return { id: outcome.id, saved: !outcome.replayed };
  });
}

/** A new file for an existing document: a new version, the earlier ones kept. */
export async function addVersion(ctx: RequestContext, deps: DocumentDeps, personId: string, documentId: string, idempotencyKey: string, file: UploadedFile | null): Promise<number> {
  const decision = await authorisePerson(ctx, personId, 'person.view', { audit: false });
  const document = await repo.findDocument(ctx.db, personId, documentId);
  if (!document) throw new NotFoundError();
  if (document.removed_at) throw new ConflictError('This document has been removed from the record, so no new version can be added.');
  const versionId = randomUUID();
  if (await findIdempotentResource(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'document_version' })) return document.current_version;
  const checked = await checkFile(ctx, deps, personId, file, decision);
  let number = 0;
  await withStoredFile(ctx, deps, checked, async (trx, key) => {
    const outcome = await once(trx, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'document_version', resourceId: versionId }, async (t) => {
      const locked = await t.selectFrom('documents').select('removed_at').where('id', '=', documentId).forUpdate().executeTakeFirstOrThrow();
      if (locked.removed_at) throw new ConflictError('This document has been removed from the record, so no new version can be added.');
      number = await repo.nextVersionNumber(t, documentId);
      await insertVersionRow(t, deps, ctx, documentId, number, checked, key, versionId);
      await auditChange(t, ctx, 'document.version_upload', personId, decision);
      await chronicle(t, ctx, personId, documentId, 'document.version_added', `New version of a document: ${typeLabel(document.document_type)}`);
    });
    return { id: outcome.id, saved: !outcome.replayed };
  });
  return number;
}

/**
 * Runs `save` with the file's contents stored under a fresh key. The database store writes inside the transaction
 * `save` opens (via `insertVersionRow`); an object store is written before, and the object deleted when nothing was
 * saved (an error, or a replayed submission), so no object is left that no version names.
 */
async function withStoredFile(ctx: RequestContext, deps: DocumentDeps, checked: CheckedFile, save: (db: Kysely<Database>, key: string) => Promise<{ id: string; saved: boolean }>): Promise<string> {
  const store = deps.stores.write;
  const key = newStorageKey();
  if (store.kind !== 'database') await store.put(ctx.db, key, checked.bytes, checked.contentType);
  let saved = false;
  try {
    const outcome = await save(ctx.db, key);
    saved = outcome.saved;
    return outcome.id;
  } finally {
    if (store.kind !== 'database' && !saved) await store.delete(ctx.db, key).catch(() => undefined);
  }
}

async function insertVersionRow(trx: Kysely<Database>, deps: DocumentDeps, ctx: RequestContext, documentId: string, number: number, checked: CheckedFile, key: string, id?: string) {
  const store = deps.stores.write;
  if (store.kind === 'database') await store.put(trx, key, checked.bytes, checked.contentType);
  await repo.insertVersion(trx, {
    ...(id ? { id } : {}),
    document_id: documentId,
    number,
    file_name: checked.fileName,
    content_type: checked.contentType,
    size_bytes: checked.bytes.byteLength,
    sha256: checked.sha256,
    storage: store.kind,
    storage_key: key,
    scan_status: checked.scanStatus,
    scanned_by: checked.scannedBy,
    uploaded_by: ctx.actor.id,
  });
}

async function chronicle(trx: Kysely<Database>, ctx: RequestContext, personId: string, documentId: string, entryType: string, summary: string) {
  await recordChronology(trx, { personId, occurredAt: new Date(), entryType, summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: 'document', recordId: documentId });
}

/** The document, which must be on this person's record and not removed from it. */
async function currentDocument(db: Kysely<Database>, personId: string, documentId: string, removedMessage: string) {
  const document = await repo.findDocument(db, personId, documentId);
  if (!document) throw new NotFoundError();
  if (document.removed_at) throw new ConflictError(removedMessage);
  return document;
}

/** Changes a document's details at the version read; someone else's change first is a 409 with theirs shown. */
export async function editDetails(ctx: RequestContext, personId: string, documentId: string, readVersion: number, input: DetailsInput): Promise<void> {
  const decision = await authorisePerson(ctx, personId, 'person.view', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    await currentDocument(trx, personId, documentId, 'This document has been removed from the record, so its details cannot be changed.');
    const changed = await updateAtVersion(trx, 'documents', documentId, readVersion, {
      title: input.title, document_type: input.documentType, document_date: input.documentDate, description: input.description,
    });
    if (!changed) throw new ConflictError('Someone else changed this document’s details after you opened the form. Nothing you entered has been saved.');
    await auditChange(trx, ctx, 'document.edit', personId, decision);
    await chronicle(trx, ctx, personId, documentId, 'document.changed', `Document details changed: ${typeLabel(input.documentType)}`);
  });
}

/** Removes a document from the record (a manager, with a reason): hidden from the list but kept, never destroyed here. */
export async function removeDocument(ctx: RequestContext, personId: string, documentId: string, readVersion: number, reason: string): Promise<void> {
  const decision = await authorisePerson(ctx, personId, 'documents.remove', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    const document = await currentDocument(trx, personId, documentId, 'This document has already been removed from the record.');
    const changed = await updateAtVersion(trx, 'documents', documentId, readVersion, { removed_at: new Date(), removed_by: ctx.actor.id, removal_reason: reason });
    if (!changed) throw new ConflictError('Someone else changed this document after you opened the form. It has not been removed.');
    await auditChange(trx, ctx, 'document.remove', personId, decision, reason);
    await chronicle(trx, ctx, personId, documentId, 'document.removed', `Document removed from the record: ${typeLabel(document.document_type)}`);
  });
}

export interface FileToSend {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  preview: 'image' | 'pdf' | null;
}

/**
 * One version's file, for a download or to show inline in a preview. Every read is audited ('document.download' or
 * 'document.view'), and the contents are checked against the hash taken at upload, so a file changed in the store
 * is refused rather than served.
 */
export async function readFile(ctx: RequestContext, deps: DocumentDeps, personId: string, documentId: string, number: number, purpose: 'download' | 'view'): Promise<FileToSend> {
  const decision = await authorisePerson(ctx, personId, 'person.view', { audit: false });
  const document = await repo.findDocument(ctx.db, personId, documentId);
  if (!document || document.removed_at) throw new NotFoundError();
  const version = await repo.findVersion(ctx.db, documentId, number);
  if (!version) throw new NotFoundError();
  const kind = Object.values(KINDS).find((k) => k.contentType === version.content_type);
  if (purpose === 'view' && !kind?.preview) throw new NotFoundError('This kind of file cannot be shown in the browser. Download it instead.');
  const store = deps.stores.read(version.storage);
  if (!store) throw new HttpError(503, 'Sorry, the document store is unavailable', 'This file is kept in an object store that is not configured. Ask your IT service desk.');
  let bytes: Buffer;
  try {
    bytes = await store.get(ctx.db, version.storage_key);
  } catch (error) {
    if (error instanceof MissingBlobError) throw new HttpError(500, 'Sorry, this file cannot be found', 'The file’s contents are missing from the document store. Ask your IT service desk.');
    throw new HttpError(503, 'Sorry, the document store is unavailable', 'Try again in a few minutes.');
  }
  if (createHash('sha256').update(bytes).digest('hex') !== version.sha256) {
    throw new HttpError(500, 'Sorry, this file cannot be shown', 'The file in the document store is not the one that was uploaded. Ask your IT service desk.');
  }
  await recordAccess(ctx.db, {
    userId: ctx.actor.id,
    action: purpose === 'download' ? 'document.download' : 'document.view',
    outcome: decision.via === 'break_glass' ? 'break_glass' : 'allowed',
    resourceType: 'document',
    resourceId: documentId,
    personId,
    requestId: ctx.requestId,
  });
  return { fileName: version.file_name, contentType: version.content_type, bytes, preview: kind?.preview ?? null };
}
