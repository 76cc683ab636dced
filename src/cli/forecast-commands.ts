import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Connection } from '../db/connection.ts';
import { forecastCsv, forecastWorkbook, spendCsv } from '../domains/forecast/downloads.ts';
import { isMonthEnd, latestMonthEnd } from '../domains/forecast/history.ts';
import { monthEndAfter } from '../domains/forecast/month-ends.ts';
import { BASELINE, type ForecastData, readForecast } from '../domains/forecast/page.ts';
import { bandOf, CHART_LABELS, countOf, formatCount, formatMoney, formatPercent, horizons } from '../domains/forecast/page-tables.ts';
import { MAX_COMPARED, MONTHS, REFERENCE_MONTHS } from '../domains/forecast/query.ts';
import { DEFAULT_BACKTEST_HORIZON, runBacktest } from '../domains/forecast/service.ts';
import { type BacktestResult, STATE_LABELS, STATES } from '../domains/forecast/types.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { BadRequestError } from '../platform/http/errors.ts';
import { formatDate } from '../platform/views/format.ts';

export const FORECAST_USAGE = `  forecast                Forecast children by state, with intervals, and what they will cost.
      --months <n>            Months ahead, ${MONTHS.min} to ${MONTHS.max}. Default ${MONTHS.default}.
      --reference-months <n>  Months of records the rates are fitted to, ${REFERENCE_MONTHS.min} to ${REFERENCE_MONTHS.max}.
                              Default ${REFERENCE_MONTHS.default}.
      --scenario <name>       A saved scenario to forecast beside the baseline; repeat for up to ${MAX_COMPARED}.
      --out <folder>          Write forecast.csv, spend.csv and forecast.xlsx there (made if missing).
      --backtest              Instead, forecast the ${DEFAULT_BACKTEST_HORIZON} months after a past cut-off and print each
                              state's error (MAPE) against what the records show.
      --cut-off <date>        The backtest's cut-off, a month end (YYYY-MM-DD). Default ${DEFAULT_BACKTEST_HORIZON} months
                              before the latest month end.`;

export class ForecastUsageError extends Error {}

