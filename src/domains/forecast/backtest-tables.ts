/**
 * The backtest's figures as GOV.UK tables: how far each state's forecast was from what the records went on to show,
 * and the chosen state month by month.
 */
import { CARE_STATES } from './flow.ts';
import { type Cell, CHART_LABELS, formatCount, formatPercent, monthName, type Table } from './page-tables.ts';
import type { ChartChoice } from './query.ts';
import { type BacktestResult, STATE_LABELS, STATES, type State } from './types.ts';

const numeric = (text: string): Cell => ({ text, format: 'numeric' });
const total = (counts: Record<State, number>, chart: ChartChoice) => (chart === 'in_care' ? CARE_STATES.reduce((sum, s) => sum + counts[s], 0) : counts[chart]);

/** The forecast and the recorded count of one state (or all in care) at each month of the backtest. */
export function backtestSeries(result: BacktestResult, chart: ChartChoice): { monthEnd: string; forecast: number; actual: number }[] {
  return result.months.map((m) => ({ monthEnd: m.monthEnd, forecast: total(m.forecast, chart), actual: total(m.actual, chart) }));
}

/** Each state's error, with the average recorded children so a large error on a handful reads as what it is. */
export function errorsTable(result: BacktestResult): Table {
  const average = (chart: ChartChoice) => {
    const series = backtestSeries(result, chart);
    return series.length ? series.reduce((sum, m) => sum + m.actual, 0) / series.length : 0;
  };
  return {
    head: [{ text: 'State' }, numeric('Average recorded'), numeric('Error (MAPE)')],
    rows: [
      ...STATES.map((s) => [{ text: STATE_LABELS[s] }, numeric(formatCount(average(s))), numeric(formatPercent(result.mapeByState[s]))]),
      [{ text: CHART_LABELS.in_care }, numeric(formatCount(average('in_care'))), numeric(formatPercent(result.mapeInCare))],
    ],
  };
}

const signedPercent = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}%`;

/** Month by month for one choice: forecast, recorded and the difference as a share of what was recorded. */
export function monthsTable(result: BacktestResult, chart: ChartChoice): Table {
  return {
    head: [{ text: 'Month' }, numeric('Forecast'), numeric('Recorded'), numeric('Difference')],
    rows: backtestSeries(result, chart).map((m) => [
      { text: monthName(m.monthEnd) },
      numeric(formatCount(m.forecast)),
      numeric(formatCount(m.actual)),
      numeric(m.actual === 0 ? 'None recorded' : signedPercent(((m.forecast - m.actual) / m.actual) * 100)),
    ]),
  };
}
