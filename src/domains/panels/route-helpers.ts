import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { checkDate, type DateInputValue, dateParts, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { FieldError, VersionConflict } from './service.ts';

export const view = (name: string) => `domains/panels/views/${name}.njk`;
export const body = (request: FastifyRequest) => (request.body ?? {}) as FormBody;
export const idOf = (request: FastifyRequest, name = 'id') => uuidParam(request.params, name);

/** Fields entered with a GOV.UK date input: their errors point at the day box. */
const DATE_FIELDS = new Set(['meetingDate', 'nextReviewDue', 'dueOn']);
const fieldKey = (field: string) => (DATE_FIELDS.has(field) ? `${field}-day` : field);

/** Zod's errors on the form's fields, in the order the fields appear. */
export function zodErrors(error: z.ZodError | null, order: readonly string[], errors: FormErrors = noErrors()): FormErrors {
  for (const issue of error?.issues ?? []) addError(errors, fieldKey(String(issue.path[0] ?? 'form')), issue.message);
  const rank = (href: string) => {
    const i = order.indexOf(href.slice(1).replace(/-(day|month|year)$/, ''));
    return i === -1 ? order.length : i;
  };
  errors.summary.sort((a, b) => rank(a.href) - rank(b.href));
  return errors;
}

/** Reads a date input; a missing required date, or one that is not real, is added to the errors. */
export function dateField(source: FormBody, name: string, label: string, errors: FormErrors, required: string | null): { input: DateInputValue; value: string | null } {
  const input = readDateInput(source, name);
  const checked = checkDate(input, label);
  if ('error' in checked) {
    addError(errors, `${name}-day`, checked.error);
    return { input, value: null };
  }
  if (!checked.value && required) addError(errors, `${name}-day`, required);
  return { input, value: checked.value };
}

export const dateValue = (iso: string | null | undefined) => dateParts(iso ?? null);

/** The form's idempotency key, or a new one when it is missing or malformed (the form then carries it). */
export function keyOf(source: FormBody): string {
  const key = text(source, 'idempotencyKey');
  return UUID.test(key) ? key : uuidv7();
}

export const newKey = () => uuidv7();

/**
 * Runs a change. A refusal about one field comes back as that field's error (with its status, 400 or 409);
 * anything else is thrown on to the error pages.
 */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FormErrors; status: number }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, errors: addError(noErrors(), fieldKey(error.field), error.message), status: error.statusCode };
    throw error;
  }
}

/**
 * The page shown when someone else saved first: what the user entered (not saved), and a way back to the saved
 * version, so nothing typed is lost.
 */
export async function conflictPage(reply: FastifyReply, error: unknown, v: { back: string; backText: string; yours: { label: string; value: string }[] }) {
  if (!(error instanceof VersionConflict)) throw error;
  return reply.status(409).page(view('conflict'), {
    title: 'This record was changed by someone else', section: 'panels', message: error.message, back: v.back, backText: v.backText,
    yours: v.yours.filter((y) => y.value.trim()),
  });
}
