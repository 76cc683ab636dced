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

// Every day of the known years, worked out once: a clock's due date is then a lookup rather than a walk through
// the calendar (the work inbox works out thousands of them for a manager's teams).
const KNOWN_DAYS: string[] = [];
for (let d = new Date(Date.UTC(FIRST_KNOWN_YEAR, 0, 1)); d.getUTCFullYear() <= LAST_KNOWN_YEAR; d.setUTCDate(d.getUTCDate() + 1)) {
  KNOWN_DAYS.push(d.toISOString().slice(0, 10));
}
const WORKING_DAYS = KNOWN_DAYS.filter((day) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(day);
});
/** For each known day, how many working days there are from the first known day up to and including it. */
const WORKING_DAYS_TO = new Map<string, number>();
{
  let count = 0;
  const working = new Set(WORKING_DAYS);
  for (const day of KNOWN_DAYS) WORKING_DAYS_TO.set(day, (count += working.has(day) ? 1 : 0));
}

/** Working days up to and including `date`, counted from the first known day; refuses a day outside them. */
function workingDaysTo(date: string): number {
  covered(date);
  const count = WORKING_DAYS_TO.get(date);
  if (count === undefined) throw new RangeError(`Not a calendar date: ${date}`);
  return count;
}

export function isWorkingDay(date: string): boolean {
  const count = workingDaysTo(date);
  return WORKING_DAYS[count - 1] === date;
}

/**
 * The working day `days` working days after `date` (the start day itself never counts, as in "within 15 working
 * days of the strategy discussion"). Starting on a weekend or holiday, the first working day after it is day 1.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('Working days to add must be a whole number, 0 or more.');
  const count = workingDaysTo(date);
  if (days === 0) return date;
  const due = WORKING_DAYS[count + days - 1];
  if (!due) throw new RangeError(`Working days are known for ${FIRST_KNOWN_YEAR} to ${LAST_KNOWN_YEAR}; ${days} after ${date} is beyond them.`);
  return due;
}

/** The working day `days` working days before `date` (`date` itself when 0), for dating records back from today. */
export function workingDaysBefore(date: string, days: number): string {
  let day = date;
  for (let n = 0; n < days; ) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) n += 1;
  }
  return day;
}

/** Working days from `from` to `to`: how many working days after `from` it is (0 on the same day; negative if before). */
export function workingDaysBetween(from: string, to: string): number {
  return workingDaysTo(to) - workingDaysTo(from);
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
