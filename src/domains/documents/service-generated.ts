import type { RequestContext } from '../../platform/access/authorise.ts';
import type { DocumentSettings } from '../../platform/storage/config.ts';
import { ClamAvScanner } from '../../platform/storage/scan.ts';
import { documentStores } from '../../platform/storage/store.ts';
import { type DocumentDeps, type NewDocument, uploadDocument } from './service.ts';

/** What storing documents needs, from the configured settings: the same stores and scanner the upload pages use. */
export const documentDepsFrom = (settings: DocumentSettings): DocumentDeps => ({
  stores: documentStores(settings.s3),
  scanner: settings.clamav ? new ClamAvScanner(settings.clamav) : null,
  maxBytes: settings.maxBytes,
});

/**
 * Stores a file Cairn generated (a letter's PDF) as a document on a person's record. It goes through the same path
 * as an upload (type checked by its contents, scanned, stored, audited, on the chronology as "Document added"), so
 * a generated file is never trusted more than a file a user brought. Idempotent on `input.idempotencyKey`.
 */
export function storeGeneratedDocument(ctx: RequestContext, deps: DocumentDeps, personId: string, input: NewDocument, file: { fileName: string; bytes: Buffer }): Promise<string> {
  return uploadDocument(ctx, deps, personId, input, { fileName: file.fileName, bytes: file.bytes, truncated: false });
}
