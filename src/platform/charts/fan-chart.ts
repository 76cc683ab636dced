import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './render.ts';

/** One month of a forecast: the central estimate (p50) inside its 50% (p25–p75) and 90% (p5–p95) intervals. */
export interface FanPoint {
  /** The month's last day, ISO `YYYY-MM-DD`. */
  monthEnd: string;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface FanChartInput {
  /** Unique on the page; defaults to the title's words. */
  id?: string;
  title: string;
  description: string;
  series: FanPoint[];
  /** What was observed before the forecast starts, drawn as a solid line. */
  history?: { monthEnd: string; count: number }[];
  /** The y axis's title. Default "Children". */
  yTitle?: string;
  width?: number;
  height?: number;
}

/** The legend's names, in the order drawn; a reader of the chart needs to tell them apart without colour alone. */
export const FAN_LAYERS = {
  outer: '90% interval',
  inner: '50% interval',
  median: 'Forecast (median, dashed)',
  history: 'Recorded',
} as const;

/** GOV.UK blue at 25% and 50% on white, solid so the legend's swatches match the bands exactly. */
const PALE_BLUE = '#c6dbed';
const MID_BLUE = '#8eb8dc';
const DARK_BLUE = '#003078';
const BLACK = '#0b0c0c';

/**
 * A fan chart as a Vega-Lite spec: two shaded interval bands (the 90% one lighter and wider), the median as a dashed
 * line, and what was recorded before the forecast as a solid line, so it reads in black and white too.
 */
export function fanChartSpec(input: FanChartInput): TopLevelSpec {
  const history = input.history ?? [];
  const last = history.at(-1);
  // The fan opens from the last recorded month, so the forecast visibly continues what was seen.
  const series = last && input.series[0] && last.monthEnd < input.series[0].monthEnd
    ? [{ monthEnd: last.monthEnd, p5: last.count, p25: last.count, p50: last.count, p75: last.count, p95: last.count }, ...input.series]
    : input.series;
  const layers = [FAN_LAYERS.outer, FAN_LAYERS.inner, FAN_LAYERS.median, ...(history.length ? [FAN_LAYERS.history] : [])];
  const colour = { scale: { domain: layers, range: [PALE_BLUE, MID_BLUE, DARK_BLUE, BLACK] }, legend: { title: null, symbolType: 'square', symbolOpacity: 1, labelLimit: 0 } };
  const x = {
    field: 'monthEnd',
    type: 'temporal',
    scale: { type: 'utc' },
    axis: { title: null, format: '%b %Y', labelAngle: 0, tickCount: 6, grid: false },
  } as const;
  const y = { type: 'quantitative', axis: { title: input.yTitle ?? 'Children', format: ',.0f', tickCount: 6 }, scale: { zero: false, nice: true } } as const;
  const band = (name: string, low: string, high: string) => ({
    data: { values: series },
    mark: { type: 'area', opacity: 1, interpolate: 'linear' },
    encoding: { x, y: { ...y, field: low }, y2: { field: high }, color: { ...colour, datum: name } },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: input.width ?? 640,
    height: input.height ?? 320,
    layer: [
      band(FAN_LAYERS.outer, 'p5', 'p95'),
      band(FAN_LAYERS.inner, 'p25', 'p75'),
      {
        data: { values: series },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [6, 4], interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'p50' }, color: { ...colour, datum: FAN_LAYERS.median } },
      },
      ...(history.length
        ? [{
            data: { values: history },
            mark: { type: 'line', strokeWidth: 2.5 },
            encoding: { x, y: { ...y, field: 'count' }, color: { ...colour, datum: FAN_LAYERS.history } },
          }]
        : []),
    ],
  } as TopLevelSpec;
}

/** The fan chart as accessible SVG for a page (see renderChart). */
export function fanChart(input: FanChartInput): Promise<string> {
  return renderChart(fanChartSpec(input), { id: input.id ?? input.title, title: input.title, description: input.description });
}
