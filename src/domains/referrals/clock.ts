import { type ClockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';

/**
 * The assessment's 45-working-day clock, counted from the referral (day 0), as a worker and a manager read it:
 * working days gone, working days left, and where it stands. It turns amber at the local warning point (35
 * working days), not just the day before, so there is time to act; an authorised assessment stops the clock.
 */
export interface AssessmentClock {
  due: string;
  warningFrom: string;
  elapsed: number;
  /** Working days left until the due date (negative once overdue). */
  remaining: number;
  status: ClockStatus;
  /** Authorised within the timescale (only once authorised). */
  onTime: boolean | null;
  text: string;
  colour: string;
}

export function assessmentClock(referralDate: string, due: string, today: string, authorisedDate: string | null = null): AssessmentClock {
  const warningFrom = dueDate('assessmentWarning', referralDate);
  const end = authorisedDate ?? today;
  const elapsed = Math.max(0, workingDaysBetween(referralDate, end));
  const remaining = workingDaysBetween(end, due);
  if (authorisedDate) {
    const onTime = authorisedDate <= due;
    return { due, warningFrom, elapsed, remaining, status: onTime ? 'on_track' : 'overdue', onTime, text: onTime ? 'Completed in time' : 'Completed late', colour: onTime ? 'green' : 'red' };
  }
  const status: ClockStatus = today > due ? 'overdue' : today >= warningFrom ? 'due' : 'on_track';
  const text = { overdue: 'Overdue', due: 'Due soon', on_track: 'On track' }[status];
  const colour = { overdue: 'red', due: 'yellow', on_track: 'green' }[status];
  return { due, warningFrom, elapsed, remaining, status, onTime: null, text, colour };
}

/** "12 working days left", "Due today", "3 working days overdue". */
export function describeRemaining(clock: AssessmentClock): string {
  if (clock.onTime !== null) return `${clock.elapsed} working ${clock.elapsed === 1 ? 'day' : 'days'} from the referral`;
  if (clock.status === 'overdue' && clock.remaining >= 0) return 'Overdue';
  if (clock.remaining === 0) return 'Due today';
  const n = Math.abs(clock.remaining);
  return `${n} working ${n === 1 ? 'day' : 'days'} ${clock.remaining > 0 ? 'left' : 'overdue'}`;
}
