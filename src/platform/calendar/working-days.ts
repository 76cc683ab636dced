import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * England and Wales bank holidays, 2010–2035, as data: the published GOV.UK dates (including one-off days such as
 * the 2022 state funeral) and, for years not yet announced, the standing rules with substitute days. A one-off
 * day announced later is one line added to the JSON file.
 */
const BANK_HOLIDAYS: readonly { date: string; title: string }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'bank-holidays-england.json'), 'utf8'),
);
const HOLIDAYS = new Map(BANK_HOLIDAYS.map((h) => [h.date, h.title]));
export const FIRST_KNOWN_YEAR = 2010;
export const LAST_KNOWN_YEAR = 2035;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: string): Date {
  if (!ISO_DATE.test(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

function covered(date: string): void {
  const year = Number(date.slice(0, 4));
  // Past 2035 nobody knows the bank holidays; a silent guess would make a statutory clock quietly wrong.
  if (year < FIRST_KNOWN_YEAR || year > LAST_KNOWN_YEAR) {
    throw new RangeError(`Working days are known for ${FIRST_KNOWN_YEAR} to ${LAST_KNOWN_YEAR}; ${date} is outside them.`);
  }
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day when it has no such day (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

export const bankHoliday = (date: string): string | null => HOLIDAYS.get(date) ?? null;

export function isWorkingDay(date: string): boolean {
  covered(date);
  const weekday = parse(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(date);
}

/**
 * The working day `days` working days after `date` (the start day itself never counts, as in "within 15 working
 * days of the strategy discussion"). Starting on a weekend or holiday, the first working day after it is day 1.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('Working days to add must be a whole number, 0 or more.');
  let current = date;
  covered(current);
  for (let left = days; left > 0; ) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days from `from` to `to`: how many working days after `from` it is (0 on the same day; negative if before). */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from);
  covered(from);
  covered(to);
  let count = 0;
  for (let current = from; current < to; ) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}

// Made once: building a formatter costs about half a millisecond, using one a microsecond, and a child's record
// reads the UK day of hundreds of moments.
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the UK of a moment (a contact received at 00:30 BST on the 2nd is the 2nd, not the 1st). */
export function ukDate(moment: Date): string {
  return UK_DATE.format(moment);
}

/** Today in the UK. */
export const ukToday = (now: Date = new Date()): string => ukDate(now);
