import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { checkDate, type DateInputValue, readDateInput } from '../views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../views/form-errors.ts';
import { type FormBody, text } from '../views/form-fields.ts';
import { BadRequestError, ConflictError, HttpError } from './errors.ts';
import { UUID } from './params.ts';

/**
 * What every GOV.UK form route needs: the posted body, dates from date inputs, Zod's problems as an error
 * summary, idempotency keys for creating forms, and refusals (409) shown as pages that keep what was typed.
 */

export const formOf = (request: FastifyRequest): FormBody => (request.body ?? {}) as FormBody;

/** A fresh idempotency key for a creating form, or the one the form carried (kept when it is shown again). */
export const idempotencyKeyOf = (body?: FormBody) => {
  const key = body ? text(body, 'idempotencyKey') : '';
  return UUID.test(key) ? key : uuidv7();
};

/**
 * Adds Zod's problems to the form's errors; a date field's error links to its day box, and is left out when the
 * date input already reported that field (one message a field).
 */
export function zodErrors(error: z.ZodError | null, errors: FormErrors = noErrors(), dateFields: readonly string[] = []): FormErrors {
  const reported = (f: string) => ['day', 'month', 'year'].some((part) => errors.fields[`${f}-${part}`]);
  for (const issue of error?.issues ?? []) {
    const field = String(issue.path[0] ?? 'form');
    if (dateFields.includes(field) && reported(field)) continue;
    addError(errors, dateFields.includes(field) ? `${field}-day` : field, issue.message);
  }
  return errors;
}

/**
 * Adds the problems a service found (dates in the wrong order, what a census rule forbids) to the form's errors,
 * each against its field (a date's against its day box). Problems with the record as a whole (`form`) are all
 * listed, linking to `wholeFormAnchor`.
 */
export function addProblems(errors: FormErrors, problems: readonly { field: string; message: string }[], dateFields: readonly string[] = [], wholeFormAnchor = '#main-content'): FormErrors {
  for (const p of problems) {
    if (p.field === 'form') errors.summary.push({ text: p.message, href: wholeFormAnchor });
    else addError(errors, dateFields.includes(p.field) ? `${p.field}-day` : p.field, p.message);
  }
  return errors;
}

/**
 * A code set as GOV.UK radio, checkbox or select items, keeping what was chosen; `withCode` shows the code after
 * the words, `blank` adds an empty first choice (for a select).
 */
export function codeItems(set: Readonly<Record<string, string>>, chosen: readonly string[] | string | null | undefined, options: { withCode?: boolean; blank?: string } = {}) {
  const isChosen = (value: string) => (Array.isArray(chosen) ? chosen.includes(value) : chosen === value);
  const items = Object.entries(set).map(([value, text]) => ({ value, text: options.withCode ? `${text} (${value})` : text, checked: isChosen(value), selected: isChosen(value) }));
  return options.blank !== undefined ? [{ value: '', text: options.blank, checked: false, selected: !chosen }, ...items] : items;
}

/**
 * A GOV.UK date input as 'YYYY-MM-DD' (null when left empty, or when wrong, with the error added under
 * `<name>-day` etc.). `missing` makes it required.
 */
export function dateField(body: FormBody, name: string, label: string, errors: FormErrors, missing?: string): { input: DateInputValue; value: string | null } {
  const input = readDateInput(body, name);
  const result = checkDate(input, label);
  if (!('value' in result)) {
    addError(errors, `${name}-${result.part}`, result.error);
    return { input, value: null };
  }
  if (!result.value && missing) addError(errors, `${name}-day`, missing);
  return { input, value: result.value };
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

export interface Refusal {
  /** Where "go back" leads: the record as it is now. */
  backHref: string;
  backText: string;
  /** The navigation section the page belongs to. */
  section: string;
  /** What the user typed, shown back so nothing is lost when the record changed under them. */
  entered?: { label: string; value: string }[];
}

/**
 * Refusals about the state of a record — changed by someone else since the form was read (409 with what the
 * user entered, so nothing is lost), or a step its state does not allow — shown as pages that lead back to it.
 */
export async function guarded(reply: FastifyReply, refusal: Refusal, work: () => Promise<unknown>) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 409) {
      const entered = error instanceof ConflictError ? (refusal.entered ?? []).filter((e) => e.value) : [];
      return reply.status(409).page('refused.njk', {
        title: error.title,
        section: refusal.section,
        message: error.message,
        entered,
        backHref: refusal.backHref,
        backText: refusal.backText,
      });
    }
    throw error;
  }
}

/** A form page of a record made of plain fields and date inputs: how it reads its body and checks it. */
export interface DatedForm<T> {
  /** Each date input: its label and, when it is required, the message for a missing date. */
  dates: Record<string, [label: string, missing: string | undefined]>;
  fields: (body: FormBody) => Record<string, unknown>;
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: z.ZodError } };
  /** Free text worth showing back if the record changed first, by field name and label. */
  entered: Record<string, string>;
}

/**
 * A dated form's submission: what was typed (to show again, dates as typed), the parse of it (missing optional
 * dates as null, missing required ones as '' so the schema's own message stands), every error by field, and the
 * free text entered.
 */
export function readDatedForm<T>(body: FormBody, form: DatedForm<T>) {
  const errors = noErrors();
  const dates = Object.fromEntries(Object.entries(form.dates).map(([name, [label, missing]]) => [name, dateField(body, name, label, errors, missing)]));
  const values = { ...form.fields(body), ...Object.fromEntries(Object.entries(dates).map(([n, d]) => [n, d.input])), version: text(body, 'version'), idempotencyKey: idempotencyKeyOf(body) };
  const parsed = form.schema.safeParse({ ...values, ...Object.fromEntries(Object.entries(dates).map(([n, d]) => [n, d.value ?? (form.dates[n]![1] ? '' : null)])) });
  zodErrors(parsed.success ? null : parsed.error, errors, Object.keys(form.dates));
  const entered = Object.entries(form.entered).map(([name, label]) => ({ label, value: text(body, name) }));
  return { values, parsed, errors, entered };
}
