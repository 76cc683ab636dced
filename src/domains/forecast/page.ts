/**
 * What the forecast's pages and downloads show, put together from the model (service.ts) and the settings
 * (settings.ts). Figures are aggregates of whole services, never of a child, so seeing them is a system-wide action
 * (`forecast.view`), asked before anything is read, as the figures pages do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { type FinancialYearSpend, spendByFinancialYear } from './costs.ts';
import { latestMonthEnd } from './history.ts';
import { monthEndAfter } from './month-ends.ts';
import { MAX_COMPARED, type ForecastQuery } from './query.ts';
import { buildForecast, DEFAULT_BACKTEST_HORIZON, type ForecastResult, type RecordedMonth, runBacktest } from './service.ts';
import { listScenarios, readUnitCosts, type SavedScenario, type SavedUnitCosts } from './settings.ts';
import type { BacktestResult } from './types.ts';

/** The baseline's name wherever it stands beside scenarios. */
export const BASELINE = 'Baseline (no change)';
/** Months of records drawn before the forecast on the chart. */
const RECORDED_MONTHS = 12;

export interface ForecastData {
  query: ForecastQuery;
  result: ForecastResult;
  costs: SavedUnitCosts;
  /** Every saved scenario (for the checkboxes), and those compared, in the order chosen. */
  saved: SavedScenario[];
  compared: SavedScenario[];
  baselineSpend: FinancialYearSpend[];
  scenarioSpend: FinancialYearSpend[][];
}

/**
 * The forecast for the query, without asking who may see it: for the CLI, which runs with the database's own
 * authority. Pages and downloads come through `forecastFor`. `scenarioNames` picks scenarios by name instead of id.
 */
export async function readForecast(
  db: Kysely<Database>,
  query: ForecastQuery,
  options: { today?: string; draws?: number; scenarioNames?: string[] } = {},
): Promise<ForecastData> {
  const [costs, saved] = await Promise.all([readUnitCosts(db), listScenarios(db)]);
  const compared = options.scenarioNames ? pickByName(saved, options.scenarioNames) : pickById(saved, query.scenarioIds);
  const result = await buildForecast(db, {
    referenceMonths: query.referenceMonths,
    months: query.months,
    scenarios: compared,
    ...(options.today ? { today: options.today } : {}),
    ...(options.draws ? { draws: options.draws } : {}),
  });
  return {
    query,
    result,
    costs,
    saved,
    compared,
    baselineSpend: spendByFinancialYear(result.baseline, costs),
    scenarioSpend: result.scenarios.map((s) => spendByFinancialYear(s.forecast, costs)),
  };
}

function pickById(saved: SavedScenario[], ids: string[]): SavedScenario[] {
  return ids.map((id) => {
    const scenario = saved.find((s) => s.id === id);
    if (!scenario) throw new FieldProblem('scenario', 'Choose scenarios from the list: one you chose has been deleted');
    return scenario;
  });
}

function pickByName(saved: SavedScenario[], names: string[]): SavedScenario[] {
  if (names.length > MAX_COMPARED) throw new FieldProblem('scenario', `Compare up to ${MAX_COMPARED} scenarios`);
  return names.map((name) => {
    const scenario = saved.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
    if (!scenario) {
      const known = saved.map((s) => `"${s.name}"`).join(', ') || 'none has been saved';
      throw new FieldProblem('scenario', `There is no saved scenario called "${name}" (the saved scenarios: ${known})`);
    }
    return scenario;
  });
}

/** The forecast for a page or a download, for someone allowed to see it. */
export async function forecastFor(ctx: RequestContext, query: ForecastQuery, options: { today?: string } = {}): Promise<ForecastData> {
  authorise(ctx, 'forecast.view');
  return readForecast(ctx.db, query, options);
}

/** The saved scenarios, for the form shown again with errors (when no forecast is worked out). */
export async function scenarioChoices(ctx: RequestContext): Promise<SavedScenario[]> {
  authorise(ctx, 'forecast.view');
  return listScenarios(ctx.db);
}

/** What the records show at the month ends before the cut-off, cut-off included: the chart's solid line. */
export const recordedOnChart = (result: ForecastResult): RecordedMonth[] => result.history.recorded.slice(-RECORDED_MONTHS);

/**
 * The cut-offs a backtest may use, latest first: each month end whose following year has passed, back five years.
 * The default is the first: a year before the latest complete month end.
 */
export function backtestCutOffs(today: string, horizon = DEFAULT_BACKTEST_HORIZON): string[] {
  const latest = latestMonthEnd(today);
  return Array.from({ length: 60 }, (_, i) => monthEndAfter(latest, -horizon - i));
}

export async function backtestFor(ctx: RequestContext, options: { cutOff: string; referenceMonths: number; today?: string }): Promise<BacktestResult> {
  authorise(ctx, 'forecast.view');
  return runBacktest(ctx.db, options);
}
