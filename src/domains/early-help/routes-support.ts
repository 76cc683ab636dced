import type { FastifyReply, FastifyRequest } from 'fastify';
import { guarded as guardedPage } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';

/** Helpers the early help pages share: templates, ids, and turning refusals into pages; forms use the platform's. */
export { attempt, dateField, formOf, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';

export const view = (name: string) => `domains/early-help/views/${name}.njk`;
export const SECTION = 'early-help';

export const caseIdOf = (request: FastifyRequest) => uuidParam(request.params);
export const caseHref = (caseId: string) => `/early-help/cases/${caseId}`;

/**
 * Refusals about the state of the case — changed by someone else since the form was read (409 with what the
 * user entered, so nothing is lost), closed, or already done — shown as pages that lead back to the case.
 */
export const guarded = (reply: FastifyReply, caseId: string, work: () => Promise<unknown>, entered: { label: string; value: string }[] = []) =>
  guardedPage(reply, { backHref: caseHref(caseId), backText: 'Go back to the case to see it as it is now', section: SECTION, entered }, work);
