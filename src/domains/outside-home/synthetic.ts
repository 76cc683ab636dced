import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import type { Journey, MissingSpell, Synthesise, SyntheticContext } from '../../synthetic/types.ts';
import { considerForGroup, eighteenth } from './synthetic-groups.ts';
import { incident } from './synthetic-incidents.ts';
import { hotSpot, onlinePlace, place, REGISTER_YEARS } from './synthetic-places.ts';

/**
 * Harm outside the home in the synthetic authority, built on the missing episodes and exploitation screenings the
 * missing part writes: a share of returns found at a place of concern in the child's locality (a found-when-missing
 * incident at the moment of the return), and peer groups among the children screened for exploitation, with their
 * places, sightings, associations, adults of concern and MET hub discussions (`synthetic-groups.ts`). Only the last
 * two years are kept, when the register of places began.
 */

/** The share of returns found at a place of concern, by the episode's risk. */
const FOUND_AT_A_PLACE = { low: 0.1, medium: 0.3, high: 0.5 } as const;
const FOUND = [
  'Found here by the police after being reported missing; brought home.',
  'Found here by a patrol in the early hours with older young people.',
  'Staff rang the police when the child was recognised from the missing appeal.',
];
/** Some children found when missing had been talking to people online: a sighting in the group chat too. */
const ONLINE_SHARE = 0.08;

const ends = new Map<string, Date>();
/** The first moment after the last day of the data (as the missing part works it out). */
function endMoment(end: string): Date {
  let at = ends.get(end);
  if (!at) ends.set(end, (at = ukMoment(addCalendarDays(end, 1), '00:00') ?? new Date(`${addCalendarDays(end, 1)}T00:00:00Z`)));
  return at;
}

const later = (a: Date, b: Date) => (a > b ? a : b);

const starts = new Map<string, { since: string; sinceAt: Date }>();
/** The day the register of places began, and its first moment in UK time (worked out once per end date). */
function registerStart(end: string): { since: string; sinceAt: Date } {
  let start = starts.get(end);
  if (!start) {
    const since = addMonths(end, -12 * REGISTER_YEARS);
    starts.set(end, (start = { since, sinceAt: ukMoment(since, '00:00') ?? new Date(`${since}T00:00:00Z`) }));
  }
  return start;
}

/**
 * Each episode the missing part writes with the moment it records the return: the same rule (an episode still
 * open at the next start is closed by it; nothing after the end).
 */
export function returnsOf(journey: Journey, end: string): { spell: MissingSpell; returned: Date | null }[] {
  const endAt = endMoment(end);
  const spells = journey.missing.filter((s) => s.reportedAt < endAt).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return spells.map((spell, i) => {
    const next = spells[i + 1]?.startedAt ?? null;
    let returned = spell.returnedAt && spell.returnedAt < endAt ? later(spell.returnedAt, spell.startedAt) : null;
    if (next && (!returned || returned > next)) returned = later(next, spell.startedAt);
    return { spell, returned };
  });
}

/** The MET hub meetings the panels part writes as held with this child on the agenda (the same rule as its own). */
export function metHubMeetings(journey: Journey, end: string): string[] {
  return journey.panels.filter((p) => p.panel === 'met_hub').flatMap((p) => {
    const closedOn = p.closedOn && p.closedOn <= end ? (p.closedOn < p.referredOn ? p.referredOn : p.closedOn) : null;
    return p.meetingDates.filter((d) => d >= p.referredOn && (!closedOn || d <= closedOn) && d <= end);
  });
}

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  if (!journey.missing.length) return;
  const { rng } = ctx;
  const { since, sinceAt } = registerStart(ctx.end);
  const { child } = journey;
  for (const { spell, returned } of returnsOf(journey, ctx.end)) {
    if (!returned || returned < sinceAt || !rng.chance(FOUND_AT_A_PLACE[spell.risk])) continue;
    const found = place(ctx, child.locality, hotSpot(ctx, rng), since);
    incident(ctx, { place: found, kind: 'found_missing', at: returned, source: 'police', summary: rng.pick(FOUND), children: [child.personId], adults: [], missingEpisodeId: spell.id });
    if (rng.chance(ONLINE_SHARE)) {
      incident(ctx, { place: onlinePlace(ctx, since), kind: 'sighting', at: returned, source: 'child', summary: 'Told the police they had arranged to meet people through a group chat.', children: [child.personId], adults: [] });
    }
  }
  const screenedOn = journey.missing.map((s) => s.screenedOn).filter((on): on is string => on !== null && on >= since && on <= ctx.end).sort().at(-1);
  if (screenedOn) considerForGroup(ctx, { personId: child.personId, screenedOn, adultOn: eighteenth(child.dateOfBirth), locality: child.locality, metHubMeetings: metHubMeetings(journey, ctx.end) }, since);
};
