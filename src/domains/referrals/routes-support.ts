import type { FastifyReply, FastifyRequest } from 'fastify';
import { guarded, type Refusal } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import type { FormErrors } from '../../platform/views/form-errors.ts';
import { addError } from '../../platform/views/form-errors.ts';

/** Helpers the referral, assessment and plan pages share. */

export const view = (name: string) => `domains/referrals/views/${name}.njk`;
export const SECTION = 'social-care';
export const idOf = (request: FastifyRequest, name = 'id') => uuidParam(request.params, name);
export const episodeHref = (id: string) => `/referrals/${id}`;
export const assessmentHref = (id: string) => `/assessments/${id}`;
export const planHref = (id: string) => `/cin-plans/${id}`;

/** A 409 shown as a page that leads back to the record, keeping what was typed when someone else changed it. */
export const refused = (reply: FastifyReply, backHref: string, backText: string, work: () => Promise<unknown>, entered: Refusal['entered'] = []) =>
  guarded(reply, { backHref, backText, section: SECTION, entered }, work);

/** Adds a service's field problems to the form (a date field's error to its day box). */
export function addProblems(errors: FormErrors, problems: { field: string; message: string }[], dateFields: readonly string[] = []) {
  for (const p of problems) {
    // Problems with the record as a whole (several at once) all lead to the form's start.
    if (p.field === 'form') errors.summary.push({ text: p.message, href: '#census' });
    else addError(errors, dateFields.includes(p.field) ? `${p.field}-day` : p.field, p.message);
  }
  return errors;
}

/** Code sets as radio or checkbox items, keeping what was chosen. */
export const itemsOf = (set: Readonly<Record<string, string>>, chosen: readonly string[] | string | null | undefined, withCode = false) =>
  Object.entries(set).map(([value, text]) => ({ value, text: withCode ? `${text} (${value})` : text, checked: Array.isArray(chosen) ? chosen.includes(value) : chosen === value }));
