import type { Config, TopLevelSpec } from 'vega-lite';

/**
 * Charts are drawn on the server as SVG and put into the page, so they need no script in the browser (the CSP allows
 * none inline) and print as they are shown. Every chart carries a title and a description a screen reader announces,
 * and the page beside it gives the same figures as a table.
 */
export interface ChartText {
  /** Unique on the page: the title's and description's ids are made from it. */
  id: string;
  /** What the chart shows, short (read first by a screen reader). */
  title: string;
  /** What it says: the trend and the figures a reader should take away, in a sentence or two. */
  description: string;
}

/** Fonts a Debian machine has (Liberation Sans is metrically Arial), after the GOV.UK fallbacks. */
export const CHART_FONT = 'Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

/** GOV.UK colours: text, secondary text, borders. */
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const BORDER = '#b1b4b6';

/**
 * The house style for every chart: GOV.UK colours and fonts, no ARIA on the marks (the whole chart is one image
 * with a text alternative, and the table beside it has the figures), and no background (the page's shows through).
 */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'transparent',
  aria: false,
  view: { stroke: null },
  axis: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 14, titleFontSize: 14, titleFontWeight: 'normal', domainColor: SECONDARY, tickColor: SECONDARY, gridColor: '#e5e6e7' },
  legend: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 14, titleFontSize: 14, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
  title: { color: TEXT, fontSize: 16 },
  range: { category: ['#1d70b8', '#0b0c0c', '#d4351c', '#00703c', '#4c2c92', '#f47738'] },
};
export const CHART_COLOURS = { text: TEXT, secondary: SECONDARY, border: BORDER };

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const idOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string with no DOM (`renderer: 'none'`). The SVG is one image
 * (`role="img"`) named by its `<title>` and described by its `<desc>`; it scales to the width of its container.
 */
export async function renderChart(spec: TopLevelSpec, text: ChartText): Promise<string> {
  // Loaded at the first chart: Vega is large, and most requests draw none.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const withConfig: TopLevelSpec = { ...spec, config: { ...CHART_CONFIG, ...spec.config } };
  const view = new vega.View(vega.parse(compile(withConfig, { logger: strictLogger(vega) }).spec), { renderer: 'none' });
  try {
    return accessibleSvg(await view.toSVG(), text);
  } finally {
    view.finalize();
  }
}

/**
 * Vega-Lite warns, rather than fails, when a spec asks for something it drops: the specs are ours, so a warning is a
 * mistake in the code and fails loudly (in the tests) instead of drawing a chart that quietly differs.
 */
function strictLogger(vega: typeof import('vega')) {
  return vega.logger(vega.Warn, undefined, (_method, level, input) => {
    throw new Error(`Vega-Lite ${level.toLowerCase()}: ${Array.from(input as ArrayLike<unknown>).join(' ')}`);
  });
}

/** Gives Vega's SVG its text alternative and makes it scale: exported for tests of other SVG. */
export function accessibleSvg(svg: string, text: ChartText): string {
  const id = idOf(text.id);
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('Vega did not return an SVG document');
  const attributes = open[0].replace(/^<svg/, '').replace(/>$/, '').replace(/\sclass="([^"]*)"/, ' class="$1 cairn-chart"');
  const head =
    `<svg${attributes} role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${xmlEscape(text.title)}</title><desc id="${id}-desc">${xmlEscape(text.description)}</desc>`;
  // Vega's roles describe each group of marks; the chart is one image, whose text and table carry its meaning.
  return head + svg.slice(open[0].length).replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '');
}
