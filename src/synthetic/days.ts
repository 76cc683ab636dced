import { addWorkingDays } from '../platform/calendar/working-days.ts';

/**
 * The model works in whole days (days since 1970-01-01) because it adds and compares dates millions of times;
 * it turns them into 'YYYY-MM-DD' only when it writes a spell.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export const dayOf = (iso: string): Day => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
export const isoOf = (day: Day): string => new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
/** A moment on a day, at a given hour (UTC), for the records kept as moments. */
export const momentOf = (day: Day, hour: number): Date => new Date(Math.floor(day) * MS_PER_DAY + hour * 3_600_000);
export const workingDaysAfter = (day: Day, days: number): Day => dayOf(addWorkingDays(isoOf(day), days));
export const YEAR = 365.25;
export const MONTH = YEAR / 12;
/** Working days never reach before 2010: the earliest a synthetic record may start. */
export const EARLIEST: Day = dayOf('2010-01-04');
