import type { DefaultTool } from '../../db/migrations/0031_practice_tools.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { computeScores } from './scoring.ts';
import type { ContextType } from './tables.ts';

/**
 * Made-up scorings for the demo and the synthetic authority: a child's scores move from one level of the scale to
 * another over a run of scorings, each area a little above or below the level, so the charts show a believable trend.
 * Rows are built as the service writes them (computed scores and band with the tool version).
 */

export interface MadeScoring {
  scoring: { id: string; person_id: string; tool_id: string; scored_on: string; context_type: ContextType | null; context_id: string | null; overall_score: number; band_label: string; created_by: string };
  domains: { scoring_id: string; domain_id: string; score: number; note: string | null }[];
  items: { scoring_id: string; item_id: string; score: number }[];
  summary: string;
}

/** Each area's offset from the level: fixed per area, so one area is always the family's hardest. */
const OFFSETS = [0, 1, -1, 0, 1, 0, -1, 0, 1, -1];

/** The level of scoring k of n on a straight line from `from` to `to`, with `wobble` (−1, 0 or 1) added. */
export function levelAt(from: number, to: number, k: number, n: number): number {
  return n <= 1 ? to : from + ((to - from) * k) / (n - 1);
}

export function makeScoring(
  tool: DefaultTool,
  at: { id: string; personId: string; on: string; by: string; context: { type: ContextType; id: string } | null },
  level: number,
  wobble: (unit: number) => number = () => 0,
  note: string | null = null,
): MadeScoring {
  const clamp = (v: number) => Math.min(tool.scaleMax, Math.max(tool.scaleMin, Math.round(v)));
  const raw = new Map<string, number>();
  let unit = 0;
  for (const d of tool.domains) {
    for (const id of d.items.length ? d.items.map((i) => i.id) : [d.id]) {
      raw.set(id, clamp(level + OFFSETS[unit % OFFSETS.length]! + wobble(unit)));
      unit += 1;
    }
  }
  const computed = computeScores(tool, raw);
  return {
    scoring: { id: at.id, person_id: at.personId, tool_id: tool.id, scored_on: at.on, context_type: at.context?.type ?? null, context_id: at.context?.id ?? null, overall_score: computed.overall, band_label: computed.band, created_by: at.by },
    domains: computed.domains.map((d, i) => ({ scoring_id: at.id, domain_id: d.id, score: d.score, note: i === 0 ? note : null })),
    items: tool.domains.flatMap((d) => d.items.map((i) => ({ scoring_id: at.id, item_id: i.id, score: raw.get(i.id)! }))),
    summary: `Scored on ${tool.name}: ${computed.overall} overall, ${computed.band.toLowerCase()}`,
  };
}

/** `n` dates from `from` to `to`, evenly spread (the same day more than once when the span is short). */
export function spreadDates(from: string, to: string, n: number): string[] {
  const days = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return Array.from({ length: n }, (_, k) => addCalendarDays(from, n <= 1 ? days : Math.round((days * k) / (n - 1))));
}
