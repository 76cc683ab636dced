import { addCalendarDays, workingDaysBetween } from './working-days.ts';

/**
 * Where a timescale stands today. Worked out from the due date every time it is shown, never stored, so an item
 * becomes overdue at midnight without anyone touching it.
 *  - overdue: the due day has passed;
 *  - due: due today or on the next working day (amber);
 *  - on_track: further off (green).
 */
export type ClockStatus = 'overdue' | 'due' | 'on_track';

export const CLOCK_LABELS: Record<ClockStatus, { text: string; colour: string }> = {
  overdue: { text: 'Overdue', colour: 'red' },
  due: { text: 'Due soon', colour: 'yellow' },
  on_track: { text: 'On track', colour: 'green' },
};

export function clockStatus(due: string, today: string): ClockStatus {
  if (today > due) return 'overdue';
  return workingDaysBetween(today, due) <= 1 ? 'due' : 'on_track';
}

/** Days overdue (calendar days, as managers count them), or 0. */
export function daysOverdue(due: string, today: string): number {
  let days = 0;
  for (let d = due; d < today; d = addCalendarDays(d, 1)) days += 1;
  return days;
}
