import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';

export type Clock = { due: string; status: ClockStatus };

/** The initial consideration clock while it runs; once decided, how long it took against the 1 working day. */
export function considerationClock(c: { consideration_due: string; decided_on: string | null; received_on: string }, today: string) {
  if (!c.decided_on) return { running: { due: c.consideration_due, status: clockStatus(c.consideration_due, today) } as Clock, taken: null };
  return { running: null, taken: { workingDays: workingDaysBetween(c.received_on, c.decided_on), inTime: c.decided_on <= c.consideration_due } };
}

/** Working days from receipt to closure (or to today while open). */
export const durationOf = (c: { received_on: string; closed_on: string | null }, today: string) => workingDaysBetween(c.received_on, c.closed_on ?? today);

/** An open meeting action's clock (none once done). */
export const actionClock = (a: { due_on: string; done_on: string | null }, today: string): Clock | null => (a.done_on ? null : { due: a.due_on, status: clockStatus(a.due_on, today) });
