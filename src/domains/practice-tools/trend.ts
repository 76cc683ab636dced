import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../../platform/charts/render.ts';
import type { FullTool, ScoringRow } from './repository.ts';
import { changeOf, round2, trendSentence } from './scoring.ts';

/**
 * A child's scores on one tool over time: the overall score and each domain's, as a table, a sentence and two
 * charts (the overall line, then one small chart per domain), and the distance travelled per domain from the first
 * scoring to the latest. Domains are matched across versions by name, so a renamed domain starts a new line.
 */

export interface TrendInput {
  tool: FullTool;
  scorings: (ScoringRow & { domains: { name: string; score: number }[] })[];
}

export function trendFigures({ tool, scorings }: TrendInput) {
  const direction = tool.direction;
  const domainNames = [...new Set([...tool.domains.map((d) => d.name), ...scorings.flatMap((s) => s.domains.map((d) => d.name))])];
  const sentence = trendSentence(direction, scorings.map((s) => ({ on: s.scored_on, score: s.overall_score })));
  const first = scorings[0];
  const latest = scorings.at(-1);
  const distance =
    first && latest && first !== latest
      ? domainNames.flatMap((name) => {
          const from = first.domains.find((d) => d.name === name)?.score;
          const to = latest.domains.find((d) => d.name === name)?.score;
          if (from === undefined || to === undefined) return [];
          return [{ name, from, to, change: round2(to - from), verdict: changeOf(direction, from, to) }];
        })
      : [];
  return { domainNames, sentence, distance, first: first ?? null, latest: latest ?? null };
}

function overallSpec(input: TrendInput, range: { min: number; max: number }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 640,
    height: 240,
    data: { values: input.scorings.map((s) => ({ on: s.scored_on, score: s.overall_score })) },
    mark: { type: 'line', point: { size: 80, filled: true, color: '#1d70b8' }, strokeWidth: 2.5, color: '#1d70b8' },
    encoding: {
      x: { field: 'on', type: 'temporal', scale: { type: 'utc' }, axis: { title: null, format: '%b %Y', labelAngle: 0, grid: false, tickCount: 6 } },
      y: { field: 'score', type: 'quantitative', scale: { domain: [range.min, range.max] }, axis: { title: 'Overall score', tickMinStep: 0.5 } },
    },
  } as TopLevelSpec;
}

function domainSpec(input: TrendInput, names: string[], range: { min: number; max: number }): TopLevelSpec {
  const values = input.scorings.flatMap((s) => s.domains.map((d) => ({ on: s.scored_on, score: d.score, domain: d.name })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    facet: { field: 'domain', type: 'nominal', sort: names, header: { title: null, labelFontSize: 13, labelLimit: 0 } },
    columns: 2,
    spec: {
      width: 260,
      height: 110,
      mark: { type: 'line', point: { size: 40, filled: true, color: '#0b0c0c' }, strokeWidth: 2, color: '#0b0c0c' },
      encoding: {
        x: { field: 'on', type: 'temporal', scale: { type: 'utc' }, axis: { title: null, format: '%b %y', labelAngle: 0, grid: false, tickCount: 3 } },
        y: { field: 'score', type: 'quantitative', scale: { domain: [range.min, range.max] }, axis: { title: null, tickMinStep: 1 } },
      },
    },
  } as TopLevelSpec;
}

/** Both charts as SVG, each with its text alternative; none when there is nothing to draw. */
export async function trendCharts(input: TrendInput, figures: ReturnType<typeof trendFigures>, range: { overall: { min: number; max: number }; domain: { min: number; max: number } }) {
  if (!input.scorings.length) return { overallSvg: null, domainSvg: null };
  const way = input.tool.direction === 'higher_better' ? 'Higher scores are better.' : 'Lower scores are better.';
  const overallSvg = await renderChart(overallSpec(input, range.overall), { id: 'overall-trend', title: `${input.tool.row.name}: overall score over time`, description: `${figures.sentence} ${way} The table below gives every score.` });
  const moves = figures.distance.map((d) => `${d.name} ${d.verdict === 'unchanged' ? 'unchanged' : `${d.verdict} from ${d.from} to ${d.to}`}`).join('; ');
  const domainSvg = await renderChart(domainSpec(input, figures.domainNames, range.domain), {
    id: 'domain-trend',
    title: `${input.tool.row.name}: each domain’s score over time`,
    description: `${moves ? `From the first scoring to the latest: ${moves}.` : 'Scored once, so no change to show yet.'} ${way} The tables below give every score.`,
  });
  return { overallSvg, domainSvg };
}
