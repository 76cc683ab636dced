import type { FormErrors } from '../views/form-errors.ts';
import { addError } from '../views/form-errors.ts';

/*
 * Helpers for the long, filtered lists (access audit, who has seen a record, chronology). They live with the
 * audit because the audit is where they began; any page that lists rows may use them.
 */

export const PAGE_SIZE = 50;

/** A 1-based page number from the query string; anything odd means the first page. */
export function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/**
 * Parameters for govukPagination, or null when everything fits on one page. `query` holds the current
 * filters so that moving between pages keeps them.
 */
export function pagination(path: string, query: Record<string, string>, page: number, total: number, size = PAGE_SIZE): PaginationView | null {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  const items: PaginationView['items'] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: href(n), current: n === page });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

export interface DateInputValue {
  day: string;
  month: string;
  year: string;
}

const field = (query: Record<string, unknown>, name: string) => {
  const v = query[name];
  return typeof v === 'string' ? v.trim().slice(0, 8) : '';
};

/** Reads a GOV.UK date input (`<prefix>-day`, `-month`, `-year`) from a query string. */
export function readDateInput(query: Record<string, unknown>, prefix: string): DateInputValue {
  return { day: field(query, `${prefix}-day`), month: field(query, `${prefix}-month`), year: field(query, `${prefix}-year`) };
}

/**
 * Validates one optional date input, with GOV.UK's wording. Returns the date as 'YYYY-MM-DD', null when left
 * empty, or undefined after adding an error.
 */
export function parseDateInput(value: DateInputValue, prefix: string, label: string, errors: FormErrors): string | null | undefined {
  const { day, month, year } = value;
  if (!day && !month && !year) return null;
  const missing = (['day', 'month', 'year'] as const).filter((part) => !value[part]);
  if (missing.length) {
    addError(errors, `${prefix}-${missing[0]}`, `${label} must include a ${missing.join(' and ')}`);
    return undefined;
  }
  const [d, m, y] = [day, month, year].map((p) => (/^\d+$/.test(p) ? Number(p) : NaN)) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    Number.isNaN(date.getTime()) ||
    year.length !== 4 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    addError(errors, `${prefix}-day`, `${label} must be a real date`);
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** A from/to pair of optional dates: both valid, and the first not after the second. */
export function parseDateRange(query: Record<string, unknown>, errors: FormErrors) {
  const fromInput = readDateInput(query, 'from');
  const toInput = readDateInput(query, 'to');
  const from = parseDateInput(fromInput, 'from', 'Date from', errors);
  const to = parseDateInput(toInput, 'to', 'Date to', errors);
  if (from && to && from > to) addError(errors, 'to-day', 'Date to must be the same as or after date from');
  return { from: from ?? null, to: to ?? null, fromInput, toInput };
}

/** The first moment of a calendar date and of the day after it, in UK time, for `at >= from AND at < to` filters. */
export function startOfUkDay(date: string): Date {
  // Europe/London is UTC or UTC+1; find the offset on that day from the formatted hour of noon UTC.
  const noon = new Date(`${date}T12:00:00Z`);
  const ukHour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(noon));
  const offsetHours = ukHour - 12;
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetHours * 3_600_000);
}

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Items for a GOV.UK date input, keeping what was typed and marking the fields in error. */
export function dateInputItems(value: DateInputValue, prefix: string, errors: FormErrors) {
  const anyError = ['day', 'month', 'year'].some((p) => errors.fields[`${prefix}-${p}`]);
  return [
    { name: 'day', classes: `govuk-input--width-2${anyError ? ' govuk-input--error' : ''}`, value: value.day },
    { name: 'month', classes: `govuk-input--width-2${anyError ? ' govuk-input--error' : ''}`, value: value.month },
    { name: 'year', classes: `govuk-input--width-4${anyError ? ' govuk-input--error' : ''}`, value: value.year },
  ].map((item) => ({ ...item, id: `${prefix}-${item.name}` }));
}

/** The error message for a date input, whichever of its parts it was recorded against. */
export function dateInputError(prefix: string, errors: FormErrors) {
  return errors.fields[`${prefix}-day`] ?? errors.fields[`${prefix}-month`] ?? errors.fields[`${prefix}-year`];
}
