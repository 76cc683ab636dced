import { addCalendarDays, isWorkingDay } from './working-days.ts';

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
  // Only whether the due day is within one working day matters, so counting stops at two: lists and the inbox
  // read thousands of clocks, some due years ahead, and counting every day to them cost seconds.
  let workingDays = 0;
  for (let day = today; day < due && workingDays < 2; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) workingDays += 1;
  }
  return workingDays <= 1 ? 'due' : 'on_track';
}

const DAY_MS = 86_400_000;

/** Days overdue (calendar days, as managers count them), or 0. */
export function daysOverdue(due: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY_MS));
}
