import { CHART_COLOURS, CHART_FONT, type ChartText } from '../../platform/charts/render.ts';
import type { Confidence } from './tables.ts';

/**
 * A child's network drawn by hand as SVG on the server: the child in the centre, the people they are associated
 * with on the inner ring and the places and peer groups they are linked to on the outer ring. The layout is
 * deterministic (the same network always draws the same picture): each ring's nodes are ordered by kind, then name,
 * then id, and spread evenly from the top, clockwise. The picture is one image (`role="img"`) named by its title and
 * described by its description; the page beside it lists everything in tables, with links. Kinds differ by shape as
 * well as colour, and confidence by the line's pattern, so nothing is told by colour alone. No script, no styles.
 */
export type NodeKind = 'child' | 'adult' | 'place' | 'group';

export interface NetworkNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** How sure the association is (people only); places and groups are drawn with a plain line. */
  confidence?: Confidence;
}

export interface NetworkGraph {
  centre: { label: string; kind: 'child' | 'adult' };
  /** Young people and adults: the inner ring. */
  people: readonly NetworkNode[];
  /** Places and peer groups: the outer ring. */
  linked: readonly NetworkNode[];
}

const COLOURS: Record<NodeKind, string> = { child: '#1d70b8', adult: '#d4351c', place: '#00703c', group: '#4c2c92' };
const KIND_ORDER: Record<NodeKind, number> = { child: 0, adult: 1, group: 2, place: 3 };
const DASHES: Record<Confidence, string | null> = { confirmed: null, likely: '9 5', possible: '2 5' };
const LABEL_LENGTH = 24;
/** Room each node needs along its ring, so that labels seldom touch. */
const SPACING = 120;
/** Room round the outer ring for its labels: wide at the sides, where a label runs away from its node. */
const MARGIN_X = 220;
const MARGIN_Y = 60;

export const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const idOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'network';
const round = (n: number) => Math.round(n * 10) / 10;
/** A white edge round each letter, so a line passing behind a label never makes it hard to read. */
const HALO = 'stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"';
const shorten = (label: string) => (label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : label);

/** The order nodes take round a ring: by kind, then name, then id, whatever order they came in. */
export function ringOrder<T extends NetworkNode>(nodes: readonly T[]): T[] {
  return [...nodes].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.label.localeCompare(b.label, 'en-GB') || a.id.localeCompare(b.id));
}

/** A ring's radius: big enough for its nodes, never inside the ring before it. */
const radiusFor = (count: number, least: number) => Math.max(least, (count * SPACING) / (2 * Math.PI));

interface Point {
  x: number;
  y: number;
}

interface Placed extends NetworkNode {
  x: number;
  y: number;
  angle: number;
}

/** `halfStep` turns the ring by half a node's share, so the outer ring's lines pass between the inner ring's nodes. */
function place(nodes: readonly NetworkNode[], radius: number, centre: Point, halfStep: boolean): Placed[] {
  return ringOrder(nodes).map((node, i, all) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * (i + (halfStep ? 0.5 : 0))) / all.length;
    return { ...node, angle, x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  });
}

function shape(kind: NodeKind | 'centre', x: number, y: number): string {
  const fill = kind === 'centre' ? CHART_COLOURS.text : COLOURS[kind];
  const common = `fill="${fill}" stroke="#ffffff" stroke-width="2"`;
  switch (kind) {
    case 'centre':
      return `<circle cx="${round(x)}" cy="${round(y)}" r="22" ${common}/>`;
    case 'child':
      return `<circle cx="${round(x)}" cy="${round(y)}" r="14" ${common}/>`;
    case 'adult':
      return `<rect x="${round(x - 13)}" y="${round(y - 13)}" width="26" height="26" ${common}/>`;
    case 'place':
      return `<polygon points="${[[0, -17], [17, 0], [0, 17], [-17, 0]].map(([dx, dy]) => `${round(x + dx!)},${round(y + dy!)}`).join(' ')}" ${common}/>`;
    case 'group': {
      const corners = Array.from({ length: 6 }, (_, i) => [x + 16 * Math.cos((Math.PI / 3) * i), y + 16 * Math.sin((Math.PI / 3) * i)]);
      return `<polygon points="${corners.map(([cx, cy]) => `${round(cx!)},${round(cy!)}`).join(' ')}" ${common}/>`;
    }
  }
}

