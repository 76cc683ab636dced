import type { CareLeaverEligibility } from '../../db/types-social-care.ts';
import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { birthdayAt } from './oc3.ts';

export type Clock = { due: string; status: ClockStatus } | null;

/**
 * The pathway plan clock: the first plan (built on the needs assessment) by 16 years 3 months, or 3 months after
 * the young person became a care leaver if that was later; then a review every 6 months (the date each plan
 * set). Qualifying care leavers are entitled to advice and assistance, not a pathway plan: no clock.
 */
export function pathwayPlanClock(r: { eligibility: CareLeaverEligibility; openedOn: string; dateOfBirth: string | null; closedOn: string | null }, latestPlan: { next_review_due: string } | null, today: string): Clock {
  if (r.closedOn || r.eligibility === 'qualifying') return null;
  if (latestPlan) return { due: latestPlan.next_review_due, status: clockStatus(latestPlan.next_review_due, today) };
  const sixteenth = r.dateOfBirth ? birthdayAt(r.dateOfBirth, 16) : r.openedOn;
  const due = dueDate('pathwayPlan', sixteenth > r.openedOn ? sixteenth : r.openedOn);
  return { due, status: clockStatus(due, today) };
}

/** Keeping in touch: every 8 weeks from the last contact, or from the record opening. */
export function contactClock(r: { openedOn: string; closedOn: string | null }, lastContact: { contact_date: string } | null, today: string): Clock {
  if (r.closedOn) return null;
  const due = dueDate('careLeaverContact', lastContact?.contact_date ?? r.openedOn);
  return { due, status: clockStatus(due, today) };
}
