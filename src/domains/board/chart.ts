import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../../platform/charts/render.ts';

/**
 * Attendance by agency as horizontal bars of per cent present, longest first, as the annual report draws it. The
 * page gives the same figures as a table beside it.
 */
export function attendanceChart(rows: readonly { agencyName: string; percent: number | null }[], yearLabel: string): Promise<string> {
  const values = rows.map((r) => ({ agency: r.agencyName, percent: r.percent ?? 0 }));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 520,
    height: { step: 28 },
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#1d70b8' } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 14 }, encoding: { text: { field: 'percent', type: 'quantitative', format: '.0f' } } },
    ],
    encoding: {
      y: { field: 'agency', type: 'nominal', sort: null, axis: { title: null, labelLimit: 320 } },
      x: { field: 'percent', type: 'quantitative', scale: { domain: [0, 100] }, axis: { title: 'Per cent of board meetings attended', format: '.0f' } },
    },
  } as TopLevelSpec;
  const best = values[0];
  const description = best
    ? ` Attendance at board meetings by agency, ${yearLabel}: highest ${best.agency} at ${best.percent}%, across ${values.length} agencies. The table below gives every figure.`
    : `No board meetings with members expected in ${yearLabel}.`;
  return renderChart(spec, { id: 'attendance-chart', title: `Agency attendance, ${yearLabel}`, description });
}
