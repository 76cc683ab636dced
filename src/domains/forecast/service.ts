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
import { AGE_BANDS, STATES, type BacktestResult, type Counts, type Forecast, type History, type Scenario, type State } from './types.ts';

/** The backtest compares a year's forecast with the records unless told otherwise. */
export const DEFAULT_BACKTEST_HORIZON = 12;

/** Children in each state at one month end, all ages together. */
export interface RecordedMonth {
  monthEnd: string;
  counts: Record<State, number>;
}

export interface ForecastResult {
  history: {
    cutOff: string;
    referenceMonths: number;
    atCutOff: Counts;
    /** What the records show at every month end of the reference window, the cut-off last. */
    recorded: RecordedMonth[];
    /**
     * The first month end of the window at which anyone was known to a service, when that is later than the window's
     * start: the months before it teach the model nothing but entries, so its rates rest on a shorter history.
     */
    recordsBeginAfterStart: string | null;
  };
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
  const recorded = recordedMonths(history);
  const firstKnown = recorded.find((m) => STATES.some((s) => m.counts[s] > 0));
  return {
    history: {
      cutOff,
      referenceMonths: options.referenceMonths,
      atCutOff: history.atCutOff,
      recorded,
      recordsBeginAfterStart: firstKnown && firstKnown.monthEnd !== recorded[0]!.monthEnd ? firstKnown.monthEnd : null,
    },
    baseline: forecast(history, settings),
    scenarios: options.scenarios.map((scenario) => ({ scenario, forecast: forecast(history, { ...settings, adjustments: scenario.adjustments }) })),
  };
}

/** The history's month-end positions (each month's start is the previous month end), all bands together. */
function recordedMonths(history: History): RecordedMonth[] {
  const total = (counts: Counts) => Object.fromEntries(STATES.map((s) => [s, AGE_BANDS.reduce((sum, band) => sum + counts[band][s], 0)])) as Record<State, number>;
  return [
    ...history.months.map((m) => ({ monthEnd: monthEndAfter(m.monthEnd, -1), counts: total(m.start) })),
    { monthEnd: history.cutOff, counts: total(history.atCutOff) },
  ];
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
