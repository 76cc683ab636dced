/**
 * The forecast as files for analysts and finance: counts by month and state with their intervals (CSV, and the first
 * sheet of the workbook), spend by financial year (CSV, second sheet), and the inputs that produced them (third
 * sheet), so a figure in a budget paper can be traced to the settings it came from.
 */
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

/**
 * A spreadsheet opening a CSV runs a cell that starts with = + - or @ as a formula, so text (a scenario's name,
 * typed by an analyst) that starts so is prefixed with an apostrophe; numbers are written as numbers.
 */
function csvCell(value: Value): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const csv = (head: readonly string[], rows: Value[][]) => [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

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

/** The workbook: counts, spend and inputs, each sheet with a bold, frozen header row. */
export async function forecastWorkbook(data: ForecastData, generatedAt = new Date()): Promise<Buffer> {
  // Loaded when a workbook is asked for: exceljs is large, and most requests write none.
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'Cairn';
  book.created = generatedAt;
  const sheet = (name: string, head: readonly string[], rows: Value[][], widths: number[]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...head]).font = { bold: true };
    // Strings are stored as text, never formulas, so a name typed as "=…" stays words in the workbook.
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((column, i) => (column.width = widths[i] ?? 14));
    return ws;
  };
  sheet('Counts', COUNT_COLUMNS, countRows(data), [28, 12, 24, 36]);
  const spend = sheet('Spend', SPEND_COLUMNS, spendRows(data), [28, 14, 8]);
  for (let c = 4; c <= SPEND_COLUMNS.length; c++) spend.getColumn(c).numFmt = '£#,##0.00';
  sheet('Inputs', ['Input', 'Value'], inputRows(data, generatedAt), [36, 60]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
