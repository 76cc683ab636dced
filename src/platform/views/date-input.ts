import { addError, type FormErrors } from './form-errors.ts';
import { text } from './form-fields.ts';

/** What was typed into a GOV.UK date input (`<name>-day`, `<name>-month`, `<name>-year`). */
export interface DateInputValue {
  day: string;
  month: string;
  year: string;
}

export function readDateInput(source: unknown, name: string): DateInputValue {
  const part = (p: string) => text(source, `${name}-${p}`).trim().slice(0, 8);
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** The day, month and year a date input shows for an ISO date. */
export function dateParts(iso: string | null | undefined): DateInputValue {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export type DateCheck = { value: string | null } | { error: string; part: keyof DateInputValue };

/**
 * A date input as 'YYYY-MM-DD', null when left empty, or an error in GOV.UK's words with the part it belongs
 * to: a date that does not exist (31 February) is an error, never silently moved.
 */
export function checkDate(input: DateInputValue, label: string): DateCheck {
  const { day, month, year } = input;
  if (!day && !month && !year) return { value: null };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !input[part]);
  if (missing.length) return { error: `${label} must include a ${missing.join(' and ')}`, part: missing[0]! };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { error: `${label} must be a real date`, part: 'day' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { error: `${label} must be a real date`, part: 'day' };
  return { value: iso };
}

/** Checks one optional date input, adding any error to the form's errors; undefined means it had one. */
export function parseDateInput(input: DateInputValue, name: string, label: string, errors: FormErrors): string | null | undefined {
  const checked = checkDate(input, label);
  if ('value' in checked) return checked.value;
  addError(errors, `${name}-${checked.part}`, checked.error);
  return undefined;
}

/** A from/to pair of optional dates: both valid, and the first not after the second. */
export function parseDateRange(query: unknown, errors: FormErrors) {
  const fromInput = readDateInput(query, 'from');
  const toInput = readDateInput(query, 'to');
  const from = parseDateInput(fromInput, 'from', 'Date from', errors);
  const to = parseDateInput(toInput, 'to', 'Date to', errors);
  if (from && to && from > to) addError(errors, 'to-day', 'Date to must be the same as or after date from');
  return { from: from ?? null, to: to ?? null, fromInput, toInput };
}

/** Items for govukDateInput, keeping what was typed and marking the boxes in error. */
export function dateInputItems(value: DateInputValue, name: string, errors: FormErrors) {
  const anyError = ['day', 'month', 'year'].some((p) => errors.fields[`${name}-${p}`]);
  return [
    { name: 'day', classes: `govuk-input--width-2${anyError ? ' govuk-input--error' : ''}`, value: value.day },
    { name: 'month', classes: `govuk-input--width-2${anyError ? ' govuk-input--error' : ''}`, value: value.month },
    { name: 'year', classes: `govuk-input--width-4${anyError ? ' govuk-input--error' : ''}`, value: value.year },
  ].map((item) => ({ ...item, id: `${name}-${item.name}` }));
}

/** The error message for a date input, whichever of its parts it was recorded against. */
export function dateInputError(name: string, errors: FormErrors) {
  return errors.fields[`${name}-day`] ?? errors.fields[`${name}-month`] ?? errors.fields[`${name}-year`];
}
