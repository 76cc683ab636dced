import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { workingDaysBetween } from '../../platform/calendar/working-days.ts';
import { notificationDue, rapidReviewDue } from './labels.ts';

export type Clock = { due: string; status: ClockStatus };
export type Timescale = { running: Clock | null; taken: { workingDays: number; inTime: boolean } | null };

type Row = { aware_on: string; notified_on: string | null; rapid_review_held_on: string | null };

/** A clock while it runs; once the step is done, how long it took against its timescale. Not notified after the rapid review: neither. */
function timescale(start: string, due: string, doneOn: string | null, stopped: boolean, today: string): Timescale {
  if (doneOn) return { running: null, taken: { workingDays: workingDaysBetween(start, doneOn), inTime: doneOn <= due } };
  return stopped ? { running: null, taken: null } : { running: { due, status: clockStatus(due, today) }, taken: null };
}

/** The national panel notification: 5 working days from the partnership becoming aware. */
export const notificationClock = (r: Row, today: string) => timescale(r.aware_on, notificationDue(r), r.notified_on, Boolean(r.rapid_review_held_on), today);

/** The rapid review: 15 working days from the notification. */
export const rapidReviewClock = (r: Row, today: string) => timescale(r.notified_on ?? r.aware_on, rapidReviewDue(r), r.rapid_review_held_on, false, today);
