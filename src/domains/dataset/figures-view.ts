/**
 * How published figures read on the dataset's pages: numbers in words a reader can take in, small numbers as "*",
 * a verdict against the target in words (not only colour), and each table cell with the link to the records behind
 * it for those allowed to follow it.
 */
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { type Benchmark, benchmarkUnit, formatBenchmark } from './benchmarks.ts';
import type { Evaluation } from './indicators/compute.ts';
import type { Breakdown, Indicator } from './indicators/types.ts';
import type { ChosenPeriod } from './period.ts';
import { type PublishedTable, publishTable, type Shown } from './published-table.ts';

/** One figure as shown: its text, and words for a screen reader where the text alone is a symbol. */
export interface ShownFigure {
  text: string;
  hidden?: string;
}

export function showValue(value: Shown, unit: 'count' | 'percent'): ShownFigure {
  if (value === '*') return { text: '*', hidden: ' (a small number, not shown)' };
  if (value === null) return { text: '–', hidden: ' (no records to take a share of)' };
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return { text: unit === 'percent' ? `${number}%` : number };
}

export interface Verdict {
  text: string;
  /** A GOV.UK tag colour; the words carry the meaning. */
  classes: string;
}

/**
 * Better or worse than the target, by the indicator's polarity, compared in the target's own unit (a percentage, a
 * rate per 10,000, or a number). Nothing is judged from a figure that is not published.
 */
export function verdict(indicator: Indicator, value: number | null, rate: number | null, target: number | null, published: boolean): Verdict {
  const grey = 'govuk-tag--grey';
  if (!published) return { text: 'Not compared', classes: grey };
  if (target === null) return { text: 'No target', classes: grey };
  const unit = benchmarkUnit(indicator);
  const figure = unit === 'rate' ? rate : value;
  if (figure === null) return { text: 'Not compared', classes: grey };
  if (indicator.polarity === 'neither') return { text: 'Neither higher nor lower is better', classes: grey };
  if (figure === target) return { text: 'On target', classes: 'govuk-tag--green' };
  const better = indicator.polarity === 'higher_is_better' ? figure > target : figure < target;
  return better ? { text: 'Better than target', classes: 'govuk-tag--green' } : { text: 'Worse than target', classes: 'govuk-tag--red' };
}

/** An indicator's figure for a period, with its rate, target, comparators and verdict, ready for a page. */
export interface Headline {
  indicator: Indicator;
  noData: boolean;
  figure: ShownFigure;
  /** Per 10,000 children ("53.4"), where the indicator has one and the figure is published. */
  rate: string | null;
  target: string;
  statisticalNeighbours: string;
  england: string;
  note: string;
  verdict: Verdict;
}

export function headline(evaluation: Evaluation, benchmark: Benchmark | undefined, threshold: number): Headline {
  const { indicator } = evaluation;
  const table = publishTable(evaluation, threshold);
  const shown = table.rows[0]?.cells[0] ?? null;
  const published = typeof shown === 'number';
  const unit = benchmarkUnit(indicator);
  const rate = indicator.ratePer10k && published && !evaluation.noData && evaluation.rate !== null ? evaluation.rate.toLocaleString('en-GB', { maximumFractionDigits: 1 }) : null;
  return {
    indicator,
    noData: evaluation.noData,
    figure: evaluation.noData ? { text: 'No data', hidden: ' (not recorded in Cairn here)' } : showValue(shown, table.unit),
    rate,
    target: formatBenchmark(benchmark?.target ?? null, unit),
    statisticalNeighbours: formatBenchmark(benchmark?.statisticalNeighbours ?? null, unit),
    england: formatBenchmark(benchmark?.england ?? null, unit),
    note: benchmark?.note ?? '',
    verdict: evaluation.noData ? { text: 'No data', classes: 'govuk-tag--grey' } : verdict(indicator, evaluation.total.value, evaluation.rate, benchmark?.target ?? null, published),
  };
}

/** A table cell: the figure, and the records behind it where the reader may open them. */
export interface ShownCell extends ShownFigure {
  href: string | null;
}

export interface ShownTable {
  id: string;
  title: string;
  rowHeading: string;
  columns: string[];
  rows: { label: string; total: boolean; cells: ShownCell[] }[];
  noData: boolean;
  threshold: number;
}

const TIME: Breakdown[] = ['month', 'quarter'];

/**
 * The period to ask for a cell's records in: the table's own, except on a trend over two years, where a month's
 * records are asked for in the financial year that month is in (which always has that month among its keys).
 */
function yearFor(period: ChosenPeriod, filters: { breakdown: Breakdown; key: string }[]): string {
  const time = filters.find((f) => TIME.includes(f.breakdown));
  if (!time) return period.key;
  const date = time.key.length === 7 ? `${time.key}-01` : time.key;
  return date >= period.from && date <= period.to ? period.key : String(financialYearStart(date));
}

/** The records page for one cell of a table (its row and column keys; a null key is "all"). */
export function recordsHref(indicator: Indicator, period: ChosenPeriod, filters: { breakdown: Breakdown; key: string }[]): string {
  const params = new URLSearchParams({ year: yearFor(period, filters) });
  filters.forEach((f, i) => {
    params.set(i === 0 ? 'by' : 'then', f.breakdown);
    params.set(i === 0 ? 'key' : 'key2', f.key);
  });
  return `/dataset/indicators/${encodeURIComponent(indicator.id)}/records?${params.toString()}`;
}

/**
 * A published table as a page shows it. With `linkRecords` (managers), each published figure that stands for some
 * records links to them; the "number of times" breakdown counts people, not rows, so it has no links.
 */
export function shownTable(table: PublishedTable, period: ChosenPeriod, linkRecords: boolean): ShownTable {
  const { indicator, breakdowns } = table.evaluation;
  const [rowBy, columnBy] = breakdowns;
  const linkable = linkRecords && !breakdowns.includes('incidents');
  return {
    id: table.id,
    title: table.title,
    rowHeading: table.rowHeading || 'Figure',
    columns: table.columns.map((c) => c.label),
    noData: table.noData,
    threshold: table.threshold,
    rows: table.rows.map((row) => ({
      label: row.label,
      total: row.key === null && Boolean(rowBy),
      cells: row.cells.map((value, j) => {
        const columnKey = table.columns[j]!.key;
        const filters = [
          ...(rowBy && row.key !== null ? [{ breakdown: rowBy, key: row.key }] : []),
          ...(columnBy && columnKey !== null ? [{ breakdown: columnBy, key: columnKey }] : []),
        ];
        // A percentage stands for its denominator's records, even at 0%; a count for its own.
        const hasRecords = value === '*' || (typeof value === 'number' && (table.unit === 'percent' || value > 0));
        return { ...showValue(value, table.unit), href: linkable && hasRecords && !table.noData ? recordsHref(indicator, period, filters) : null };
      }),
    })),
  };
}
