import type { CareLeaverEligibility } from '../../db/types-social-care.ts';
import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { ALWAYS_UNSUITABLE } from '../../platform/codes/ssda903.ts';

/**
 * The SSDA903 OC3 table asks, for each relevant or former relevant care leaver whose 17th to 21st birthday falls
 * in the year, whether the council was in touch and their accommodation and activity "on or around" the
 * birthday. Our rule for "around": the keeping-in-touch contact nearest the birthday within 3 months either side
 * (a tie goes to the earlier contact, recorded before the birthday). No contact in that window means the
 * information is due until the window closes, and missed after.
 */
export const OC3_AGES = [17, 18, 19, 20, 21] as const;
export const OC3_WINDOW_MONTHS = 3;
/** Only these statuses are in the OC3 table (rule 391): young people who have left care and were eligible. */
export const OC3_ELIGIBILITY: readonly CareLeaverEligibility[] = ['relevant', 'former_relevant'];

export type BirthdayStatus = 'recorded' | 'due' | 'missed' | 'upcoming';

export interface BirthdayWindow<C> {
  age: number;
  birthday: string;
  from: string;
  to: string;
  contact: C | null;
  status: BirthdayStatus;
  /** While due: the window's last day and where that clock stands. */
  clock: { due: string; status: ClockStatus } | null;
}

/** The birthday at an age ('2008-02-29' turns 17 on 28 February 2025, as addMonths keeps to the month). */
export const birthdayAt = (dateOfBirth: string, age: number) => addMonths(dateOfBirth, age * 12);

/** Whole years old on a date. */
export function ageOn(dateOfBirth: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (date.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** The contact nearest the birthday within the window, or null. */
export function nearestContact<C extends { contact_date: string }>(contacts: readonly C[], birthday: string, from: string, to: string): C | null {
  let best: C | null = null;
  for (const c of contacts) {
    if (c.contact_date < from || c.contact_date > to) continue;
    const distance = Math.abs(dayNumber(c.contact_date) - dayNumber(birthday));
    const bestDistance = best ? Math.abs(dayNumber(best.contact_date) - dayNumber(birthday)) : Infinity;
    if (distance < bestDistance || (distance === bestDistance && best && c.contact_date < best.contact_date)) best = c;
  }
  return best;
}

/**
 * The OC3 birthday windows for a care leaver record: the birthdays 17–21 whose window overlaps the time the
 * record is open (from its opening, to its closing or for ever). Empty when the 903 does not ask about them.
 */
export function birthdayWindows<C extends { contact_date: string }>(
  record: { dateOfBirth: string | null; eligibility: CareLeaverEligibility; openedOn: string; closedOn: string | null },
  contacts: readonly C[],
  today: string,
): BirthdayWindow<C>[] {
  if (!record.dateOfBirth || !OC3_ELIGIBILITY.includes(record.eligibility)) return [];
  const windows: BirthdayWindow<C>[] = [];
  for (const age of OC3_AGES) {
    const birthday = birthdayAt(record.dateOfBirth, age);
    const from = addMonths(birthday, -OC3_WINDOW_MONTHS);
    const to = addMonths(birthday, OC3_WINDOW_MONTHS);
    if (to < record.openedOn || (record.closedOn && from > record.closedOn)) continue;
    const contact = nearestContact(contacts, birthday, from, to);
    const status: BirthdayStatus = contact ? 'recorded' : today < from ? 'upcoming' : today > to ? 'missed' : 'due';
    windows.push({ age, birthday, from, to, contact, status, clock: status === 'due' || status === 'missed' ? { due: to, status: clockStatus(to, today) } : null });
  }
  return windows;
}

export interface ContactAnswers {
  inTouch: string;
  /** The accommodation letter, or '0' (not known), or null. */
  accommodation: string | null;
  suitable: 'yes' | 'no' | null;
  activity: string | null;
}

/**
 * The 903 rules for one keeping-in-touch answer, in practitioners' words, each with the field it belongs to:
 * activity and accommodation blank when the young person died or went home (344); activity known when in touch
 * (345); homelessness and custody always unsuitable; a foyer not under 18 (347); staying put not for 17-year-olds
 * (3001; we refuse it under 18, as staying put begins at 18).
 */
export function contactProblems(answers: ContactAnswers, age: number | null): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const { inTouch, accommodation, suitable, activity } = answers;
  if (inTouch === 'DIED' || inTouch === 'RHOM') {
    if (accommodation) problems.push({ field: 'accommodation', message: 'Leave accommodation blank when the young person has died or has returned home' });
    if (activity) problems.push({ field: 'activity', message: 'Leave activity blank when the young person has died or has returned home' });
    return problems;
  }
  if (inTouch === 'YES') {
    if (!accommodation || accommodation === '0') problems.push({ field: 'accommodation', message: 'Select where they are living: you are in touch, so it is known' });
    if (!activity) problems.push({ field: 'activity', message: 'Select their main activity' });
    else if (activity === '0') problems.push({ field: 'activity', message: 'Select their main activity: “not known” cannot be recorded when you are in touch' });
  }
  if (accommodation && accommodation !== '0') {
    if (!suitable) problems.push({ field: 'suitable', message: 'Select whether the accommodation is suitable' });
    else if (suitable === 'yes' && ALWAYS_UNSUITABLE.includes(accommodation)) {
      problems.push({ field: 'suitable', message: accommodation === 'S' ? 'No fixed abode or homeless is always unsuitable' : 'Custody is always unsuitable accommodation' });
    }
    if (age !== null && age < 18 && accommodation === 'T') problems.push({ field: 'accommodation', message: 'A foyer cannot be recorded for a young person under 18' });
    if (age !== null && age < 18 && accommodation === 'Z') problems.push({ field: 'accommodation', message: 'Staying put with former foster carers begins at 18: it cannot be recorded for a 17-year-old' });
  }
  return problems;
}

/** The OC3 ACCOM value: the letter and 1 (suitable) or 2 (unsuitable); '0' when not known; null when blank. */
export function accomCode(accommodation: string | null, suitable: 'yes' | 'no' | null): string | null {
  if (!accommodation) return null;
  if (accommodation === '0') return '0';
  return `${accommodation}${suitable === 'yes' ? '1' : '2'}`;
}
