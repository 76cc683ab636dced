/**
 * The forecast as files for analysts and finance: counts by month and state with their intervals (CSV, and the first
 * sheet of the workbook), spend by financial year (CSV, second sheet), and the inputs that produced them (third
 * sheet), so a figure in a budget paper can be traced to the settings it came from.
 */
import { toCsv, toXlsx } from '../../platform/downloads/spreadsheet.ts';
import { DEFAULT_DRAWS } from './bootstrap.ts';
import type { FinancialYearSpend } from './costs.ts';
import { CHART_LABELS } from './page-tables.ts';
import { BASELINE, type ForecastData } from './page.ts';
import { describeAdjustment } from './settings-labels.ts';
import { type Band5, type Forecast, STATE_LABELS, STATES } from './types.ts';

const COUNT_COLUMNS = ['scenario', 'month_end', 'state', 'state_label', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;
const SPEND_COLUMNS = ['scenario', 'financial_year', 'months', ...STATES, 'total'] as const;

type Value = string | number;

/** Counts are expected values: one decimal place keeps the totals honest without pretending to more. */
const tenth = (n: number) => Math.round(n * 10) / 10;
const pence = (n: number) => Math.round(n * 100) / 100;

function namedForecasts(data: ForecastData): { name: string; forecast: Forecast; spend: FinancialYearSpend[] }[] {
  return [
    { name: BASELINE, forecast: data.result.baseline, spend: data.baselineSpend },
    ...data.result.scenarios.map((s, i) => ({ name: s.scenario.name, forecast: s.forecast, spend: data.scenarioSpend[i]! })),
  ];
}

function countRows(data: ForecastData): Value[][] {
  const band = (b: Band5) => [tenth(b.p5), tenth(b.p25), tenth(b.p50), tenth(b.p75), tenth(b.p95)];
  return namedForecasts(data).flatMap(({ name, forecast }) =>
    forecast.months.flatMap((m) => [
      ...STATES.map((s) => [name, m.monthEnd, s, STATE_LABELS[s], ...band(m.byState[s])]),
      [name, m.monthEnd, 'in_care', CHART_LABELS.in_care, ...band(m.inCare)],
    ]),
  );
}

function spendRows(data: ForecastData): Value[][] {
  return namedForecasts(data).flatMap(({ name, spend }) => spend.map((y) => [name, y.financialYear, y.months, ...STATES.map((s) => pence(y.byState[s])), pence(y.total)]));
}

const csv = toCsv;

/** One row per forecast (baseline, then each scenario), month and state (and all in care), with the percentiles. */
export const forecastCsv = (data: ForecastData): string => csv(COUNT_COLUMNS, countRows(data));

/** One row per forecast and financial year: spend in pounds by state and in total. */
export const spendCsv = (data: ForecastData): string => csv(SPEND_COLUMNS, spendRows(data));

/** What the forecast was worked out from, as label and value rows. */
function inputRows(data: ForecastData, generatedAt: Date): Value[][] {
  const { result, costs, query } = data;
  return [
    ['Generated', generatedAt.toISOString()],
    ['Cut-off (forecast starts after)', result.history.cutOff],
    ['Reference window (months)', result.history.referenceMonths],
    ['Months ahead', query.months],
    ['Method', `Multi-state population flow by age band; monthly rates fitted to the reference window; intervals from ${DEFAULT_DRAWS} bootstrap draws of its months`],
    [],
    ['Unit costs (weekly, £)', `At prices of ${costs.priceBase}, rising ${costs.annualInflationPercent}% a year`],
    ...STATES.map((s) => [STATE_LABELS[s], costs.weekly[s]]),
    [],
    ['Scenarios compared', data.compared.length ? '' : 'None'],
    ...data.compared.flatMap((s) => [[s.name, s.adjustments.map(describeAdjustment).join('; ') || 'No changes']]),
  ];
}

const pounds = Object.fromEntries(SPEND_COLUMNS.slice(3).map((_, i) => [i + 4, '£#,##0.00']));

/** The workbook: counts, spend and inputs, each sheet with a bold, frozen header row. */
export async function forecastWorkbook(data: ForecastData, generatedAt = new Date()): Promise<Buffer> {
  return toXlsx(
    [
      { name: 'Counts', head: COUNT_COLUMNS, rows: countRows(data), widths: [28, 12, 24, 36] },
      { name: 'Spend', head: SPEND_COLUMNS, rows: spendRows(data), widths: [28, 14, 8], formats: pounds },
      { name: 'Inputs', head: ['Input', 'Value'], rows: inputRows(data, generatedAt), widths: [36, 60] },
    ],
    generatedAt,
  );
}
