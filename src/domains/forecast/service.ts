/**
 * The forecast put together: the history read from the records (history.ts), the model fitted and projected
 * (model.ts), each scenario beside the baseline, and the backtest scored against what the records went on to show.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { scoreBacktest } from './backtest.ts';
import { latestMonthEnd, readActualCounts, readHistory } from './history.ts';
import { forecast } from './model.ts';
import { monthEndAfter } from './month-ends.ts';
import type { BacktestResult, Counts, Forecast, Scenario } from './types.ts';

/** The backtest compares a year's forecast with the records unless told otherwise. */
export const DEFAULT_BACKTEST_HORIZON = 12;

export interface ForecastResult {
  history: { cutOff: string; referenceMonths: number; atCutOff: Counts };
  baseline: Forecast;
  scenarios: { scenario: Scenario; forecast: Forecast }[];
}

/** A cut-off after the latest complete month end would forecast from records that are not yet all written. */
function checkCutOff(cutOff: string, latest: string): void {
  if (cutOff > latest) throw new BadRequestError(`The cut-off must be a month end that has passed: ${latest} or earlier.`);
}

/**
 * The baseline forecast from the records up to the cut-off (the latest complete month end unless given), and each
 * scenario's. Every forecast draws the same reference months (one seed), so a scenario differs from the baseline
 * only by its adjustments, never by the luck of the draw.
 */
export async function buildForecast(
  db: Kysely<Database>,
  options: { cutOff?: string; referenceMonths: number; months: number; draws?: number; scenarios: Scenario[]; today?: string },
): Promise<ForecastResult> {
  const latest = latestMonthEnd(options.today ?? ukToday());
  const cutOff = options.cutOff ?? latest;
  checkCutOff(cutOff, latest);
  const history = await readHistory(db, { cutOff, referenceMonths: options.referenceMonths });
  const settings = { months: options.months, ...(options.draws === undefined ? {} : { draws: options.draws }) };
  return {
    history: { cutOff, referenceMonths: options.referenceMonths, atCutOff: history.atCutOff },
    baseline: forecast(history, settings),
    scenarios: options.scenarios.map((scenario) => ({ scenario, forecast: forecast(history, { ...settings, adjustments: scenario.adjustments }) })),
  };
}

/**
 * Fits on the `referenceMonths` up to the cut-off, forecasts the `horizon` months after it and scores the forecast
 * against the records of those months. Every month of the horizon must have passed, or the comparison would be with
 * records still being written.
 */
export async function runBacktest(
  db: Kysely<Database>,
  options: { cutOff: string; referenceMonths: number; horizon?: number; today?: string },
): Promise<BacktestResult> {
  const horizon = options.horizon ?? DEFAULT_BACKTEST_HORIZON;
  if (!Number.isInteger(horizon) || horizon < 1) throw new BadRequestError('The backtest must forecast at least one month.');
  const latest = latestMonthEnd(options.today ?? ukToday());
  const lastCutOff = monthEndAfter(latest, -horizon);
  if (options.cutOff > lastCutOff) {
    throw new BadRequestError(`A backtest needs the ${horizon} months after its cut-off to have passed: choose a cut-off of ${lastCutOff} or earlier.`);
  }
  const history = await readHistory(db, { cutOff: options.cutOff, referenceMonths: options.referenceMonths });
  const predicted = forecast(history, { months: horizon });
  const actual = await readActualCounts(db, predicted.months.map((m) => m.monthEnd));
  return scoreBacktest(options.cutOff, predicted, actual);
}
