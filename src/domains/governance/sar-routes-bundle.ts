import type { FastifyInstance, FastifyReply } from 'fastify';
import { formOf, guarded, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { pageNumber, pagination } from '../../platform/http/pagination.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { defaultCoverLetter, disclose, disclosedPdf } from './sar-disclose.ts';
import { REDACTION_REASONS, SAR_STATUSES } from './sar-labels.ts';
import { acceptSuggestions, bundlePage, ITEMS_PER_PAGE, itemPage, redact, removeRedaction } from './sar-review.ts';
import { disclosureFields, redactionFields, WHOLE_ITEM } from './sar-schema.ts';
import { loadRequest } from './sar-service.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

const view = (name: string) => `domains/governance/views/${name}.njk`;
const sarHref = (id: string) => `/governance/sars/${id}`;
const SECTION = 'governance';
const codes = { reasons: REDACTION_REASONS, statuses: SAR_STATUSES };
const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: sarHref(id), backText: 'Back to the request', section: SECTION, entered });

/** The bundle's review (by capability and record type, a page at a time), redaction, and disclosure as PDF. */
export async function sarBundleRoutes(app: FastifyInstance) {
  app.get('/governance/sars/:id/bundle', async (request, reply) => {
    const id = uuidParam(request.params);
    const query = (request.query ?? {}) as Record<string, string>;
    const page = pageNumber(query.page);
    const data = await bundlePage(request.ctx(), id, typeof query.type === 'string' ? query.type : null, page);
    const pages = data.group ? pagination(`/governance/sars/${id}/bundle`, { type: data.group.record_type }, page, data.group.items, ITEMS_PER_PAGE) : null;
    return reply.page(view('sar-bundle'), { title: 'Review the bundle', section: SECTION, ...data, pages, codes, flash: query.accepted ? `${Number(query.accepted) || 0} suggested redactions accepted.` : null });
  });

  const itemView = async (reply: FastifyReply, id: string, itemId: string, values: Record<string, unknown> = {}, errors: FormErrors = noErrors()) => {
    const data = await itemPage(reply.request.ctx(), id, itemId);
    return reply.status(errors.summary.length ? 400 : 200).page(view('sar-item'), { title: `Redact: ${data.item.recordType}`, section: SECTION, ...data, values, errors, codes, WHOLE_ITEM });
  };

  app.get('/governance/sars/:id/items/:itemId', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string>;
    return itemView(reply, uuidParam(request.params), uuidParam(request.params, 'itemId'), { field: typeof query.field === 'string' ? query.field : '' });
  });

  app.post('/governance/sars/:id/items/:itemId/redact', async (request, reply) => {
    const id = uuidParam(request.params);
    const itemId = uuidParam(request.params, 'itemId');
    const body = formOf(request);
    const values = { field: text(body, 'field'), reason: text(body, 'reason'), note: text(body, 'note') };
    const parsed = redactionFields.safeParse(values);
    return guarded(reply, back(id, [{ label: 'Note', value: values.note }]), async () => {
      if (!parsed.success) return itemView(reply, id, itemId, values, zodErrors(parsed.error));
      try {
        await redact(request.ctx(), id, itemId, parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return itemView(reply, id, itemId, values, addError(noErrors(), error.field, error.message));
        throw error;
      }
      return reply.redirect(`/governance/sars/${id}/items/${itemId}`, 303);
    });
  });

  app.post('/governance/sars/:id/redactions/:redactionId/remove', async (request, reply) => {
    const id = uuidParam(request.params);
    const version = Number(text(formOf(request), 'version'));
    return guarded(reply, back(id), async () => {
      const itemId = await removeRedaction(request.ctx(), id, uuidParam(request.params, 'redactionId'), Number.isInteger(version) ? version : 0);
      return reply.redirect(`/governance/sars/${id}/items/${itemId}`, 303);
    });
  });

  app.post('/governance/sars/:id/accept-suggestions', async (request, reply) => {
    const id = uuidParam(request.params);
    const recordType = text(formOf(request), 'type');
    return guarded(reply, back(id), async () => {
      const accepted = await acceptSuggestions(request.ctx(), id, recordType);
      return reply.redirect(`/governance/sars/${id}/bundle?type=${encodeURIComponent(recordType)}&accepted=${accepted}`, 303);
    });
  });

  const disclosePage = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors: FormErrors = noErrors()) => {
    const request = await loadRequest(reply.request.ctx(), id);
    return reply
      .status(errors.summary.length ? 400 : 200)
      .page(view('sar-disclose'), { title: 'Disclose the bundle', section: SECTION, request, values: values ?? { version: request.version, coverLetter: defaultCoverLetter(request) }, errors });
  };

  app.get('/governance/sars/:id/disclose', async (request, reply) => disclosePage(reply, uuidParam(request.params), null));

  app.post('/governance/sars/:id/disclose', async (request, reply) => {
    const id = uuidParam(request.params);
    const body = formOf(request);
    const values = { coverLetter: text(body, 'coverLetter'), version: text(body, 'version') };
    const parsed = disclosureFields.safeParse(values);
    return guarded(reply, back(id, [{ label: 'Cover letter', value: values.coverLetter }]), async () => {
      if (!parsed.success) return disclosePage(reply, id, values, zodErrors(parsed.error));
      await disclose(request.ctx(), id, parsed.data, app.config.chromiumPath);
      return reply.redirect(`${sarHref(id)}?done=disclosed`, 303);
    });
  });

  app.get('/governance/sars/:id/disclosure.pdf', async (request, reply) => {
    const id = uuidParam(request.params);
    const { pdf, sha } = await disclosedPdf(request.ctx(), id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="subject-access-${id.slice(0, 8)}.pdf"`)
      .header('cache-control', 'no-store')
      .header('x-content-sha256', sha)
      .send(pdf);
  });
}
