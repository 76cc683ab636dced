/**
 * The population-flow model on flat arrays. The state space is tiny (six bands × ten states) but the bootstrap fits
 * and projects it hundreds of times, so the maths works on Float64Arrays rather than nested records; model.ts turns
 * the records of types.ts into these arrays and back.
 *
 * Layout: counts[band * K + state]; rates[(band * K + from) * K + to]; states in KEYS order, the pool last.
 */
import { AGE_BANDS, BAND_MONTHS, NOT_KNOWN, STATES, type Counts, type ObservedMonth, type Rates, type State, type StateOrPool } from './types.ts';

export const KEYS: readonly StateOrPool[] = [...STATES, NOT_KNOWN];
/** How many states, pool included: the width of a rates row. */
export const K = KEYS.length;
export const POOL = KEYS.indexOf(NOT_KNOWN);
export const BANDS = AGE_BANDS.length;
export const COUNTS_SIZE = BANDS * K;
export const RATES_SIZE = BANDS * K * K;

/** The five placement types that make up "in care". */
export const CARE_STATES: readonly State[] = [
  'care_residential',
  'care_fostering_agency',
  'care_fostering_in_house',
  'care_kinship',
  'care_other',
];
const CARE_LEAVER = KEYS.indexOf('care_leaver');
const ADULT_BAND = AGE_BANDS.indexOf('18_plus');
/**
 * Who is still counted on turning 18: children in care become care leavers, and care leavers stay so. Everyone else
 * (children in need, on plans, in early help, and the pool) leaves the forecast, which counts no other adults.
 */
const STAYS_ON_AT_18: readonly boolean[] = KEYS.map((key) => key === 'care_leaver' || (CARE_STATES as readonly string[]).includes(key));
const BAND_WIDTHS: readonly (number | null)[] = AGE_BANDS.map((band) => BAND_MONTHS[band]);

export const keyIndex = (key: StateOrPool): number => KEYS.indexOf(key);

export function countsToFlat(counts: Counts): Float64Array {
  const flat = new Float64Array(COUNTS_SIZE);
  AGE_BANDS.forEach((band, b) => KEYS.forEach((key, s) => (flat[b * K + s] = counts[band][key])));
  return flat;
}

export function flatToCounts(flat: Float64Array): Counts {
  return Object.fromEntries(
    AGE_BANDS.map((band, b) => [band, Object.fromEntries(KEYS.map((key, s) => [key, flat[b * K + s]!]))]),
  ) as Counts;
}

export function ratesToFlat(rates: Rates): Float64Array {
  const flat = new Float64Array(RATES_SIZE);
  AGE_BANDS.forEach((band, b) =>
    KEYS.forEach((from, f) => KEYS.forEach((to, t) => (flat[(b * K + f) * K + t] = rates[band][from][to]))),
  );
  return flat;
}

export function flatToRates(flat: Float64Array): Rates {
  return Object.fromEntries(
    AGE_BANDS.map((band, b) => [
      band,
      Object.fromEntries(KEYS.map((from, f) => [from, Object.fromEntries(KEYS.map((to, t) => [to, flat[(b * K + f) * K + t]!]))])),
    ]),
  ) as Rates;
}

/** One observed month as flat arrays, so resampled months can be added up without walking records. */
export interface FlatMonth {
  starts: Float64Array;
  moves: Float64Array;
}

export function flattenMonth(month: ObservedMonth): FlatMonth {
  const moves = new Float64Array(RATES_SIZE);
  AGE_BANDS.forEach((band, b) =>
    KEYS.forEach((from, f) => KEYS.forEach((to, t) => (moves[(b * K + f) * K + t] = month.transitions[band][from][to]))),
  );
  return { starts: countsToFlat(month.start), moves };
}

/**
 * Pooled monthly rates: moves from→to over the months picked (indices into `months`, repeats allowed) divided by the
 * children in `from` at the starts of those months. Children counted at a start whose move was not recorded (the
 * pool staying put, typically) are taken to have stayed; should the recorded moves outnumber the starts, the moves
 * themselves are the denominator so that no row sums to more than 1. A row with nobody in it stays put.
 */
