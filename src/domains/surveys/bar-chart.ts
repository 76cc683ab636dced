import type { TopLevelSpec } from 'vega-lite';
import { horizontalBarSpec } from '../../platform/charts/bar-chart.ts';
import { renderChart } from '../../platform/charts/render.ts';

export interface Bar {
  label: string;
  count: number;
  percentage: number;
}

/** A bar a choice, in the question's order, each labelled with its count and percentage. */
export function barChartSpec(bars: readonly Bar[]): TopLevelSpec {
  return horizontalBarSpec(bars.map((b) => ({ label: b.label, value: b.count, shown: `${b.count} (${b.percentage}%)` })), { axisTitle: 'Responses', scale: { kind: 'count' }, width: 360 });
}

export function barChart(id: string, title: string, bars: readonly Bar[]): Promise<string> {
  const description = bars.map((b) => `${b.label}: ${b.count} (${b.percentage}%)`).join('; ') || 'No answers yet';
  return renderChart(barChartSpec(bars), { id, title, description });
}
