import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLOURS } from './render.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
/** GOV.UK blue, for a single series. */
const BAR = '#1d70b8';

/** The value axis: whole numbers (counts) or per cent (0–100). */
export type Scale = { kind: 'count'; max?: number } | { kind: 'percent' };

const valueAxis = (field: string, title: string, scale: Scale) => ({
  field,
  type: 'quantitative',
  ...(scale.kind === 'percent'
    ? { scale: { domain: [0, 100] }, axis: { title, format: '.0f' } }
    : scale.max !== undefined
      ? { scale: { domain: [0, scale.max] }, axis: { title, format: 'd', values: Array.from({ length: scale.max + 1 }, (_, i) => i) } }
      : { scale: { domainMin: 0 }, axis: { title, format: 'd', tickMinStep: 1 } }),
});

/**
 * One horizontal bar a row, in the order given (long labels read across rather than up), each labelled at its end
 * with `shown`. The page beside it gives the same figures as a table.
 */
export function horizontalBarSpec(bars: readonly { label: string; value: number; shown: string }[], options: { axisTitle: string; scale: Scale; width?: number }): TopLevelSpec {
  return {
    $schema: SCHEMA,
    width: options.width ?? 480,
    height: { step: 30 },
    data: { values: bars.map((b) => ({ ...b })) },
    encoding: { y: { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelLimit: 320 } } },
    layer: [
      { mark: { type: 'bar', color: BAR }, encoding: { x: valueAxis('value', options.axisTitle, options.scale) } },
      { mark: { type: 'text', align: 'left', dx: 4, color: CHART_COLOURS.text, fontSize: 13 }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'shown', type: 'nominal' } } },
    ],
  } as TopLevelSpec;
}

/**
 * One horizontal bar a row, split into parts stacked in their given order with their own colours (grades, ratings),
 * and a legend naming the parts.
 */
export function stackedBarSpec(
  rows: readonly { label: string; parts: readonly number[] }[],
  options: { parts: readonly string[]; colours: readonly string[]; axisTitle: string; scale: Scale; width?: number },
): TopLevelSpec {
  const values = rows.flatMap((row) => options.parts.map((part, order) => ({ row: row.label, part, order, value: row.parts[order] ?? 0 })));
  return {
    $schema: SCHEMA,
    width: options.width ?? 560,
    height: { step: 30 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null, labelLimit: 320 } },
      x: { ...valueAxis('value', options.axisTitle, options.scale), stack: 'zero' },
      color: { field: 'part', type: 'nominal', scale: { domain: [...options.parts], range: [...options.colours] }, legend: { title: null, labelLimit: 0 } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}
