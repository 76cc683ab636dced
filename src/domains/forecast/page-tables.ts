/**
 * The forecast's figures as GOV.UK tables (head and rows for govukTable), worked out here rather than in templates so
 * each is tested and the page, the downloads and the CLI round the same way.
 */
import { formatDate } from '../../platform/views/format.ts';
import type { FinancialYearSpend } from './costs.ts';
import { CARE_STATES } from './flow.ts';
import type { ChartChoice } from './query.ts';
import { AGE_BANDS, type Band5, type Counts, type Forecast, type ForecastMonth, STATE_LABELS, STATES, type State, type UnitCosts } from './types.ts';

/** A govukTable cell: `text`, or `html` built here from numbers and escaped words. */
export interface Cell {
  text?: string;
  html?: string;
  format?: 'numeric';
  classes?: string;
}
export interface Table {
  head: Cell[];
  rows: Cell[][];
}

export const CHART_LABELS: Record<ChartChoice, string> = { in_care: 'All children in care', ...pickLabels() };
function pickLabels(): Record<State, string> {
  return Object.fromEntries(STATES.map((s) => [s, STATE_LABELS[s]])) as Record<State, string>;
}

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
/** Children are counted whole: the model's expected values are rounded only when shown. */
export const formatCount = (n: number): string => wholeNumber.format(Math.round(n) || 0);
export const formatMoney = (pounds: number): string => `${pounds < 0 ? '−' : ''}£${wholeNumber.format(Math.abs(Math.round(pounds)))}`;
/** A difference from the baseline, with its sign written out: "+12", "−£40,000", "no change". */
export function formatDifference(difference: number, format: (n: number) => string): string {
  const shown = format(Math.abs(difference));
  if (shown === format(0)) return 'no change';
  return `${difference > 0 ? '+' : '−'}${shown.replace(/^−/, '')}`;
}
export const formatPercent = (value: number | null): string => (value === null ? 'Not scored (always 0)' : `${value.toFixed(1)}%`);
/** '2026-03-31' → 'March 2026'. */
export const monthName = (monthEnd: string): string => formatDate(monthEnd).replace(/^\d+ /, '');

const numeric = (text: string): Cell => ({ text, format: 'numeric' });
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A central figure with its 90% interval underneath, smaller. */
const withInterval = (band: Band5): Cell => ({
  html: `${formatCount(band.p50)}<br><span class="govuk-body-s govuk-!-margin-0">${formatCount(band.p5)} to ${formatCount(band.p95)}</span>`,
  format: 'numeric',
});

/** The band of the forecast a chart choice names. */
export const bandOf = (month: ForecastMonth, chart: ChartChoice): Band5 => (chart === 'in_care' ? month.inCare : month.byState[chart]);

/** Children in a state (all ages together), or all in care, in counts by band. */
export function countOf(counts: Counts, chart: ChartChoice): number {
  const states: readonly State[] = chart === 'in_care' ? CARE_STATES : [chart];
  return AGE_BANDS.reduce((sum, band) => sum + states.reduce((s, state) => s + counts[band][state], 0), 0);
}

/** Recorded children by state at each month end, as the chart's observed line for one choice. */
export function recordedSeries(actual: { monthEnd: string; counts: Record<State, number> }[], chart: ChartChoice): { monthEnd: string; count: number }[] {
  const states: readonly State[] = chart === 'in_care' ? CARE_STATES : [chart];
  return actual.map((m) => ({ monthEnd: m.monthEnd, count: states.reduce((sum, s) => sum + m.counts[s], 0) })).sort((a, b) => a.monthEnd.localeCompare(b.monthEnd));
}

/** The months the tables report: each whole year ahead, and the last month when the forecast ends mid-year. */
export function horizons(months: number): number[] {
  const years = Array.from({ length: Math.floor(months / 12) }, (_, i) => (i + 1) * 12);
  return years.at(-1) === months ? years : [...years, months];
}
const horizonLabel = (forecast: Forecast, months: number) => `${months} months (${monthName(forecast.months[months - 1]!.monthEnd)})`;

/** The chart's figures month by month: the same numbers as the image, for anyone who cannot see it. */
export function chartTable(forecast: Forecast, chart: ChartChoice, recorded: { monthEnd: string; count: number }[]): Table {
  return {
    head: [{ text: 'Month' }, numeric('Recorded'), numeric('5%'), numeric('25%'), numeric('Median'), numeric('75%'), numeric('95%')],
    rows: [
      ...recorded.map((r) => [{ text: monthName(r.monthEnd) }, numeric(formatCount(r.count)), ...Array.from({ length: 5 }, () => numeric(''))]),
      ...forecast.months.map((m) => {
        const b = bandOf(m, chart);
        return [{ text: monthName(m.monthEnd) }, numeric(''), ...[b.p5, b.p25, b.p50, b.p75, b.p95].map((n) => numeric(formatCount(n)))];
      }),
    ],
  };
}

