import type { ClockStatus } from '../../platform/calendar/clocks.ts';
import { addCalendarDays, addMonths, ukDate } from '../../platform/calendar/working-days.ts';

/** Three or more episodes in 90 days: the local trigger for a repeat-missing discussion (and a MET hub referral). */
export const REPEAT_EPISODES = 3;
export const REPEAT_WINDOW_DAYS = 90;
/** A clock counted in hours is "due soon" in its last day. */
const DUE_SOON_HOURS = 24;

export interface EpisodeTimes {
  started_at: Date;
  returned_at: Date | null;
  found_where: string | null;
}

export interface MissingPattern {
  last12Months: number;
  last90Days: number;
  /** Hours missing over the last 12 months, an episode still open counted to now. */
  hoursMissing: number;
  /** The places children are most often found, most frequent first (as typed, grouped ignoring case). */
  foundWhere: { place: string; times: number }[];
  repeat: boolean;
}

/** The days an episode's start falls in are UK days: an episode at 00:30 BST on 1 June is a June episode. */
export function missingPattern(episodes: readonly EpisodeTimes[], now: Date): MissingPattern {
  const today = ukDate(now);
  const yearAgo = addMonths(today, -12);
  const ninetyAgo = addCalendarDays(today, -REPEAT_WINDOW_DAYS);
  const inYear = episodes.filter((e) => ukDate(e.started_at) > yearAgo);
  const last90Days = inYear.filter((e) => ukDate(e.started_at) > ninetyAgo).length;
  const ms = inYear.reduce((sum, e) => sum + ((e.returned_at ?? now).getTime() - e.started_at.getTime()), 0);
  const places = new Map<string, { place: string; times: number }>();
  for (const e of episodes) {
    const place = e.found_where?.trim();
    if (!place) continue;
    const key = place.toLowerCase();
    const seen = places.get(key) ?? { place, times: 0 };
    seen.times += 1;
    places.set(key, seen);
  }
  return {
    last12Months: inYear.length,
    last90Days,
    hoursMissing: Math.round(ms / 3_600_000),
    foundWhere: [...places.values()].sort((a, b) => b.times - a.times || a.place.localeCompare(b.place)).slice(0, 3),
    repeat: last90Days >= REPEAT_EPISODES,
  };
}

/** "3 days 4 hours", "5 hours", "40 minutes": how long a child has been missing. */
export function durationText(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days) return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours) return plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/** Where a clock counted in hours stands now: overdue once the moment has passed, due soon in its last 24 hours. */
export function momentStatus(due: Date, now: Date): ClockStatus {
  const left = due.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_HOURS * 3_600_000 ? 'due' : 'on_track';
}

/**
 * The year's figures as the partnership's annual report tabulates them: incidents (episodes) against individuals
 * (children), for all children and for children in care, and how many children went missing once, twice, … .
 */
export function incidentFigures(episodes: readonly { person_id: string; in_care: boolean }[]) {
  const count = (rows: readonly { person_id: string }[]) => ({ incidents: rows.length, individuals: new Set(rows.map((r) => r.person_id)).size });
  const perChild = new Map<string, number>();
  for (const e of episodes) perChild.set(e.person_id, (perChild.get(e.person_id) ?? 0) + 1);
  const bands = ['1', '2', '3', '4', '5 or more'].map((label, i) => ({
    label,
    individuals: [...perChild.values()].filter((n) => (i === 4 ? n >= 5 : n === i + 1)).length,
  }));
  return { all: count(episodes), inCare: count(episodes.filter((e) => e.in_care)), repeatBands: bands };
}
