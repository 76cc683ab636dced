/** Small hand-made counts, observed months, rates and forecasts for the model's tests. */
import { KEYS } from './flow.ts';
import { monthEndAfter } from './month-ends.ts';
import {
  AGE_BANDS,
  STATES,
  type AgeBand,
  type Band5,
  type Counts,
  type Forecast,
  type ObservedMonth,
  type Rates,
  type State,
  type StateOrPool,
} from './types.ts';

type Some<T> = Partial<Record<AgeBand, Partial<Record<StateOrPool, T>>>>;

const byKey = <T>(value: (key: StateOrPool) => T) => Object.fromEntries(KEYS.map((key) => [key, value(key)])) as Record<StateOrPool, T>;

/** Counts with every band and state present: those given, zero elsewhere. */
export function counts(some: Some<number> = {}): Counts {
  return Object.fromEntries(AGE_BANDS.map((band) => [band, byKey((key) => some[band]?.[key] ?? 0)])) as Counts;
}

/** A month observed: its starts and its recorded moves (`moves[band][from][to]`), zero where not given. */
export function observed(monthEnd: string, start: Some<number>, moves: Some<Partial<Record<StateOrPool, number>>>): ObservedMonth {
  return {
    monthEnd,
    start: counts(start),
    transitions: Object.fromEntries(
      AGE_BANDS.map((band) => [band, byKey((from) => byKey((to) => moves[band]?.[from]?.[to] ?? 0))]),
    ) as ObservedMonth['transitions'],
  };
}

/** Everyone stays put, except the rows given, which replace the identity row (and must sum to 1 themselves). */
export function rates(rows: Some<Partial<Record<StateOrPool, number>>> = {}): Rates {
  return Object.fromEntries(
    AGE_BANDS.map((band) => [
      band,
      byKey((from) => {
        const row = rows[band]?.[from];
        return byKey((to) => (row ? (row[to] ?? 0) : from === to ? 1 : 0));
      }),
    ]),
  ) as Rates;
}

export const rowSum = (row: Record<StateOrPool, number>) => KEYS.reduce((sum, key) => sum + row[key], 0);

/** A forecast whose intervals are all the central figure given per month (states not given are 0). */
export function flatForecast(cutOff: string, months: Partial<Record<State, number>>[], inCare = 0): Forecast {
  const point = (n: number): Band5 => ({ p5: n, p25: n, p50: n, p75: n, p95: n });
  return {
    cutOff,
    months: months.map((values, i) => ({
      monthEnd: monthEndAfter(cutOff, i + 1),
      byState: Object.fromEntries(STATES.map((state) => [state, point(values[state] ?? 0)])) as Record<State, Band5>,
      inCare: point(inCare),
    })),
  };
}
