import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { contentDisposition, KINDS } from '../../platform/storage/sniff.ts';
import { DOCUMENT_TYPES } from './schema.ts';
import * as documents from './service.ts';

const SAFE_TYPES = new Set(Object.values(KINDS).map((k) => k.contentType));

/** The person, document and version number from the path; a version that is not a whole number names nothing. */
function fileParams(request: FastifyRequest) {
  const personId = uuidParam(request.params);
  const documentId = uuidParam(request.params, 'docId');
  const n = (request.params as { n?: string }).n ?? '';
  return { personId, documentId, n: /^[1-9][0-9]{0,5}$/.test(n) ? Number(n) : null };
}

/**
 * Sends a stored file so a browser can never run it: only the type sniffed at upload (never HTML or SVG, and
 * anything unexpected as opaque bytes), no type sniffing by the browser, and a sandbox with no script, so even a file
 * opened directly is inert. Downloads are attachments; only images and PDFs are ever shown inline, and only a PDF
 * may be framed, by Cairn's own preview page.
 */
function sendFile(reply: FastifyReply, file: documents.FileToSend, disposition: 'attachment' | 'inline') {
  const framed = disposition === 'inline' && file.preview === 'pdf';
  return reply
    .header('content-type', SAFE_TYPES.has(file.contentType) ? file.contentType : 'application/octet-stream')
    .header('content-disposition', contentDisposition(disposition, file.fileName))
    .header('content-length', String(file.bytes.byteLength))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', `default-src 'none'; sandbox; frame-ancestors ${framed ? "'self'" : "'none'"}`)
    .header('x-frame-options', framed ? 'SAMEORIGIN' : 'DENY')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(file.bytes);
}

/** Downloading a version, seeing it inline, and the preview page that shows an image or PDF inline. */
export async function fileRoutes(app: FastifyInstance, options: { deps: documents.DocumentDeps }) {
  const { deps } = options;

  app.get('/people/:id/documents/:docId/versions/:n/download', async (request, reply) => {
    const { personId, documentId, n } = fileParams(request);
    const ctx = request.ctx();
    if (n === null) return notFoundAfterDeciding(ctx, personId);
    return sendFile(reply, await documents.readFile(ctx, deps, personId, documentId, n, 'download'), 'attachment');
  });

  app.get('/people/:id/documents/:docId/versions/:n/inline', async (request, reply) => {
    const { personId, documentId, n } = fileParams(request);
    const ctx = request.ctx();
    if (n === null) return notFoundAfterDeciding(ctx, personId);
    return sendFile(reply, await documents.readFile(ctx, deps, personId, documentId, n, 'view'), 'inline');
  });

  app.get('/people/:id/documents/:docId/versions/:n/preview', async (request, reply) => {
    const { personId, documentId, n } = fileParams(request);
    const ctx = request.ctx();
    if (n === null) return notFoundAfterDeciding(ctx, personId);
    const data = await documents.documentWithVersions(ctx, personId, documentId);
    const version = data.versions.find((v) => v.number === n);
    if (!version || data.document.removed_at) throw new NotFoundError();
    const preview = Object.values(KINDS).find((k) => k.contentType === version.content_type)?.preview ?? null;
    return reply.page('domains/documents/views/preview.njk', { title: `Preview: ${data.document.title}`, section: 'people', ...data, version, preview, types: DOCUMENT_TYPES });
  });
}

/** A malformed version number: decided (and a refusal audited) like any other request for the record, then 404. */
async function notFoundAfterDeciding(ctx: Parameters<typeof documents.uploadFormHeading>[0], personId: string): Promise<never> {
  await documents.uploadFormHeading(ctx, personId);
  throw new NotFoundError();
}
