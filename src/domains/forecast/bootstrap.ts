/**
 * The forecast with its uncertainty: the reference months are drawn with replacement (a bootstrap), the rates fitted
 * to each draw, adjusted by the scenario and projected from the cut-off; the spread of the draws' paths gives the
 * intervals. Months rather than children are resampled because months differ together (a court backlog, a new
 * threshold), and that shared swing is most of the real uncertainty.
 */
import { Rng } from '../../synthetic/rng.ts';
import { CARE_STATES, K, BANDS, countsToFlat, fitFlat, flattenMonth, keyIndex, projectFlat } from './flow.ts';
import { monthEndAfter } from './month-ends.ts';
import { adjustFlat } from './scenarios.ts';
import { STATES, type Adjustment, type Band5, type Forecast, type History, type State } from './types.ts';

export const DEFAULT_DRAWS = 200;
/** Fixed so that the same history and options always give the same forecast (and the same page, CSV and test). */
export const DEFAULT_SEED = 20_260_401;

/** The figures each draw's path is summarised to: every state, then all in care. */
const SERIES = STATES.length + 1;
const IN_CARE_SERIES = STATES.length;
const STATE_INDEX = STATES.map(keyIndex);
const IN_CARE_INDEX = CARE_STATES.map(keyIndex);

export function forecast(
  history: History,
  options: { months: number; draws?: number; seed?: number; adjustments?: Adjustment[] },
): Forecast {
  const draws = Math.max(1, Math.floor(options.draws ?? DEFAULT_DRAWS));
  const horizon = Math.max(0, Math.floor(options.months));
  const months = history.months.map(flattenMonth);
  const start = countsToFlat(history.atCutOff);
  const rng = Rng.for(options.seed ?? DEFAULT_SEED, 'forecast bootstrap');
  // values[(month * SERIES + series) * draws + draw]
  const values = new Float64Array(horizon * SERIES * draws);
  const picks = new Int32Array(months.length);
  for (let draw = 0; draw < draws; draw++) {
    for (let i = 0; i < picks.length; i++) picks[i] = rng.int(0, months.length - 1);
    const rates = fitFlat(months, picks);
    adjustFlat(rates, options.adjustments ?? []);
    projectFlat(start, rates, horizon).forEach((counts, month) => {
      const at = (series: number) => (month * SERIES + series) * draws + draw;
      STATE_INDEX.forEach((s, series) => (values[at(series)] = totalOverBands(counts, s)));
      values[at(IN_CARE_SERIES)] = IN_CARE_INDEX.reduce((sum, s) => sum + totalOverBands(counts, s), 0);
    });
  }
  const sorted = new Float64Array(draws);
  const band5 = (month: number, series: number): Band5 => {
    const from = (month * SERIES + series) * draws;
    sorted.set(values.subarray(from, from + draws));
    sorted.sort();
    return { p5: quantile(sorted, 0.05), p25: quantile(sorted, 0.25), p50: quantile(sorted, 0.5), p75: quantile(sorted, 0.75), p95: quantile(sorted, 0.95) };
  };
  return {
    cutOff: history.cutOff,
    months: Array.from({ length: horizon }, (_, month) => ({
      monthEnd: monthEndAfter(history.cutOff, month + 1),
      byState: Object.fromEntries(STATES.map((state, series) => [state, band5(month, series)])) as Record<State, Band5>,
      inCare: band5(month, IN_CARE_SERIES),
    })),
  };
}

function totalOverBands(counts: Float64Array, state: number): number {
  let total = 0;
  for (let b = 0; b < BANDS; b++) total += counts[b * K + state]!;
  return total;
}

/** The q-th quantile of sorted values, interpolating between neighbours (the usual "type 7" definition). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
