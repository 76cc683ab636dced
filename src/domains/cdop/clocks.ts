import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';

export type Clock = { due: string; status: ClockStatus };

/** The date an agency's reply is usually due (a local standard in the timescales table); the manager may agree another. */
export const returnDueFrom = (requestedOn: string) => dueDate('cdopAgencyReturn', requestedOn);

/** An outstanding request's clock (none once the agency has replied). */
export const returnClock = (r: { due_on: string; returned_on: string | null }, today: string): Clock | null => (r.returned_on ? null : { due: r.due_on, status: clockStatus(r.due_on, today) });

/** Calendar days from one date to another, as the national reports count time from death to review. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
