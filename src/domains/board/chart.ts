import { horizontalBarSpec } from '../../platform/charts/bar-chart.ts';
import { renderChart } from '../../platform/charts/render.ts';

/** Attendance by agency as bars of per cent present, in the table's order, as the annual report draws it. */
export function attendanceChart(rows: readonly { agencyName: string; percent: number | null }[], yearLabel: string): Promise<string> {
  const bars = rows.map((r) => ({ label: r.agencyName, value: r.percent ?? 0, shown: `${Math.round(r.percent ?? 0)}%` }));
  const spec = horizontalBarSpec(bars, { axisTitle: 'Per cent of board meetings attended', scale: { kind: 'percent' }, width: 520 });
  const best = bars[0];
  const description = best
    ? `Attendance at board meetings by agency, ${yearLabel}: highest ${best.label} at ${best.value}%, across ${bars.length} agencies. The table below gives every figure.`
    : `No board meetings with members expected in ${yearLabel}.`;
  return renderChart(spec, { id: 'attendance-chart', title: `Agency attendance, ${yearLabel}`, description });
}
