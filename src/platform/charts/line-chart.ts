import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './render.ts';

/** One line of a line chart: a name for the legend and its values by month. */
export interface Line {
  name: string;
  /** Dashed lines read as estimates (a forecast) beside solid ones (what was recorded), in black and white too. */
  dashed?: boolean;
  points: { monthEnd: string; value: number }[];
}

export interface LineChartInput {
  id?: string;
  title: string;
  description: string;
  lines: Line[];
  yTitle?: string;
  width?: number;
  height?: number;
}

const COLOURS = ['#0b0c0c', '#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738'];

/** Lines over months (a forecast beside what happened, say), one colour and dash each, named in the legend. */
export function lineChartSpec(input: LineChartInput): TopLevelSpec {
  const names = input.lines.map((l) => l.name);
  const colour = { scale: { domain: names, range: COLOURS.slice(0, names.length) }, legend: { title: null, symbolType: 'stroke', labelLimit: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: input.width ?? 640,
    height: input.height ?? 300,
    layer: input.lines.map((line) => ({
      data: { values: line.points },
      mark: { type: 'line', strokeWidth: 2.5, point: line.points.length < 40, ...(line.dashed ? { strokeDash: [6, 4] } : {}) },
      encoding: {
        x: { field: 'monthEnd', type: 'temporal', scale: { type: 'utc' }, axis: { title: null, format: '%b %Y', labelAngle: 0, grid: false } },
        y: { field: 'value', type: 'quantitative', axis: { title: input.yTitle ?? 'Children', format: ',.0f', tickMinStep: 1 }, scale: { zero: false, nice: true } },
        color: { ...colour, datum: line.name },
      },
    })),
  } as TopLevelSpec;
}

export function lineChart(input: LineChartInput): Promise<string> {
  return renderChart(lineChartSpec(input), { id: input.id ?? input.title, title: input.title, description: input.description });
}