export function fitFlat(months: readonly FlatMonth[], picks?: ArrayLike<number>): Float64Array {
  const starts = new Float64Array(COUNTS_SIZE);
  const moves = new Float64Array(RATES_SIZE);
  const count = picks ? picks.length : months.length;
  for (let i = 0; i < count; i++) {
    const month = months[picks ? picks[i]! : i]!;
    for (let j = 0; j < COUNTS_SIZE; j++) starts[j]! += month.starts[j]!;
    for (let j = 0; j < RATES_SIZE; j++) moves[j]! += month.moves[j]!;
  }
  const rates = new Float64Array(RATES_SIZE);
  for (let row = 0; row < COUNTS_SIZE; row++) {
    const from = row % K;
    let recorded = 0;
    for (let to = 0; to < K; to++) recorded += moves[row * K + to]!;
    const denominator = Math.max(starts[row]!, recorded);
    if (denominator <= 0) {
      rates[row * K + from] = 1;
      continue;
    }
    let leaving = 0;
    for (let to = 0; to < K; to++) {
      if (to === from) continue;
      const rate = moves[row * K + to]! / denominator;
      rates[row * K + to] = rate;
      leaving += rate;
    }
    rates[row * K + from] = Math.max(0, 1 - leaving);
  }
  return rates;
}

/** Each band's population (everyone counted in it, pool included): the model holds it at the start's level. */
export function populations(start: Float64Array): Float64Array {
  const population = new Float64Array(BANDS);
  for (let b = 0; b < BANDS; b++) for (let s = 0; s < K; s++) population[b]! += start[b * K + s]!;
  return population;
}

/** One month: everyone moves by their band's rates, then ages, then each band's pool is refilled to its population. */
export function stepMonth(current: Float64Array, rates: Float64Array, population: Float64Array): Float64Array {
  const moved = new Float64Array(COUNTS_SIZE);
  for (let row = 0; row < COUNTS_SIZE; row++) {
    const children = current[row]!;
    if (children === 0) continue;
    const base = row - (row % K);
    for (let to = 0; to < K; to++) moved[base + to]! += children * rates[row * K + to]!;
  }
  const next = moved.slice();
  for (let b = 0; b < BANDS; b++) {
    const width = BAND_WIDTHS[b];
    if (width == null) continue;
    // The pool is not aged: it is refilled from the band's population below, which the model holds steady.
    for (let s = 0; s < K; s++) {
      if (s === POOL) continue;
      const ageing = moved[b * K + s]! / width;
      if (ageing === 0) continue;
      next[b * K + s]! -= ageing;
      if (b + 1 !== ADULT_BAND) next[(b + 1) * K + s]! += ageing;
      else if (STAYS_ON_AT_18[s]) next[ADULT_BAND * K + CARE_LEAVER]! += ageing;
    }
  }
  for (let b = 0; b < BANDS; b++) {
    let known = 0;
    for (let s = 0; s < K; s++) {
      // Rates that are not probabilities (hand-made ones) could push a count below zero; nobody is fewer than none.
      if (next[b * K + s]! < 0) next[b * K + s] = 0;
      if (s !== POOL) known += next[b * K + s]!;
    }
    // Known children can outgrow a band's population (care leavers arriving in 18_plus): the pool is then empty.
    next[b * K + POOL] = Math.max(0, population[b]! - known);
  }
  return next;
}

/** The month ends after `start`, one per month: counts by band and state in the flat layout. */
export function projectFlat(start: Float64Array, rates: Float64Array, months: number): Float64Array[] {
  const population = populations(start);
  const path: Float64Array[] = [];
  let current = start;
  for (let m = 0; m < months; m++) {
    current = stepMonth(current, rates, population);
    path.push(current);
  }
  return path;
}
