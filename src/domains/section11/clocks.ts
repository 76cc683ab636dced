import type { ClockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';

/** Returns show as due from two weeks before the deadline, so agencies have time to gather evidence. */
export const DUE_SOON_DAYS = 14;

/**
 * Where a return stands against its round's deadline today: nothing once submitted or once the round has closed
 * (it can no longer be answered), otherwise overdue, due soon or on track. Never stored.
 */
export function returnClock(r: { status: string; due_on: string; opens_on: string; closed_on: string | null }, today: string): ClockStatus | null {
  if (r.status === 'submitted' || r.closed_on || r.opens_on > today) return null;
  if (today > r.due_on) return 'overdue';
  return addCalendarDays(today, DUE_SOON_DAYS) >= r.due_on ? 'due' : 'on_track';
}

/** A round can be answered from its opening day until it is closed. */
export const isOpen = (round: { opens_on: string; closed_on: string | null }, today: string) => !round.closed_on && round.opens_on <= today;