/**
 * A label just outside its node, on the side away from the centre. On the inner ring a label running sideways would
 * cross the outer ring's nodes, so it is centred above or below its node instead.
 */
function label(node: Placed, inner: boolean): string {
  const cos = Math.cos(node.angle);
  const sin = Math.sin(node.angle);
  const anchor = inner ? 'middle' : cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
  const x = inner ? node.x : node.x + cos * 24;
  const y = inner ? node.y + (sin < -0.1 ? -22 : 32) : node.y + sin * 24 + (anchor === 'middle' ? (sin > 0 ? 12 : -4) : 5);
  return `<text x="${round(x)}" y="${round(y)}" text-anchor="${anchor}" font-family="${escapeXml(CHART_FONT)}" font-size="14" fill="${CHART_COLOURS.text}" ${HALO}>${escapeXml(shorten(node.label))}</text>`;
}

function edge(node: Placed, centre: Point): string {
  const dash = node.confidence ? DASHES[node.confidence] : null;
  const width = node.kind === 'child' || node.kind === 'adult' ? 3 : 2;
  const colour = node.kind === 'child' || node.kind === 'adult' ? CHART_COLOURS.text : CHART_COLOURS.secondary;
  return `<line x1="${round(centre.x)}" y1="${round(centre.y)}" x2="${round(node.x)}" y2="${round(node.y)}" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

/** The network as one accessible SVG image, sized to fit its rings and scaled to its container by the page. */
export function networkSvg(graph: NetworkGraph, text: ChartText): string {
  const inner = graph.people.length ? radiusFor(graph.people.length, 130) : 0;
  const outer = graph.linked.length ? radiusFor(graph.linked.length, inner + 120) : 0;
  const radius = Math.max(inner, outer);
  const width = Math.ceil(2 * (radius + MARGIN_X));
  const height = Math.ceil(2 * (radius + MARGIN_Y));
  const centre = { x: width / 2, y: height / 2 };
  const people = place(graph.people, inner, centre, false);
  const nodes = [...people, ...place(graph.linked, outer, centre, graph.people.length > 0)];
  const id = idOf(text.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="cairn-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>`,
    `<g>${nodes.map((n) => edge(n, centre)).join('')}</g>`,
    ...nodes.map((n) => `<g data-kind="${n.kind}">${shape(n.kind, n.x, n.y)}${label(n, people.includes(n))}</g>`),
    `<g data-kind="centre">${shape('centre', centre.x, centre.y)}<text x="${round(centre.x)}" y="${round(centre.y + 42)}" text-anchor="middle" font-family="${escapeXml(CHART_FONT)}" font-size="16" font-weight="bold" fill="${CHART_COLOURS.text}" ${HALO}>${escapeXml(shorten(graph.centre.label))}</text></g>`,
    '</svg>',
  ];
  return parts.join('');
}

/** "Linked to 2 young people, 1 adult, 3 places and 1 peer group." — the figures a screen reader hears first. */
export function networkSummary(graph: NetworkGraph): string {
  const count = (kind: NodeKind) => [...graph.people, ...graph.linked].filter((n) => n.kind === kind).length;
  const phrase = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    phrase(count('child'), 'young person', 'young people'),
    phrase(count('adult'), 'adult', 'adults'),
    phrase(count('place'), 'place', 'places'),
    phrase(count('group'), 'peer group', 'peer groups'),
  ];
  return `${graph.centre.label} is in the centre, linked to ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.`;
}
