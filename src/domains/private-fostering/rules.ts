import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays, addMonths, addWorkingDays } from '../../platform/calendar/working-days.ts';
import { RELATIONSHIPS } from './labels.ts';

/** The first visit: within 7 working days of the notification (Regulation 7). */
export const FIRST_VISIT_WORKING_DAYS = 7;
/** Then at least every 6 weeks in the arrangement's first year, every 12 weeks after (Regulation 8). */
export const FIRST_YEAR_INTERVAL_DAYS = 42;
export const LATER_INTERVAL_DAYS = 84;

/** Whole years from a date of birth to a date ('YYYY-MM-DD' both). */
export function ageOn(dateOfBirth: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? age - 1 : age;
}

/** Whether the person's recorded disabilities (CIN codes) say they are disabled: 'NONE' records that they are not. */
export const isDisabled = (disabilities: readonly string[]) => disabilities.some((d) => d !== 'NONE');

/** Private fostering is for a child under 16, or under 18 if disabled. Null when the age fits (or is unknown). */
export function ageProblem(dateOfBirth: string | null, disabled: boolean, on: string): string | null {
  if (!dateOfBirth) return 'The child’s date of birth is needed to know whether this is private fostering: add it to their record first';
  if (dateOfBirth > on) return 'The child was not born by the date the arrangement starts';
  const age = ageOn(dateOfBirth, on);
  const limit = disabled ? 18 : 16;
  if (age < limit) return null;
  return disabled
    ? `The child is ${age}: private fostering is for disabled children under 18`
    : `The child is ${age}: private fostering is for children under 16 (under 18 if disabled, and their record shows no disability)`;
}

/** A close relative caring for a child is not private fostering, however long it lasts. */
export function relationshipProblem(relationship: string): string | null {
  const known = RELATIONSHIPS[relationship];
  if (!known) return 'Select how the carer is related to the child';
  if (known.closeRelative) {
    return `${known.label} is a close relative: a child living with a close relative is not privately fostered. Do not record this as private fostering; if there are concerns, make a referral to children’s social care.`;
  }
  return null;
}

/**
 * When the next visit is due: 7 working days from the notification until the first visit, then 6 weeks from each
 * visit while the arrangement is in its first year, 12 weeks once it has run a year. The first year is counted
 * from the start of the arrangement (or the notification, if that was later: the authority did not know before).
 */
export function nextVisitDue(a: { notifiedOn: string; startDate: string }, lastVisit: string | null): string {
  if (!lastVisit) return addWorkingDays(a.notifiedOn, FIRST_VISIT_WORKING_DAYS);
  const from = a.startDate > a.notifiedOn ? a.startDate : a.notifiedOn;
  const firstYearEnds = addMonths(from, 12);
  return addCalendarDays(lastVisit, lastVisit < firstYearEnds ? FIRST_YEAR_INTERVAL_DAYS : LATER_INTERVAL_DAYS);
}

export type VisitClock = { due: string; status: ClockStatus } | null;

/** The visit clock as shown today; an ended arrangement has none. */
export function visitClock(a: { notifiedOn: string; startDate: string; endedOn: string | null }, lastVisit: string | null, today: string): VisitClock {
  if (a.endedOn) return null;
  const due = nextVisitDue(a, lastVisit);
  return { due, status: clockStatus(due, today) };
}

