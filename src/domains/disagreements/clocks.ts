import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';

export type StageClock =
  | { kind: 'running'; due: string; status: ClockStatus }
  | { kind: 'answered'; due: string; on: string; inTime: boolean }
  | { kind: 'ended' };

/** The current stage's response clock: running until the agency it is about answers, stopped when it ends. */
export function stageClock(d: { status: string; stage_due: string; stage_responded_on: string | null }, today: string): StageClock {
  if (d.status !== 'open') return { kind: 'ended' };
  if (d.stage_responded_on) return { kind: 'answered', due: d.stage_due, on: d.stage_responded_on, inTime: d.stage_responded_on <= d.stage_due };
  return { kind: 'running', due: d.stage_due, status: clockStatus(d.stage_due, today) };
}

/** Time taken: working days from raising to the end (or to today while open). */
export const timeTaken = (d: { raised_on: string; closed_on: string | null }, today: string) => workingDaysBetween(d.raised_on, d.closed_on ?? today);
