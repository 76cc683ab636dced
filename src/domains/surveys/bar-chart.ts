import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../../platform/charts/render.ts';

export interface Bar {
  label: string;
  count: number;
  percentage: number;
}

/**
 * A horizontal bar a choice, in the question's order, each labelled with its count and percentage: long answers
 * read across rather than up. The page gives the same figures as a table.
 */
export function barChartSpec(bars: readonly Bar[]): TopLevelSpec {
  const values = bars.map((b) => ({ ...b, shown: `${b.count} (${b.percentage}%)` }));
  const y = { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelLimit: 260 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 360,
    height: { step: 30 },
    data: { values },
    encoding: { y },
    layer: [
      { mark: { type: 'bar', color: '#1d70b8' }, encoding: { x: { field: 'count', type: 'quantitative', axis: { title: 'Responses', tickMinStep: 1, format: 'd' }, scale: { domainMin: 0 } } } },
      { mark: { type: 'text', align: 'left', dx: 4, color: '#0b0c0c', fontSize: 13 }, encoding: { x: { field: 'count', type: 'quantitative' }, text: { field: 'shown', type: 'nominal' } } },
    ],
  } as TopLevelSpec;
}

export function barChart(id: string, title: string, bars: readonly Bar[]): Promise<string> {
  const description = bars.map((b) => `${b.label}: ${b.count} (${b.percentage}%)`).join('; ') || 'No answers yet';
  return renderChart(barChartSpec(bars), { id, title, description });
}
