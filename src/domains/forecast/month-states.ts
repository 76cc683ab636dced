/**
 * Where a child stands on a given day — which service, which age band — worked out in memory from the spells the
 * repository reads. Dates are yyyymmdd numbers here: they order like the dates, compare far faster than strings over
 * hundreds of thousands of children, and whole years of age are simply (day − birth) / 10000 rounded down (a child
 * born on 29 February turns a year older on 1 March in other years, as PostgreSQL's age() has it).
 */
import { POOL } from './flow.ts';
import { careStateOfPlacement } from './placements.ts';
import type { KnownChild, ServiceSpell } from './repository.ts';
import { AGE_BANDS, STATES, type AgeBand, type State } from './types.ts';

/** States by index, most intensive first (the order of STATES); the pool (not known) comes after them all. */
export { POOL };
/** Not counted on that day at all: not yet born, or died. */
export const NOT_COUNTED = -1;
const CARE_LEAVER = STATES.indexOf('care_leaver');
export const ADULT_BAND = AGE_BANDS.indexOf('18_plus');
export const BAND_16_17 = AGE_BANDS.indexOf('16_17');
/** Added to a date of birth, the day a child turns 18 (as a yyyymmdd number). */
export const EIGHTEEN_YEARS = 180_000;

export const dayNumber = (iso: string): number => Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

/** The age band (an index into AGE_BANDS) of someone born on `birth` on `day`; the day must not be before the birth. */
export function bandIndexAt(birth: number, day: number): number {
  const age = Math.floor((day - birth) / 10_000);
  if (age < 1) return 0;
  if (age < 5) return 1;
  if (age < 10) return 2;
  if (age < 16) return 3;
  if (age < 18) return 4;
  return ADULT_BAND;
}

export const bandAt = (birth: string, day: string): AgeBand => AGE_BANDS[bandIndexAt(dayNumber(birth), dayNumber(day))]!;

interface Spell {
  state: number;
  start: number;
  /** The day the spell ended, on which it is no longer open; Infinity while open. */
  end: number;
}

export interface ChildSpells {
  birth: number;
  /** Infinity while alive. */
  death: number;
  spells: Spell[];
}

/** Each known child's spells, with care episodes already turned into their care state by placement. */
export function groupSpells(children: KnownChild[], spells: ServiceSpell[]): ChildSpells[] {
  const byPerson = new Map<string, ChildSpells>();
  for (const c of children) {
    byPerson.set(c.personId, { birth: dayNumber(c.dateOfBirth), death: c.dateOfDeath ? dayNumber(c.dateOfDeath) : Infinity, spells: [] });
  }
  for (const s of spells) {
    const state: State = s.service === 'care' ? careStateOfPlacement(s.placementType ?? '', s.placementProvider) : s.service;
    byPerson.get(s.personId)!.spells.push({ state: STATES.indexOf(state), start: dayNumber(s.start), end: s.end ? dayNumber(s.end) : Infinity });
  }
  return [...byPerson.values()];
}

/** Counted on `day`: born by it and not died on or before it. */
export const countedOn = (child: { birth: number; death: number }, day: number): boolean => child.birth <= day && day < child.death;

/**
 * The child's state on `day` (an index into STATES, or POOL), or NOT_COUNTED. The most intensive spell open that day
 * wins; from 18 only a care leaver's spell counts, any other service still open being outside the forecast.
 */
export function stateIndexAt(child: ChildSpells, day: number): number {
  if (!countedOn(child, day)) return NOT_COUNTED;
  const adult = day - child.birth >= EIGHTEEN_YEARS;
  let best = POOL;
  for (const s of child.spells) {
    if (s.state < best && s.start <= day && day < s.end && (!adult || s.state === CARE_LEAVER)) best = s.state;
  }
  return best;
}
