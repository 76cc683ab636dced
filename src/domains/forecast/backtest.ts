/**
 * How good the model would have been: a forecast fitted on history up to a cut-off, scored against what the records
 * show for the months after it. Errors are mean absolute percentage errors, in percent (12.5 means 12.5%), of the
 * central (p50) forecast.
 */
import { CARE_STATES } from './flow.ts';
import { STATES, type BacktestResult, type Forecast, type State } from './types.ts';

export interface ActualMonth {
  monthEnd: string;
  counts: Record<State, number>;
}

/**
 * Scores the forecast months that have an actual. A month whose actual is 0 has no percentage error and is left out
 * of that state's mean; a state whose actual was always 0 scores null. The overall figure weights each state's error
 * by its actual children over the months, so a large state's miss counts for more than a small one's.
 */
export function scoreBacktest(cutOff: string, forecast: Forecast, actual: ActualMonth[]): BacktestResult {
  const actualByMonth = new Map(actual.map((month) => [month.monthEnd, month.counts]));
  const months = forecast.months.flatMap((month) => {
    const counts = actualByMonth.get(month.monthEnd);
    if (!counts) return [];
    const predicted = Object.fromEntries(STATES.map((state) => [state, month.byState[state].p50])) as Record<State, number>;
    return [{ monthEnd: month.monthEnd, forecast: predicted, actual: { ...counts }, inCare: { forecast: month.inCare.p50, actual: sumOfCare(counts) } }];
  });

  const mapeByState = Object.fromEntries(
    STATES.map((state) => [state, mape(months.map((m) => ({ forecast: m.forecast[state], actual: m.actual[state] })))]),
  ) as Record<State, number | null>;

  let weighted = 0;
  let weights = 0;
  for (const state of STATES) {
    const error = mapeByState[state];
    if (error === null) continue;
    const weight = months.reduce((sum, m) => sum + m.actual[state], 0);
    weighted += error * weight;
    weights += weight;
  }

  return {
    cutOff,
    mapeByState,
    mapeInCare: mape(months.map((m) => m.inCare)),
    mapeOverall: weights > 0 ? weighted / weights : null,
    months: months.map(({ monthEnd, forecast: predicted, actual: counts }) => ({ monthEnd, forecast: predicted, actual: counts })),
  };
}

/** Mean of |forecast − actual| / actual × 100 over the pairs whose actual is not 0; null when there are none. */
export function mape(pairs: readonly { forecast: number; actual: number }[]): number | null {
  const scored = pairs.filter((pair) => pair.actual !== 0);
  if (scored.length === 0) return null;
  return scored.reduce((sum, pair) => sum + Math.abs(pair.forecast - pair.actual) / Math.abs(pair.actual), 0) * (100 / scored.length);
}

function sumOfCare(counts: Record<State, number>): number {
  return CARE_STATES.reduce((sum, state) => sum + counts[state], 0);
}
