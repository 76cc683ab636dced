import type { FastifyInstance, FastifyReply } from 'fastify';
import { type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { codeItems, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { localityName } from '../people/localities.ts';
import { searchFromForm } from '../people/service-pick.ts';
import { personHeading } from '../people/service.ts';
import { CONFIDENCE, INFORMATION_SOURCES, NATURES } from './associations-labels.ts';
import { associationFields, endFields } from './associations-schema.ts';
import { associationOnRecord, associationProblems, associationSubject, endAssociation, recordAssociation } from './associations-service.ts';
import { networkPage } from './network-service.ts';

const view = (name: string) => `domains/outside-home/views/${name}.njk`;
export const networkHref = (personId: string) => `/people/${personId}/network`;
const back = (personId: string, entered: { label: string; value: string }[] = []) => ({ backHref: networkHref(personId), backText: 'Back to the network', section: 'people', entered });

type Search = Awaited<ReturnType<typeof searchFromForm>>;

/** A child's network, and recording and ending their associations. */
export async function associationRoutes(app: FastifyInstance) {
  app.get('/people/:id/network', async (request, reply) => {
    const page = await networkPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('network'), { title: 'Network', section: 'people', ...page, localityName });
  });

  /**
   * The one form page, in two steps: find the other person (only people the user may see are offered), then say
   * what the association is. The person chosen travels in the form body, never in the URL.
   */
  const newPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, extra: { search?: Search; errors?: FormErrors } = {}) => {
    const ctx = reply.request.ctx();
    const subject = await associationSubject(ctx, personId);
    const otherId = String(values.otherPersonId ?? '');
    const other = UUID.test(otherId) && (await viewablePeople(ctx, [otherId])).has(otherId) ? await personHeading(ctx, otherId) : null;
    const results = extra.search?.results?.filter((r) => r.canOpen && r.id !== personId && r.personType !== 'unborn');
    const errors = extra.errors ?? extra.search?.errors ?? noErrors();
    return reply.status(errors.summary.length ? 400 : 200).page(view('associations-new'), {
      title: other ? 'About the association' : 'Who are they associated with?',
      section: 'people',
      heading: subject,
      other,
      search: extra.search?.search ?? { name: '', dateOfBirth: {} },
      results,
      values,
      errors,
      natures: codeItems(NATURES, String(values.nature ?? '')),
      sources: codeItems(INFORMATION_SOURCES, String(values.source ?? ''), { blank: 'Choose where it came from' }),
      confidences: codeItems(CONFIDENCE, String(values.confidence ?? '')),
    });
  };

  app.get('/people/:id/associations/new', async (request, reply) => newPage(reply, uuidParam(request.params), { idempotencyKey: idempotencyKeyOf() }));

  app.post('/people/:id/associations/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const [action = '', argument = ''] = text(body, 'action').split(':');
    const idempotencyKey = idempotencyKeyOf(body);
    await associationSubject(ctx, personId);
    switch (action) {
      case 'search':
        return newPage(reply, personId, { idempotencyKey }, { search: await searchFromForm(ctx, body) });
      case 'choose':
        if (!(await mayChoose(ctx, personId, argument))) {
          return newPage(reply, personId, { idempotencyKey }, { errors: addError(noErrors(), 'searchName', 'Choose a person from the search results') });
        }
        return newPage(reply, personId, { idempotencyKey, otherPersonId: argument.toLowerCase(), fromDate: dateParts(ukToday()) });
      case 'change':
        return newPage(reply, personId, { idempotencyKey });
      case 'save':
        return save(reply, ctx, personId, body, idempotencyKey);
      default:
        return newPage(reply, personId, { idempotencyKey }, { errors: addError(noErrors(), 'searchName', 'Search for the person, then choose them') });
    }
  });

  async function save(reply: FastifyReply, ctx: RequestContext, personId: string, body: FormBody, idempotencyKey: string) {
    const errors = noErrors();
    const from = dateField(body, 'fromDate', 'The date it was first known', errors, 'Enter the date the association was first known');
    const to = dateField(body, 'toDate', 'The date it ended', errors);
    const values = {
      idempotencyKey,
      otherPersonId: text(body, 'otherPersonId'),
      nature: text(body, 'nature'),
      source: text(body, 'source'),
      confidence: text(body, 'confidence'),
      notes: text(body, 'notes'),
      fromDate: from.input,
      toDate: to.input,
    };
    if (!(await mayChoose(ctx, personId, values.otherPersonId))) {
      return newPage(reply, personId, { idempotencyKey }, { errors: addError(noErrors(), 'searchName', 'Choose a person from the search results') });
    }
    const parsed = associationFields.safeParse({ ...values, fromDate: from.value ?? '', toDate: to.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['fromDate', 'toDate']);
    if (parsed.success && !errors.summary.length) for (const p of associationProblems(parsed.data)) addError(errors, `${p.field}-day`, p.message);
    return guarded(reply, back(personId, [{ label: 'Notes', value: values.notes }]), async () => {
      if (!parsed.success || errors.summary.length) return newPage(reply, personId, values, { errors });
      try {
        await recordAssociation(ctx, personId, { ...parsed.data, idempotencyKey });
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        if (error.field === 'otherPersonId') return newPage(reply, personId, { idempotencyKey }, { errors: addError(noErrors(), 'searchName', error.message) });
        return newPage(reply, personId, values, { errors: addError(noErrors(), ['fromDate', 'toDate'].includes(error.field) ? `${error.field}-day` : error.field, error.message) });
      }
      return reply.redirect(`${networkHref(personId)}#associations`, 303);
    });
  }

  const endPage = async (reply: FastifyReply, personId: string, associationId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const found = await associationOnRecord(reply.request.ctx(), personId, associationId);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('associations-end'), {
      title: 'End an association', section: 'people', heading: found.subject, other: found.other, association: found.row,
      natureText: found.natureText, confidenceText: found.confidenceText, sourceText: found.sourceText,
      values: { version: found.row.version, ...values }, errors: errors ?? noErrors(),
    });
  };

  app.get('/people/:id/associations/:associationId/end', async (request, reply) =>
    endPage(reply, uuidParam(request.params), uuidParam(request.params, 'associationId'), { toDate: dateParts(ukToday()) }));

  app.post('/people/:id/associations/:associationId/end', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const associationId = uuidParam(request.params, 'associationId');
    const body = formOf(request);
    const errors = noErrors();
    const to = dateField(body, 'toDate', 'The date it ended', errors, 'Enter the date the association ended');
    const values = { toDate: to.input, version: text(body, 'version') };
    const parsed = endFields.safeParse({ toDate: to.value ?? '', version: values.version });
    zodErrors(parsed.success ? null : parsed.error, errors, ['toDate']);
    return guarded(reply, back(personId), async () => {
      if (!parsed.success || errors.summary.length) return endPage(reply, personId, associationId, values, errors);
      try {
        await endAssociation(ctx, personId, associationId, parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return endPage(reply, personId, associationId, values, addError(noErrors(), 'toDate-day', error.message));
        throw error;
      }
      return reply.redirect(`${networkHref(personId)}#associations`, 303);
    });
  });
}

/** Someone other than the person themselves, whose record the user may see, and not an unborn baby. */
async function mayChoose(ctx: RequestContext, personId: string, otherId: string): Promise<boolean> {
  if (!UUID.test(otherId) || otherId.toLowerCase() === personId) return false;
  if (!(await viewablePeople(ctx, [otherId.toLowerCase()])).has(otherId.toLowerCase())) return false;
  return (await personHeading(ctx, otherId.toLowerCase())).personType !== 'unborn';
}
