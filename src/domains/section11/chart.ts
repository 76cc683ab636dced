import type { TopLevelSpec } from 'vega-lite';
import { stackedBarSpec } from '../../platform/charts/bar-chart.ts';
import { renderChart } from '../../platform/charts/render.ts';
import { RATING_ORDER, type Shares } from './arithmetic.ts';
import { RATINGS } from './labels.ts';

/** GOV.UK green, yellow, red and mid grey, in the order of RATING_ORDER: met to not answered. */
const COLOURS = ['#00703c', '#ffdd00', '#d4351c', '#b1b4b6'];

/**
 * One stacked bar per row (a standard or an agency): the share of ratings met, partly met, not met and not
 * answered, adding up to 100%. The page beside it gives the same figures as a table.
 */
export function ratingChartSpec(rows: readonly { label: string; shares: Shares }[]): TopLevelSpec {
  const parts = rows.map((row) => ({ label: row.label, parts: RATING_ORDER.map((r) => row.shares[r]) }));
  return stackedBarSpec(parts, { parts: RATING_ORDER.map((r) => RATINGS[r]), colours: COLOURS, axisTitle: 'Percentage of ratings', scale: { kind: 'percent' } });
}

export function ratingChart(input: { id: string; title: string; description: string; rows: readonly { label: string; shares: Shares }[] }): Promise<string> {
  return renderChart(ratingChartSpec(input.rows), { id: input.id, title: input.title, description: input.description });
}
