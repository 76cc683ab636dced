import { ukDate } from './working-days.ts';

/**
 * Moments typed as UK wall-clock time (a date and "14:30"), and shown back the same way. Stored as timestamptz;
 * Europe/London is GMT in winter and BST (UTC+1) in summer, so the same wall-clock time is a different instant
 * across a clock change.
 */

const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The UK wall-clock date and time of a moment: { date: '2026-10-25', time: '01:30' }. */
export function ukWallClock(moment: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(moment).map((x) => [x.type, x.value]));
  return { date: ukDate(moment), time: `${p.hour}:${p.minute}` };
}

/**
 * The moment a UK date and time name. When the clocks go back (the last Sunday of October) 01:00–01:59 happens
 * twice: the earlier (BST) one is taken, as someone writing it down that night most likely meant. When they go
 * forward (the last Sunday of March) 01:00–01:59 does not exist: null.
 */
export function ukMoment(date: string, time: string): Date | null {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // Try BST (UTC+1) first, then GMT: the first whose UK wall clock reads back as typed.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const back = ukWallClock(candidate);
    if (back.date === date && back.time === `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`) return candidate;
  }
  return null;
}

/**
 * A time of day as typed ("14:30", "9.05", "2:30pm", "0930") → 'HH:MM', or null when it is not a real time.
 */
export function parseTimeOfDay(typed: string): string | null {
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?$/i.exec(typed.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (!match[2] && !half) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
