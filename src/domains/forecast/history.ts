/**
 * The history the model is fitted to: for each month of the reference window, the children in each age band and state
 * at its start and where each of them was at its end, read from the services' records (repository.ts) and put together
 * in one pass over the children ever known in the window. The conventions, so the model and the records agree:
 * - A state on a day is the most intensive service open that day (a spell is open from its start up to, not on, the
 *   day it ends): care by placement, CP plan, CIN episode, care leaver, early help. From 18 only care leavers count.
 * - The population of a band is the counted children of that age on the day (figures/repository.ts counts the same
 *   children); the pool (not known) is the population less the known children. Nobody is in the 18+ pool: that band
 *   holds care leavers only, so a record opened after 18 for someone not known at the month's start is not an entry.
 * - Transitions are counted by the band at the month's start. A child born during the month starts it in the under-1
 *   pool, so babies who come into care in their first weeks count as entries. A child who dies leaves for the pool.
 * - Turning 18 is the model's ageing step (care becomes care leaver, everything else leaves), so a child who turns 18
 *   during the month is followed only up to the day before the birthday: the records' own move at 18 is not counted a
 *   second time as a transition.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { monthEndAfter } from './month-ends.ts';
// Flat arrays are laid out as the model's (flow.ts): [band][state] and [band][from][to], the pool last; a month's
// moves have the same shape as rates.
import { BANDS, K, flatToCounts, flatToRates } from './flow.ts';
import { ADULT_BAND, BAND_16_17, type ChildSpells, EIGHTEEN_YEARS, NOT_COUNTED, POOL, bandIndexAt, countedOn, dayNumber, groupSpells, stateIndexAt } from './month-states.ts';
import { readBirthsAndDeaths, readServiceSpells } from './repository.ts';
import { STATES, type History, type ObservedMonth, type State } from './types.ts';

/** A reference window longer than this is refused: ten years of months is more history than any fit needs. */
export const MAX_REFERENCE_MONTHS = 120;

/** The last day of the month `date` falls in. */
const monthEndOf = (date: string): string => monthEndAfter(date, 0);
export const isMonthEnd = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && monthEndOf(date) === date;

/**
 * The latest month end whose records are complete on `today`: the last day of the previous month. A month end that is
 * today is not yet over, so its states could still change.
 */
export function latestMonthEnd(today: string): string {
  return monthEndAfter(today, -1);
}

/** The month ends from `referenceMonths` before the cut-off to the cut-off: one more than the months (each month's start). */
function windowMonthEnds(cutOff: string, referenceMonths: number): string[] {
  return Array.from({ length: referenceMonths + 1 }, (_, k) => monthEndAfter(cutOff, k - referenceMonths));
}

export async function readHistory(db: Kysely<Database>, options: { cutOff: string; referenceMonths: number }): Promise<History> {
  const { cutOff, referenceMonths } = options;
  if (!isMonthEnd(cutOff)) throw new BadRequestError(`The cut-off must be the last day of a month, not ${cutOff}.`);
  if (!Number.isInteger(referenceMonths) || referenceMonths < 1 || referenceMonths > MAX_REFERENCE_MONTHS) {
    throw new BadRequestError(`The reference window must be from 1 to ${MAX_REFERENCE_MONTHS} months.`);
  }
  const ends = windowMonthEnds(cutOff, referenceMonths);
  const days = ends.map(dayNumber);
  const { spells, children } = await readServiceSpells(db, ends[0]!, cutOff);
  // Anyone born on or before this was 18 by the window's first month end: not in any band's population.
  const births = await readBirthsAndDeaths(db, addMonths(ends[0]!, -18 * 12), cutOff);

  const { population, bornDuring } = populationByMonth(births, days);
  const { known, moves } = observeKnownChildren(groupSpells(children, spells), days);

  // The known children at month end k with each band's pool beside them; 18_plus has none (see the top of the file).
  const countsAt = (k: number, extraBabies: number): Float64Array => {
    const counts = known[k]!.slice();
    for (let band = 0; band < ADULT_BAND; band++) {
      let knownInBand = 0;
      for (let s = 0; s < POOL; s++) knownInBand += counts[band * K + s]!;
      counts[band * K + POOL] = population[k]![band]! - knownInBand + (band === 0 ? extraBabies : 0);
    }
    return counts;
  };
  const months: ObservedMonth[] = [];
  for (let k = 1; k < days.length; k++) {
    const start = countsAt(k - 1, bornDuring[k]!);
    const transitions = moves[k]!;
    // The pool children who entered no service stayed in the pool.
    for (let band = 0; band < BANDS; band++) {
      let entries = 0;
      for (let s = 0; s < POOL; s++) entries += transitions[(band * K + POOL) * K + s]!;
      transitions[(band * K + POOL) * K + POOL] = start[band * K + POOL]! - entries;
    }
    months.push({ monthEnd: ends[k]!, start: flatToCounts(start), transitions: flatToRates(transitions) });
  }
  return { cutOff, months, atCutOff: flatToCounts(countsAt(referenceMonths, 0)) };
}

