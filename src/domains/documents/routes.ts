import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, guarded, idempotencyKeyOf, readDatedForm, zodErrors } from '../../platform/http/forms.ts';
import { BadRequestError, FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { ClamAvScanner } from '../../platform/storage/scan.ts';
import { ACCEPTED_DESCRIPTION } from '../../platform/storage/sniff.ts';
import { documentStores } from '../../platform/storage/store.ts';
import { DETAILS_FORM, fileOf, fileProblem, keepFile, readUpload } from './form.ts';
import { fileRoutes } from './routes-files.ts';
import { DOCUMENT_TYPES, removeFields } from './schema.ts';
import * as documents from './service.ts';

const view = (name: string) => `domains/documents/views/${name}.njk`;
const listHref = (personId: string) => `/people/${personId}/documents`;
const documentHref = (personId: string, documentId: string) => `${listHref(personId)}/${documentId}`;
const ids = (request: FastifyRequest) => ({ personId: uuidParam(request.params), documentId: uuidParam(request.params, 'docId') });
const types = Object.entries(DOCUMENT_TYPES).map(([value, label]) => ({ value, text: label }));

/**
 * Documents on a person's record. Uploads are multipart, parsed only in this plugin: the file is read into memory up
 * to the configured limit (anything longer is cut short and refused with a 413 page), one file a request.
 */
export async function documentRoutes(app: FastifyInstance) {
  const settings = app.config.documents;
  const deps: documents.DocumentDeps = {
    stores: documentStores(settings.s3),
    scanner: settings.clamav ? new ClamAvScanner(settings.clamav) : null,
    maxBytes: settings.maxBytes,
  };
  // Decide access before a file is read at all, so nobody who may not see the record can make the server hold one.
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && String(request.headers['content-type'] ?? '').startsWith('multipart/')) {
      await documents.uploadFormHeading(request.ctx(), uuidParam(request.params));
    }
  });
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: keepFile,
    throwFileSizeLimit: false,
    limits: { fileSize: settings.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 100 },
  });
  const limitText = `${Math.round(settings.maxBytes / 1024 / 1024)}MB`;

  app.get('/people/:id/documents', async (request, reply) => {
    const personId = uuidParam(request.params);
    const data = await documents.personDocuments(request.ctx(), personId);
    const query = request.query as { added?: string; removed?: string };
    return reply.page(view('list'), { title: 'Documents', section: 'people', ...data, types: DOCUMENT_TYPES, flash: query.added ? 'Document added' : query.removed ? 'Document removed from the record' : undefined });
  });

  const uploadPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors: FormErrors = noErrors(), status = 200) => {
    const person = await documents.uploadFormHeading(reply.request.ctx(), personId);
    return reply.status(status).page(view('upload-form'), { title: 'Add a document', section: 'people', person, values, errors, types, accepted: ACCEPTED_DESCRIPTION, limitText });
  };

  app.get('/people/:id/documents/new', async (request, reply) =>
    uploadPage(reply, uuidParam(request.params), { documentDate: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));

  app.post('/people/:id/documents/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const form = readUpload(formOf(request), settings.maxBytes);
    if (!form.parsed.success || form.errors.summary.length) {
      // Decide access before saying anything about the form.
      await documents.uploadFormHeading(ctx, personId);
      return uploadPage(reply, personId, form.values, form.errors, form.status);
    }
    try {
      const id = await documents.uploadDocument(ctx, deps, personId, { ...form.parsed.data, idempotencyKey: String(form.values.idempotencyKey) }, form.file);
      return reply.redirect(`${documentHref(personId, id)}?added=1`, 303);
    } catch (error) {
      if (error instanceof FieldProblem || error instanceof documents.HttpErrorWithField) {
        return uploadPage(reply, personId, form.values, addError(noErrors(), 'file', error.message), error.statusCode);
      }
      throw error;
    }
  });

  app.get('/people/:id/documents/:docId', async (request, reply) => {
    const { personId, documentId } = ids(request);
    const data = await documents.documentWithVersions(request.ctx(), personId, documentId);
    const query = request.query as { added?: string; saved?: string; version?: string };
    return reply.page(view('document'), {
      title: data.document.title, section: 'people', ...data, types: DOCUMENT_TYPES,
      mayRemove: await mayRemove(request, personId),
      flash: query.added ? 'Document added' : query.saved ? 'Changes saved' : query.version ? 'New version added' : undefined,
    });
  });

  const versionPage = async (reply: FastifyReply, personId: string, documentId: string, values: Record<string, unknown>, errors: FormErrors = noErrors(), status = 200) => {
    const data = await documents.documentWithVersions(reply.request.ctx(), personId, documentId, { audit: false });
    return reply.status(status).page(view('version-form'), { title: 'Upload a new version', section: 'people', ...data, values, errors, accepted: ACCEPTED_DESCRIPTION, limitText });
  };

  app.get('/people/:id/documents/:docId/versions/new', async (request, reply) => {
    const { personId, documentId } = ids(request);
    return versionPage(reply, personId, documentId, { idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/documents/:docId/versions/new', async (request, reply) => {
    const ctx = request.ctx();
    const { personId, documentId } = ids(request);
    const body = formOf(request);
    const values = { idempotencyKey: idempotencyKeyOf(body) };
    const file = fileOf(body);
    const problem = fileProblem(file, settings.maxBytes);
    return guarded(reply, { backHref: documentHref(personId, documentId), backText: 'Back to the document', section: 'people' }, async () => {
      if (problem) return versionPage(reply, personId, documentId, values, addError(noErrors(), 'file', problem.message), problem.status);
      try {
        await documents.addVersion(ctx, deps, personId, documentId, values.idempotencyKey, file);
      } catch (error) {
        if (error instanceof FieldProblem || error instanceof documents.HttpErrorWithField) {
          return versionPage(reply, personId, documentId, values, addError(noErrors(), 'file', error.message), error.statusCode);
        }
        throw error;
      }
      return reply.redirect(`${documentHref(personId, documentId)}?version=1`, 303);
    });
  });

  const editPage = async (reply: FastifyReply, personId: string, documentId: string, values: (d: Awaited<ReturnType<typeof documents.documentWithVersions>>['document']) => Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const data = await documents.documentWithVersions(reply.request.ctx(), personId, documentId, { audit: false });
    return reply.status(errors.summary.length ? 400 : 200).page(view('edit-form'), { title: 'Change the document’s details', section: 'people', ...data, values: values(data.document), errors, types });
  };

  app.get('/people/:id/documents/:docId/edit', async (request, reply) => {
    const { personId, documentId } = ids(request);
    return editPage(reply, personId, documentId, (d) => ({ title: d.title, documentType: d.document_type, documentDate: dateParts(d.document_date), description: d.description ?? '', version: d.version }));
  });

  app.post('/people/:id/documents/:docId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const { personId, documentId } = ids(request);
    await documents.uploadFormHeading(ctx, personId);
    const form = readDatedForm(formOf(request), DETAILS_FORM);
    const version = Number(form.values.version);
    return guarded(reply, { backHref: documentHref(personId, documentId), backText: 'Back to the document', section: 'people', entered: form.entered }, async () => {
      if (!Number.isInteger(version)) throw new BadRequestError('The form did not say which version of the document it changes. Open the form again.');
      if (!form.parsed.success || form.errors.summary.length) return editPage(reply, personId, documentId, () => form.values, form.errors);
      await documents.editDetails(ctx, personId, documentId, version, form.parsed.data);
      return reply.redirect(`${documentHref(personId, documentId)}?saved=1`, 303);
    });
  });

  const removePage = async (reply: FastifyReply, personId: string, documentId: string, values: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const data = await documents.documentWithVersions(reply.request.ctx(), personId, documentId, { audit: false });
    return reply.status(errors.summary.length ? 400 : 200).page(view('remove-form'), { title: 'Remove the document from the record', section: 'people', ...data, values, errors, types: DOCUMENT_TYPES });
  };

  app.get('/people/:id/documents/:docId/remove', async (request, reply) => {
    const { personId, documentId } = ids(request);
    await documents.mayRemoveOrThrow(request.ctx(), personId);
    return removePage(reply, personId, documentId, {});
  });

  app.post('/people/:id/documents/:docId/remove', async (request, reply) => {
    const ctx = request.ctx();
    const { personId, documentId } = ids(request);
    await documents.mayRemoveOrThrow(ctx, personId);
    const body = formOf(request);
    const values = { reason: text(body, 'reason'), version: text(body, 'version') };
    const parsed = removeFields.safeParse(values);
    const version = Number(values.version);
    return guarded(reply, { backHref: documentHref(personId, documentId), backText: 'Back to the document', section: 'people', entered: [{ label: 'Reason', value: values.reason }] }, async () => {
      if (!Number.isInteger(version)) throw new BadRequestError('The form did not say which version of the document it removes. Open the form again.');
      if (!parsed.success) return removePage(reply, personId, documentId, values, zodErrors(parsed.success ? null : parsed.error));
      await documents.removeDocument(ctx, personId, documentId, version, parsed.data.reason);
      return reply.redirect(`${listHref(personId)}?removed=1`, 303);
    });
  });

  await app.register(fileRoutes, { deps });
}

const mayRemove = (request: FastifyRequest, personId: string) => documents.mayRemove(request.ctx(), personId);
