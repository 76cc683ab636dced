import type { z } from 'zod';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';

const DATE_FIELDS = new Set(['dateOfBirth', 'expectedDateOfDelivery', 'startDate', 'addressStartDate', 'endDate']);

/** A GOV.UK date input as 'YYYY-MM-DD' (null when blank) or the error to show. */
export function dateFromParts(body: FormBody, name: string, label: string): { value: string | null; error?: string } {
  const checked = checkDate(readDateInput(body, name), label);
  return 'value' in checked ? checked : { value: null, error: checked.error };
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
