import type { z } from 'zod';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';

/** A submitted page form: every field as text (or a list of text, for checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

export const text = (body: FormBody, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
};

export const list = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
};

const DATE_FIELDS = new Set(['dateOfBirth', 'expectedDateOfDelivery', 'startDate', 'addressStartDate', 'endDate']);

/**
 * GOV.UK date input (day, month, year) → 'YYYY-MM-DD'. Blank → null; anything that is not a real date is an
 * error message, so the form can say so rather than guessing.
 */
export function dateFromParts(body: FormBody, name: string, label: string): { value: string | null; error?: string } {
  const day = text(body, `${name}-day`).trim();
  const month = text(body, `${name}-month`).trim();
  const year = text(body, `${name}-year`).trim();
  if (!day && !month && !year) return { value: null };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length) return { value: null, error: `${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { value: null, error: `${label} must be a real date` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return { value: null, error: `${label} must be a real date` };
  return { value: iso };
}

/** The day/month/year a date input shows for an ISO date. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Zod errors mapped to form field names; date fields link to their day box, as GOV.UK date inputs expect. */
export function formErrors(error: z.ZodError | null, extra: FormErrors = noErrors(), rename: Record<string, string> = {}): FormErrors {
  const errors = noErrors();
  const add = (field: string, message: string) => {
    addError(errors, field, message);
    if (DATE_FIELDS.has(field)) {
      const entry = errors.summary.find((s) => s.href === `#${field}`);
      if (entry) entry.href = `#${field}-day`;
    }
  };
  for (const [field, { text: message }] of Object.entries(extra.fields)) add(field, message);
  if (error) {
    for (const { text: message, href } of fromZodError(error).summary) {
      const path = href.slice(1);
      add(rename[path] ?? path, message);
    }
  }
  return errors;
}

/** Keeps the error summary in the order the fields appear on the page. */
export function orderErrors(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (href: string) => {
    const field = href.slice(1).replace(/-day$/, '');
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  errors.summary.sort((a, b) => rank(a.href) - rank(b.href));
  return errors;
}
