import type { Direction, ScoringRule } from './tables.ts';

/**
 * The arithmetic of a scored tool, pure so it can be tested at its edges: a domain's score is the sum or mean of its
 * items' scores (a domain without items is scored itself), the overall score the sum or mean of the domains', and the
 * band is the one whose range holds the overall score. Scores are kept to two decimal places, so a band's range is
 * checked at that step (or at whole numbers when every rule is a sum and nothing can be fractional).
 */

export interface ToolShape {
  scaleMin: number;
  scaleMax: number;
  domainRule: ScoringRule;
  overallRule: ScoringRule;
  direction: Direction;
  domains: { id: string; name: string; items: { id: string }[] }[];
  bands: { min: number; max: number; label: string }[];
}

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
const combine = (rule: ScoringRule, values: readonly number[]) => {
  const sum = values.reduce((a, b) => a + b, 0);
  return round2(rule === 'sum' ? sum : sum / values.length);
};

/** The smallest difference two overall scores can have: bands must meet at this step. */
export const scoreStep = (tool: Pick<ToolShape, 'domainRule' | 'overallRule' | 'domains'>) =>
  tool.overallRule === 'sum' && (tool.domainRule === 'sum' || tool.domains.every((d) => d.items.length <= 1)) ? 1 : 0.01;

/** The lowest and highest overall score the tool can give. */
export function possibleRange(tool: Pick<ToolShape, 'scaleMin' | 'scaleMax' | 'domainRule' | 'overallRule' | 'domains'>): { min: number; max: number } {
  const domainRange = (d: ToolShape['domains'][number], at: number) => (d.items.length ? combine(tool.domainRule, d.items.map(() => at)) : at);
  return {
    min: combine(tool.overallRule, tool.domains.map((d) => domainRange(d, tool.scaleMin))),
    max: combine(tool.overallRule, tool.domains.map((d) => domainRange(d, tool.scaleMax))),
  };
}

export interface BandProblem {
  message: string;
}

/**
 * Whether the bands cover every possible overall score exactly once: in order, the first starting at the lowest
 * possible score, each starting one step after the one before ends, the last ending at the highest.
 */
export function bandProblems(tool: Pick<ToolShape, 'scaleMin' | 'scaleMax' | 'domainRule' | 'overallRule' | 'domains' | 'bands'>): string[] {
  if (!tool.domains.length) return [];
  const range = possibleRange(tool);
  const step = scoreStep(tool);
  const bands = [...tool.bands].sort((a, b) => a.min - b.min);
  const problems: string[] = [];
  if (!bands.length) return [`Add bands covering the possible scores, ${range.min} to ${range.max}`];
  for (const b of bands) if (b.min > b.max) problems.push(`The band “${b.label}” starts after it ends`);
  if (bands[0]!.min !== range.min) problems.push(`The first band must start at the lowest possible score, ${range.min}`);
  if (bands.at(-1)!.max !== range.max) problems.push(`The last band must end at the highest possible score, ${range.max}`);
  for (let i = 1; i < bands.length; i++) {
    const before = bands[i - 1]!;
    const band = bands[i]!;
    const expected = round2(before.max + step);
    if (band.min < expected) problems.push(`The bands “${before.label}” and “${band.label}” overlap: “${band.label}” should start at ${expected}`);
    else if (band.min > expected) problems.push(`Scores from ${expected} to ${round2(band.min - step)} fall between “${before.label}” and “${band.label}”`);
  }
  return problems;
}

export interface ComputedScores {
  domains: { id: string; score: number }[];
  overall: number;
  band: string;
}

/**
 * Computes a scoring from the raw scores, by item id (or domain id for a domain without items). Every score must be
 * given and within the scale; the caller has checked that, so a missing one here is a programming error.
 */
export function computeScores(tool: ToolShape, raw: ReadonlyMap<string, number>): ComputedScores {
  const scoreOf = (id: string) => {
    const value = raw.get(id);
    if (value === undefined || !Number.isInteger(value) || value < tool.scaleMin || value > tool.scaleMax) throw new Error(`No valid score for ${id}`);
    return value;
  };
  const domains = tool.domains.map((d) => ({ id: d.id, score: d.items.length ? combine(tool.domainRule, d.items.map((i) => scoreOf(i.id))) : scoreOf(d.id) }));
  const overall = combine(tool.overallRule, domains.map((d) => d.score));
  return { domains, overall, band: bandOf(tool.bands, overall) };
}

/** The band holding a score; a score outside every band (a tool saved before its bands were checked) is "No band". */
export function bandOf(bands: ToolShape['bands'], score: number): string {
  return bands.find((b) => score >= b.min && score <= b.max)?.label ?? 'No band';
}

/** Whether a change from `from` to `to` is better, worse or the same, given which way is better. */
export function changeOf(direction: Direction, from: number, to: number): 'improved' | 'worsened' | 'unchanged' {
  if (round2(to - from) === 0) return 'unchanged';
  return (to > from) === (direction === 'higher_better') ? 'improved' : 'worsened';
}

/** Whole months between two dates (the later day of the month not yet reached counts the month as not complete). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

const span = (months: number) => (months === 0 ? 'less than a month' : months === 1 ? '1 month' : `${months} months`);

/** A sentence saying how the overall score moved: "improved from 3.5 to 2 over 6 months (lower is better)". */
export function trendSentence(direction: Direction, points: readonly { on: string; score: number }[]): string {
  if (!points.length) return 'Not scored yet.';
  const first = points[0]!;
  const last = points.at(-1)!;
  if (points.length === 1) return `Scored once, ${first.score}.`;
  const change = changeOf(direction, first.score, last.score);
  const way = direction === 'higher_better' ? 'higher is better' : 'lower is better';
  const over = span(monthsBetween(first.on, last.on));
  if (change === 'unchanged') return `Unchanged at ${last.score} over ${over} (${points.length} scorings).`;
  return `${change === 'improved' ? 'Improved' : 'Worsened'} from ${first.score} to ${last.score} over ${over} (${way}; ${points.length} scorings).`;
}