/** Each state's children now and at each year ahead: the median with its 90% interval. */
export function statesTable(forecast: Forecast, atCutOff: Counts, months: number): Table {
  const points = horizons(months);
  const row = (label: string, chart: ChartChoice): Cell[] => [
    { text: label },
    numeric(formatCount(countOf(atCutOff, chart))),
    ...points.map((h) => withInterval(bandOf(forecast.months[h - 1]!, chart))),
  ];
  return {
    head: [{ text: 'State' }, numeric(`Now (${formatDate(forecast.cutOff)})`), ...points.map((h) => numeric(horizonLabel(forecast, h)))],
    rows: [...STATES.map((s) => row(STATE_LABELS[s], s)), row(CHART_LABELS.in_care, 'in_care')],
  };
}

/** Spend by state in each financial year of the forecast, with the total; part years say how many months. */
export function spendTable(years: FinancialYearSpend[]): Table {
  const yearHead = (y: FinancialYearSpend) => numeric(y.months === 12 ? y.financialYear : `${y.financialYear} (${y.months} months)`);
  return {
    head: [{ text: 'State' }, ...years.map(yearHead)],
    rows: [
      ...STATES.map((s) => [{ text: STATE_LABELS[s] }, ...years.map((y) => numeric(formatMoney(y.byState[s])))]),
      [{ text: 'Total' }, ...years.map((y) => ({ ...numeric(formatMoney(y.total)), classes: 'govuk-!-font-weight-bold' }))],
    ],
  };
}

export interface Compared {
  name: string;
  forecast: Forecast;
  spend: FinancialYearSpend[];
}

/** Children in care at each year ahead, the baseline beside each scenario (the difference under each scenario's). */
export function comparedInCareTable(baseline: Compared, scenarios: Compared[], months: number): Table {
  const cell = (forecast: Forecast, h: number) => bandOf(forecast.months[h - 1]!, 'in_care').p50;
  return {
    head: [{ text: 'Months ahead' }, numeric(baseline.name), ...scenarios.map((s) => numeric(s.name))],
    rows: horizons(months).map((h) => {
      const base = cell(baseline.forecast, h);
      return [
        { text: horizonLabel(baseline.forecast, h) },
        numeric(formatCount(base)),
        ...scenarios.map((s) => differenceCell(cell(s.forecast, h), base, formatCount)),
      ];
    }),
  };
}

/** Total spend in each financial year, the baseline beside each scenario. */
export function comparedSpendTable(baseline: Compared, scenarios: Compared[]): Table {
  return {
    head: [{ text: 'Financial year' }, numeric(baseline.name), ...scenarios.map((s) => numeric(s.name))],
    rows: baseline.spend.map((year, i) => [
      { text: year.months === 12 ? year.financialYear : `${year.financialYear} (${year.months} months)` },
      numeric(formatMoney(year.total)),
      ...scenarios.map((s) => differenceCell(s.spend[i]?.total ?? 0, year.total, formatMoney)),
    ]),
  };
}

function differenceCell(value: number, base: number, format: (n: number) => string): Cell {
  const difference = formatDifference(value - base, format);
  return { html: `${escapeHtml(format(value))}<br><span class="govuk-body-s govuk-!-margin-0">${escapeHtml(difference)}</span>`, format: 'numeric' };
}

/** The weekly unit costs the spend was worked out with. */
export function unitCostsTable(costs: UnitCosts): Table {
  const pence = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    head: [{ text: 'State' }, numeric('Weekly cost')],
    rows: STATES.map((s) => [{ text: STATE_LABELS[s] }, numeric(`£${pence.format(costs.weekly[s])}`)]),
  };
}

/** A sentence for the chart's description: where it stands and where the forecast ends, with the interval. */
export function chartDescription(forecast: Forecast, chart: ChartChoice, now: number): string {
  const last = forecast.months.at(-1);
  if (!last) return `${CHART_LABELS[chart]}: ${formatCount(now)} on ${formatDate(forecast.cutOff)}.`;
  const band = bandOf(last, chart);
  return (
    `${CHART_LABELS[chart]}: ${formatCount(now)} on ${formatDate(forecast.cutOff)}, forecast ${formatCount(band.p50)} by ` +
    `${formatDate(last.monthEnd)} (90% interval ${formatCount(band.p5)} to ${formatCount(band.p95)}). The table below the chart gives every month.`
  );
}