/** Children in each state (all bands together, care leavers of 18 and over included) at each of the month ends. */
export async function readActualCounts(db: Kysely<Database>, monthEnds: string[]): Promise<{ monthEnd: string; counts: Record<State, number> }[]> {
  if (monthEnds.length === 0) return [];
  const sorted = [...monthEnds].sort();
  const { spells, children } = await readServiceSpells(db, sorted[0]!, sorted.at(-1)!);
  const days = monthEnds.map(dayNumber);
  const totals = days.map(() => new Array<number>(STATES.length).fill(0));
  for (const child of groupSpells(children, spells)) {
    days.forEach((day, k) => {
      const state = stateIndexAt(child, day);
      if (state !== NOT_COUNTED && state !== POOL) totals[k]![state]! += 1;
    });
  }
  return monthEnds.map((monthEnd, k) => ({ monthEnd, counts: Object.fromEntries(STATES.map((s, i) => [s, totals[k]![i]!])) as Record<State, number> }));
}

/** Children of each band (under 18) alive at each month end, and the children born during each month. */
function populationByMonth(births: { dateOfBirth: string; dateOfDeath: string | null; children: number }[], days: number[]) {
  const population = days.map(() => new Float64Array(BANDS));
  const bornDuring = days.map(() => 0);
  for (const row of births) {
    const child = { birth: dayNumber(row.dateOfBirth), death: row.dateOfDeath ? dayNumber(row.dateOfDeath) : Infinity };
    days.forEach((day, k) => {
      if (countedOn(child, day)) {
        const band = bandIndexAt(child.birth, day);
        if (band !== ADULT_BAND) population[k]![band]! += row.children;
      }
      if (k > 0 && child.birth > days[k - 1]! && child.birth <= day) bornDuring[k]! += row.children;
    });
  }
  return { population, bornDuring };
}

/**
 * One pass over the known children: each one's state at every month end, counted by band (`known[k]`, laid out
 * [band][state]), and each month's move from its start to its end (`moves[k]`, [band][from][to]; nothing for month 0,
 * which is only the first month's start). Moves from the pool to the pool are left for the caller to work out.
 */
function observeKnownChildren(children: ChildSpells[], days: number[]) {
  const known = days.map(() => new Float64Array(BANDS * K));
  const moves = days.map(() => new Float64Array(BANDS * K * K));
  for (const child of children) {
    const states = days.map((day) => stateIndexAt(child, day));
    states.forEach((state, k) => {
      if (state !== NOT_COUNTED && state !== POOL) known[k]![bandIndexAt(child.birth, days[k]!) * K + state]! += 1;
    });
    for (let k = 1; k < days.length; k++) {
      const before = days[k - 1]!;
      const end = days[k]!;
      let from = states[k - 1]!;
      let band: number;
      if (from === NOT_COUNTED) {
        // Born during the month: in the under-1 pool at its start. Otherwise not yet born, or died before it.
        if (!(child.birth > before && child.birth <= end)) continue;
        from = POOL;
        band = 0;
      } else {
        band = bandIndexAt(child.birth, before);
      }
      const eighteenth = child.birth + EIGHTEEN_YEARS;
      const to = band === BAND_16_17 && eighteenth <= end ? stateIndexAt(child, eighteenth - 1) : states[k]!;
      // Died during the month: gone to the pool, as any other exit.
      const toOrPool = to === NOT_COUNTED ? POOL : to;
      if (from === POOL && (toOrPool === POOL || band === ADULT_BAND)) continue;
      moves[k]![(band * K + from) * K + toOrPool]! += 1;
    }
  }
  return { known, moves };
}
