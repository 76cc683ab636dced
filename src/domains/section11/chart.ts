import type { TopLevelSpec } from 'vega-lite';
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
  const names = RATING_ORDER.map((r) => RATINGS[r]);
  const values = rows.flatMap((row) => RATING_ORDER.map((r, i) => ({ row: row.label, rating: RATINGS[r], order: i, share: row.shares[r] })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 560,
    height: { step: 26 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null } },
      x: { field: 'share', type: 'quantitative', stack: 'zero', scale: { domain: [0, 100] }, axis: { title: 'Percentage of ratings', format: '.0f' } },
      color: { field: 'rating', type: 'nominal', scale: { domain: names, range: COLOURS }, legend: { title: null } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}

export function ratingChart(input: { id: string; title: string; description: string; rows: readonly { label: string; shares: Shares }[] }): Promise<string> {
  return renderChart(ratingChartSpec(input.rows), { id: input.id, title: input.title, description: input.description });
}