const whole = (flag: string, range: { min: number; max: number; default: number }) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be a whole number from ${range.min} to ${range.max}`)
    .transform(Number)
    .pipe(z.number().min(range.min, `${flag} must be a whole number from ${range.min} to ${range.max}`).max(range.max, `${flag} must be a whole number from ${range.min} to ${range.max}`))
    .optional()
    .transform((n) => n ?? range.default);

const forecastArgs = z.object({
  months: whole('--months', MONTHS),
  'reference-months': whole('--reference-months', REFERENCE_MONTHS),
  scenario: z.array(z.string().trim().min(1, '--scenario needs a name')).max(MAX_COMPARED, `Give up to ${MAX_COMPARED} --scenario`).default([]),
  out: z.string().trim().min(1, '--out needs a folder').optional(),
});

const backtestArgs = z.object({
  'reference-months': whole('--reference-months', REFERENCE_MONTHS),
  'cut-off': z.string().refine(isMonthEnd, '--cut-off must be the last day of a month, like 2025-03-31').optional(),
});

const OPTIONS = {
  months: { type: 'string' },
  'reference-months': { type: 'string' },
  scenario: { type: 'string', multiple: true },
  out: { type: 'string' },
  backtest: { type: 'boolean' },
  'cut-off': { type: 'string' },
} as const;

/** `forecast`: the forecast (to files with --out) or, with --backtest, how accurate it would have been. */
export async function forecastCommand(args: string[], connection: Connection, io: { out(text: string): void }, today = ukToday()): Promise<void> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  try {
    if (values.backtest) {
      const stray = (['months', 'scenario', 'out'] as const).filter((flag) => values[flag] !== undefined);
      if (stray.length) throw new ForecastUsageError(`${stray.map((f) => `--${f}`).join(', ')} cannot be used with --backtest`);
      const parsed = checked(backtestArgs, values);
      const cutOff = parsed['cut-off'] ?? monthEndAfter(latestMonthEnd(today), -DEFAULT_BACKTEST_HORIZON);
      const result = await runBacktest(connection.db, { cutOff, referenceMonths: parsed['reference-months'], today });
      io.out(backtestSummary(result, parsed['reference-months']));
      return;
    }
    if (values['cut-off'] !== undefined) throw new ForecastUsageError('--cut-off is only used with --backtest');
    const parsed = checked(forecastArgs, values);
    const query = { months: parsed.months, referenceMonths: parsed['reference-months'], chart: 'in_care' as const, scenarioIds: [] };
    const data = await readForecast(connection.db, query, { today, scenarioNames: parsed.scenario });
    io.out(forecastSummary(data));
    if (parsed.out) {
      const folder = resolve(parsed.out);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'forecast.csv'), forecastCsv(data));
      await writeFile(join(folder, 'spend.csv'), spendCsv(data));
      await writeFile(join(folder, 'forecast.xlsx'), await forecastWorkbook(data));
      io.out(`Wrote forecast.csv, spend.csv and forecast.xlsx to ${folder}`);
    }
  } catch (error) {
    // The service's refusals (a cut-off too late, an unknown scenario) are the user's to put right, like a bad flag.
    if (error instanceof BadRequestError) throw new ForecastUsageError(error.message);
    throw error;
  }
}

function checked<T>(schema: z.ZodType<T>, values: unknown): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ForecastUsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

/** Columns padded to their widest cell: the first left-aligned, the rest right-aligned. */
function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function forecastSummary(data: ForecastData): string {
  const { result, query } = data;
  const points = horizons(query.months);
  const atHorizon = (h: number, chart: Parameters<typeof bandOf>[1]) => {
    const band = bandOf(result.baseline.months[h - 1]!, chart);
    return `${formatCount(band.p50)} (${formatCount(band.p5)}–${formatCount(band.p95)})`;
  };
  const counts = textTable([
    ['State', 'Now', ...points.map((h) => `${h} months`)],
    ...[...STATES, 'in_care' as const].map((chart) => [
      chart === 'in_care' ? CHART_LABELS.in_care : STATE_LABELS[chart],
      formatCount(countOf(result.history.atCutOff, chart)),
      ...points.map((h) => atHorizon(h, chart)),
    ]),
  ]);
  const named = [{ name: BASELINE, spend: data.baselineSpend }, ...data.compared.map((s, i) => ({ name: s.name, spend: data.scenarioSpend[i]! }))];
  const spend = textTable([
    ['Financial year', ...named.map((n) => n.name)],
    ...data.baselineSpend.map((year, i) => [
      year.months === 12 ? year.financialYear : `${year.financialYear} (${year.months} months)`,
      ...named.map((n) => formatMoney(n.spend[i]?.total ?? 0)),
    ]),
  ]);
  return [
    `Forecast from the records up to ${formatDate(result.history.cutOff)}, rates from the ${result.history.referenceMonths} months before, ${query.months} months ahead.`,
    'Children: central forecast (90% interval)',
    counts,
    '',
    'Spend (central forecast × unit costs)',
    spend,
  ].join('\n');
}

function backtestSummary(result: BacktestResult, referenceMonths: number): string {
  const last = result.months.at(-1)?.monthEnd;
  return [
    `Backtest: fitted on the ${referenceMonths} months to ${formatDate(result.cutOff)}, forecast ${result.months.length} months${last ? ` to ${formatDate(last)}` : ''}, compared with the records.`,
    textTable([
      ['State', 'Error (MAPE)'],
      ...STATES.map((s) => [STATE_LABELS[s], formatPercent(result.mapeByState[s])]),
      [CHART_LABELS.in_care, formatPercent(result.mapeInCare)],
      ['Overall (weighted by children)', formatPercent(result.mapeOverall)],
    ]),
  ].join('\n');
}
