/**
 * The dataset's charts, drawn from published tables only (a suppressed figure is left out of a chart, never drawn
 * as its true value), each with a sentence saying what it shows; the page gives the table beside it.
 */
import { horizontalBarSpec } from '../../platform/charts/bar-chart.ts';
import { lineChart } from '../../platform/charts/line-chart.ts';
import { renderChart } from '../../platform/charts/render.ts';
import type { PublishedTable } from './published-table.ts';

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

const say = (value: number, unit: 'count' | 'percent') => `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}${unit === 'percent' ? '%' : ''}`;

/**
 * The figures of one column of a table, by row (the total row left out): a suppressed figure as null, and a
 * percentage with nothing to take a share of left out altogether (there is no figure to hide).
 */
function points(table: PublishedTable, column: number): { key: string; label: string; value: number | null }[] {
  return table.rows
    .filter((r) => r.key !== null && r.cells[column] !== null)
    .map((r) => ({ key: r.key!, label: r.label, value: typeof r.cells[column] === 'number' ? (r.cells[column] as number) : null }));
}

/** "Rose from 185 in April 2023 to 270 in March 2025", in the words a reader would use. */
export function trendSentence(series: { label: string; value: number | null }[], unit: 'count' | 'percent'): string {
  const shown = series.filter((p): p is { label: string; value: number } => p.value !== null);
  const hidden = series.length - shown.length;
  const hiddenNote = hidden ? ` ${hidden === 1 ? 'One figure is' : `${hidden} figures are`} too small to publish and left out.` : '';
  if (!series.length) return 'There are no figures for this time.';
  if (!shown.length) return `No figure over this time is large enough to publish.${hiddenNote}`;
  const first = shown[0]!;
  const last = shown.at(-1)!;
  if (shown.length === 1) return `Only one figure is published: ${say(first.value, unit)} in ${first.label}.${hiddenNote}`;
  if (shown.every((p) => p.value === first.value)) return `Stayed at ${say(first.value, unit)} from ${first.label} to ${last.label}.${hiddenNote}`;
  const high = shown.reduce((a, b) => (b.value > a.value ? b : a));
  const move = last.value > first.value ? 'Rose' : last.value < first.value ? 'Fell' : 'Ended where it began';
  const change = move === 'Ended where it began' ? `Ended where it began, at ${say(last.value, unit)}, from ${first.label} to ${last.label}` : `${move} from ${say(first.value, unit)} in ${first.label} to ${say(last.value, unit)} in ${last.label}`;
  return `${change}; highest ${say(high.value, unit)} in ${high.label}.${hiddenNote}`;
}

/** A line over months from a table by month (a flow's months or a snapshot's month ends); no chart with nothing to draw. */
export async function trendChart(table: PublishedTable, id: string): Promise<{ svg: string | null; description: string }> {
  const series = points(table, 0);
  const description = trendSentence(series, table.unit);
  if (!series.some((p) => p.value !== null)) return { svg: null, description };
  const svg = await lineChart({
    id,
    title: `${table.evaluation.indicator.title} by month`,
    description,
    yTitle: table.unit === 'percent' ? 'Per cent' : table.evaluation.indicator.measure === 'people' ? 'Children' : 'Number',
    height: 220,
    lines: [{ name: table.evaluation.indicator.title, points: series.filter((p) => p.value !== null).map((p) => ({ monthEnd: p.key.length === 7 ? monthEnd(p.key) : p.key, value: p.value! })) }],
  });
  return { svg, description };
}

/**
 * A chart of a table by its rows: a line when the rows are months or quarters, bars otherwise. The figure charted
 * is the row's total (or its only figure, or its latest date where a snapshot's dates have no total).
 */
export async function tableChart(table: PublishedTable, id: string): Promise<{ svg: string; description: string; column: string } | null> {
  const rowBy = table.evaluation.breakdowns[0];
  if (!rowBy) return null;
  const column = table.columns.length - 1;
  const columnLabel = table.columns[column]!.label;
  if (!points(table, column).some((p) => p.value !== null)) return null;
  if (rowBy === 'month' || rowBy === 'quarter') {
    const series = points(table, column);
    const description = trendSentence(series, table.unit);
    const lines = [{ name: table.title, points: series.filter((p) => p.value !== null).map((p) => ({ monthEnd: p.key.length === 7 ? monthEnd(p.key) : p.key, value: p.value! })) }];
    const svg = await lineChart({ id, title: table.title, description, lines, height: 240, yTitle: table.unit === 'percent' ? 'Per cent' : 'Number' });
    return { svg, description, column: columnLabel };
  }
  const series = points(table, column);
  const bars = series.map((p) => ({ label: p.label, value: p.value ?? 0, shown: p.value === null ? '*' : say(p.value, table.unit) }));
  const published = series.filter((p): p is { key: string; label: string; value: number } => p.value !== null);
  const top = published.reduce<(typeof published)[number] | null>((a, b) => (!a || b.value > a.value ? b : a), null);
  const hidden = series.length - published.length;
  const description =
    (top ? `Highest: ${top.label}, ${say(top.value, table.unit)}, of ${series.length} groups.` : 'No figure is large enough to publish.') +
    (hidden ? ` ${hidden} small ${hidden === 1 ? 'figure is' : 'figures are'} shown as * with no bar.` : '');
  const spec = horizontalBarSpec(bars, { axisTitle: table.unit === 'percent' ? 'Per cent' : 'Number', scale: table.unit === 'percent' ? { kind: 'percent' } : { kind: 'count' }, width: 480 });
  return { svg: await renderChart(spec, { id, title: table.title, description }), description, column: columnLabel };
}
