import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { BadRequestError, ConflictError, HttpError } from '../../platform/http/errors.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { checkDate, type DateInputValue, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';

/** Helpers the early help pages share: templates, ids, dates, and turning refusals into pages. */

export const view = (name: string) => `domains/early-help/views/${name}.njk`;
export const SECTION = 'early-help';

export const caseIdOf = (request: FastifyRequest) => uuidParam(request.params);
export const formOf = (request: FastifyRequest): FormBody => (request.body ?? {}) as FormBody;
export const caseHref = (caseId: string) => `/early-help/cases/${caseId}`;

/** A fresh idempotency key for a creating form, or the one the form carried (kept when it is shown again). */
export const idempotencyKeyOf = (body?: FormBody) => {
  const key = body ? text(body, 'idempotencyKey') : '';
  return UUID.test(key) ? key : uuidv7();
};

/** Adds Zod's problems to the form's errors; a date field's error links to its day box. */
export function zodErrors(error: z.ZodError | null, errors: FormErrors = noErrors(), dateFields: readonly string[] = []): FormErrors {
  for (const issue of error?.issues ?? []) {
    const field = issue.path.join('.') || 'form';
    addError(errors, dateFields.includes(field) ? `${field}-day` : field, issue.message);
  }
  return errors;
}

/**
 * A GOV.UK date input as 'YYYY-MM-DD' (null when left empty, or when wrong, with the error added under
 * `<name>-day` etc.). `missing` makes it required.
 */
export function dateField(body: FormBody, name: string, label: string, errors: FormErrors, missing?: string): { input: DateInputValue; value: string | null } {
  const input = readDateInput(body, name);
  const checked = checkDate(input, label);
  if (!('value' in checked)) {
    addError(errors, `${name}-${checked.part}`, checked.error);
    return { input, value: null };
  }
  if (!checked.value && missing) addError(errors, `${name}-day`, missing);
  return { input, value: checked.value };
}

/** Runs a change; a refusal about the request itself (400) comes back as an error on `field` instead of a page. */
export async function attempt(field: string, work: () => Promise<unknown>): Promise<FormErrors | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof BadRequestError) return addError(noErrors(), field, error.message);
    throw error;
  }
}

/**
 * Refusals about the state of the case — changed by someone else since the form was read (409 with what the
 * user entered, so nothing is lost), closed, or already done — shown as pages that lead back to the case.
 */
export async function guarded(reply: FastifyReply, caseId: string, work: () => Promise<unknown>, entered: { label: string; value: string }[] = []) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError) {
      return reply.status(409).page(view('conflict'), { title: error.title, section: SECTION, message: error.message, caseId, entered: entered.filter((e) => e.value) });
    }
    if (error instanceof HttpError && error.statusCode === 409) {
      return reply.status(409).page(view('refused'), { title: error.title, section: SECTION, message: error.message, caseId });
    }
    throw error;
  }
}
