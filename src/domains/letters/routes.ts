import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, guarded, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { documentDepsFrom } from '../documents/service-generated.ts';
import { isLetterType, LETTER_TYPES, type LetterType } from './model.ts';
import { renderLetter } from './render.ts';
import { readLetterForm } from './schema.ts';
import * as letters from './service.ts';

const view = (name: string) => `domains/letters/views/${name}.njk`;
const listHref = (personId: string) => `/people/${personId}/letters`;

/** The person first (refused before anything is looked up: an unknown letter or record is 403 to those refused), then the letter and its record. */
async function params(request: FastifyRequest): Promise<{ personId: string; type: LetterType; sourceId: string }> {
  const personId = uuidParam(request.params);
  await letters.mayWriteOrThrow(request.ctx(), personId);
  const type = String((request.params as { type?: string }).type ?? '');
  if (!isLetterType(type)) throw new NotFoundError();
  return { personId, type, sourceId: uuidParam(request.params, 'sourceId') };
}

/**
 * Letters on a child's record: choose a letter the record can fill, write the parts only a person can (the form),
 * check it exactly as it will print (the review page, which carries what was typed in hidden fields), then print it
 * to PDF and keep it as a document. Every step reads the record afresh, so the letter is always today's record.
 */
export async function letterRoutes(app: FastifyInstance) {
  const deps: letters.LetterDeps = { documents: documentDepsFrom(app.config.documents), branding: app.config.branding, chromiumPath: app.config.chromiumPath };

  app.get('/people/:id/letters', async (request, reply) => {
    const personId = uuidParam(request.params);
    const data = await letters.letterChoices(request.ctx(), personId);
    return reply.page(view('choose'), { title: 'Letters', section: 'people', person: data.heading, ...data, types: LETTER_TYPES });
  });

  const formPage = (reply: FastifyReply, source: Awaited<ReturnType<typeof letters.letterSource>>, type: LetterType, sourceId: string, values: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('form'), {
      title: LETTER_TYPES[type].name, section: 'people', person: source.heading, type, sourceId, about: source.about, recipients: source.recipients, values, errors,
    });

  app.get('/people/:id/letters/:type/:sourceId', async (request, reply) => {
    const { personId, type, sourceId } = await params(request);
    const source = await letters.letterSource(request.ctx(), personId, type, sourceId);
    const defaults: Record<string, unknown> = { ...source.defaults, idempotencyKey: idempotencyKeyOf() };
    if (typeof defaults.meetingDate === 'string') defaults.meetingDate = dateParts(defaults.meetingDate);
    if (source.recipients.length === 1) Object.assign(defaults, { recipientId: source.recipients[0]!.id });
    return formPage(reply, source, type, sourceId, defaults);
  });

  // One address for the form, the review and the printing: `step` says which the user asked for.
  app.post('/people/:id/letters/:type/:sourceId', async (request, reply) => {
    const ctx = request.ctx();
    const { personId, type, sourceId } = await params(request);
    const body = formOf(request);
    return guarded(reply, { backHref: listHref(personId), backText: 'Back to letters', section: 'people' }, async () => {
      const source = await letters.letterSource(ctx, personId, type, sourceId);
      const form = readLetterForm(type, body);
      if (text(body, 'step') === 'change') return formPage(reply, source, type, sourceId, form.values);
      const composed = form.input ? await letters.composeLetter(ctx, deps, source, form.input) : null;
      if (form.input && !composed) addError(form.errors, 'recipientId', 'Select who the letter is to');
      if (!composed) return formPage(reply, source, type, sourceId, form.values, form.errors);
      if (text(body, 'step') === 'create') {
        const documentId = await letters.createLetter(ctx, deps, personId, type, composed, String(form.values.idempotencyKey));
        return reply.redirect(`/people/${personId}/documents/${documentId}?added=1`, 303);
      }
      return reply.page(view('review'), {
        title: 'Check the letter', section: 'people', person: source.heading, type, sourceId, name: LETTER_TYPES[type].name, documentTitle: composed.title,
        values: form.values, letterHtml: renderLetter(composed.letter, { preview: true }),
      });
    });
  });
}
