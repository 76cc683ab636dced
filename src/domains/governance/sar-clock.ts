import { type ClockStatus, clockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays, addMonths, isWorkingDay } from '../../platform/calendar/working-days.ts';

/**
 * The statutory clock of a subject access request, as the ICO's guidance on time limits sets it:
 * - it starts on the day the request is received and ends on the corresponding day a calendar month later; where
 *   that month has no such day (31 January), on its last day (28 or 29 February);
 * - it may be extended by up to two further months for complex or numerous requests, counted from receipt, not
 *   from the first due date (31 January + 3 months is 30 April);
 * - it is paused while the organisation waits, with good reason, for the requester's identity or clarification:
 *   the days paused are added once the information arrives;
 * - a deadline on a weekend or bank holiday moves to the next working day.
 */
export interface SarClockInput {
  receivedOn: string;
  extensionMonths: number;
  pausedOn: string | null;
  resumedOn: string | null;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function sarDueOn(input: SarClockInput): string {
  let due = addMonths(input.receivedOn, 1 + input.extensionMonths);
  if (input.pausedOn && input.resumedOn) due = addCalendarDays(due, daysBetween(input.pausedOn, input.resumedOn));
  while (!isWorkingDay(due)) due = addCalendarDays(due, 1);
  return due;
}

export type SarClock =
  | { state: 'paused'; since: string }
  | { state: 'running'; due: string; status: ClockStatus }
  | { state: 'stopped' };

/** Where the clock stands today: stopped once the request is answered or closed, paused while waiting. */
export function sarClock(request: SarClockInput & { status: string; dueOn: string }, today: string): SarClock {
  if (['disclosed', 'withdrawn', 'refused'].includes(request.status)) return { state: 'stopped' };
  if (request.pausedOn && !request.resumedOn) return { state: 'paused', since: request.pausedOn };
  return { state: 'running', due: request.dueOn, status: clockStatus(request.dueOn, today) };
}
