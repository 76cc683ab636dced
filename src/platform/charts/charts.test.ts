import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { horizontalBarSpec, stackedBarSpec } from './bar-chart.ts';
import { FAN_LAYERS, fanChart, fanChartSpec } from './fan-chart.ts';
import { lineChart } from './line-chart.ts';
import { accessibleSvg, renderChart } from './render.ts';

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const series = Array.from({ length: 12 }, (_, i) => {
  const m = 100 + i;
  return { monthEnd: monthEnd(2026, i + 4), p5: m - 10 - i, p25: m - 4, p50: m, p75: m + 4, p95: m + 10 + i };
});
const history = Array.from({ length: 6 }, (_, i) => ({ monthEnd: monthEnd(2025, i + 10), count: 95 + i }));
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('charts drawn on the server', () => {
  it('a fan chart is one image named by its title and described by its description, with no script', async () => {
    const svg = await fanChart({ id: 'in-care', title: 'Children in care', description: 'Rising from 100 to 111 by March 2027.', series, history });
    assert.match(svg, /^<svg[^>]* role="img" aria-labelledby="in-care-title in-care-desc"/);
    assert.match(svg, /<title id="in-care-title">Children in care<\/title><desc id="in-care-desc">Rising from 100 to 111 by March 2027\.<\/desc>/);
    assert.match(svg, /class="marks cairn-chart"/);
    assert.doesNotMatch(svg, /<script|\son[a-z]+=|javascript:/i);
    // The CSP allows no inline styles, so the drawing must not depend on any.
    assert.doesNotMatch(svg, /\sstyle="/);
    // Vega's per-mark roles are gone: only the chart itself is exposed to assistive technology.
    assert.equal(count(svg, /\srole="/g), 1);
    assert.match(svg, /font-family="Arial, &quot;Liberation Sans&quot;, &quot;DejaVu Sans&quot;, sans-serif"/);
  });

  it('draws two interval bands, the median and the recorded history, each named in the legend', async () => {
    const svg = await fanChart({ title: 'Fan', description: 'd', series, history });
    assert.equal(count(svg, /class="mark-area /g), 2);
    assert.equal(count(svg, /class="mark-line /g), 2);
    for (const name of Object.values(FAN_LAYERS)) assert.ok(svg.includes(`>${name}</text>`), `legend names ${name}`);
    const without = await fanChart({ title: 'Fan', description: 'd', series });
    assert.equal(count(without, /class="mark-area /g), 2);
    assert.equal(count(without, /class="mark-line /g), 1);
    assert.ok(!without.includes(`>${FAN_LAYERS.history}<`));
  });

  it('opens the fan from the last recorded month, and plots every month of the forecast', () => {
    const spec = fanChartSpec({ title: 'Fan', description: 'd', series, history }) as unknown as { layer: { data: { values: { monthEnd: string; p5?: number; p95?: number }[] } }[] };
    const outer = spec.layer[0]!.data.values;
    assert.equal(outer.length, series.length + 1);
    assert.deepEqual(outer[0], { monthEnd: '2026-03-31', p5: 100, p25: 100, p50: 100, p75: 100, p95: 100 });
    assert.equal(spec.layer[3]!.data.values.length, history.length);
    const alone = fanChartSpec({ title: 'Fan', description: 'd', series }) as unknown as { layer: { data: { values: unknown[] } }[] };
    assert.equal(alone.layer.length, 3);
    assert.equal(alone.layer[0]!.data.values.length, series.length);
  });

  it('escapes the text alternative, and gives each chart on a page its own ids', async () => {
    const svg = await renderChart({ data: { values: [{ a: 1, b: 2 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } }, {
      id: 'Spend & <counts>',
      title: 'Spend <b>& counts</b>',
      description: '"Quoted" <script>alert(1)</script>',
    });
    assert.match(svg, /aria-labelledby="spend-counts-title spend-counts-desc"/);
    assert.match(svg, /<title id="spend-counts-title">Spend &lt;b&gt;&amp; counts&lt;\/b&gt;<\/title>/);
    assert.doesNotMatch(svg, /<script/);
    assert.throws(() => accessibleSvg('<p>not svg</p>', { id: 'x', title: 'x', description: 'x' }), /did not return an SVG/);
  });

  it('refuses a spec Vega-Lite would quietly draw differently', async () => {
    await assert.rejects(
      renderChart({ data: { values: [] }, mark: 'line', encoding: { x: { field: 'a', type: 'temporal', axis: { format: '%Y', formatType: 'nonsense' } } } }, { id: 'x', title: 'x', description: 'x' }),
      /Vega-Lite warn:/,
    );
  });

  it('a line chart draws one line a series, each named in the legend', async () => {
    const points = (offset: number) => series.map((m) => ({ monthEnd: m.monthEnd, value: m.p50 + offset }));
    const svg = await lineChart({ id: 'backtest', title: 'Forecast against recorded', description: 'Close.', lines: [
      { name: 'Recorded', points: points(0) },
      { name: 'Forecast (dashed)', dashed: true, points: points(3) },
    ] });
    assert.match(svg, /aria-labelledby="backtest-title backtest-desc"/);
    assert.equal(count(svg, /class="mark-line /g), 2);
    assert.equal(count(svg, /stroke-dasharray="6,4"/g), 1);
    assert.ok(svg.includes('>Recorded</text>') && svg.includes('>Forecast (dashed)</text>'));
    assert.doesNotMatch(svg, /<script|\sstyle="/);
  });

  it('draws horizontal bars in the order given, each labelled, on a count or per cent axis', async () => {
    const bars = [{ label: 'Police', value: 83.3, shown: '83%' }, { label: 'Health', value: 50, shown: '50%' }];
    const svg = await renderChart(horizontalBarSpec(bars, { axisTitle: 'Per cent attended', scale: { kind: 'percent' } }), { id: 'bars', title: 'Attendance', description: 'Police 83%, health 50%.' });
    assert.ok(svg.indexOf('Police') < svg.indexOf('Health'), 'rows keep the order given');
    assert.match(svg, />83%</);
    assert.match(svg, />Per cent attended</);
    assert.doesNotMatch(svg, /\sstyle="/);
  });

  it('stacks the parts of each row in their order with their own colours and a legend', async () => {
    const rows = [{ label: 'Q1', parts: [2, 1, 0] }, { label: 'Q2', parts: [0, 1, 2] }];
    const spec = stackedBarSpec(rows, { parts: ['Good', 'Requires improvement', 'Inadequate'], colours: ['#00703c', '#f47738', '#d4351c'], axisTitle: 'Children', scale: { kind: 'count', max: 3 } });
    const svg = await renderChart(spec, { id: 'stacked', title: 'Grades', description: 'Q1 mostly good; Q2 mostly inadequate.' });
    for (const name of ['Good', 'Requires improvement', 'Inadequate', 'Children']) assert.match(svg, new RegExp(`>${name}<`));
    assert.equal(count(svg, /fill="#d4351c"/g) >= 2, true, 'the inadequate part of Q2 and its legend symbol');
  });
});
