import { DISTANCE_TRAVELLED, type DefaultTool, QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { practitionerOf } from '../front-door/synthetic.ts';
import { SCORING_RECORD } from './service-scoring.ts';
import type { ContextType } from './tables.ts';
import { levelAt, makeScoring } from './trajectory.ts';

/**
 * Practice tools in the synthetic authority. A child protection plan for neglect is graded with the Quality of Care
 * tool at the start and about every three months while it lasts; most families improve (as plans end with needs met),
 * some get worse. Early help cases score the distance travelled measure at the assessment and at each review in
 * about two cases out of three (seed 003: used where the partnership has trained practitioners in it).
 */
export const EARLY_HELP_SHARE = 0.65;
const MAX_SCORINGS = 8;

type Trend = 'better' | 'worse' | 'same';

/** Where the family starts and ends on the tool's scale, by which way things went. */
function levels(tool: DefaultTool, trend: Trend, ctx: SyntheticContext): [number, number] {
  const lowerBetter = tool.direction === 'lower_better';
  const poor = lowerBetter ? ctx.rng.int(3, 5) : ctx.rng.int(2, 4);
  const good = lowerBetter ? ctx.rng.int(1, 2) : ctx.rng.int(6, 9);
  const middle = lowerBetter ? 3 : 5;
  if (trend === 'better') return [poor, good];
  if (trend === 'worse') return [lowerBetter ? ctx.rng.int(2, 3) : ctx.rng.int(5, 6), poor];
  return [middle, middle];
}

function scoreRun(
  journey: Journey,
  ctx: SyntheticContext,
  tool: DefaultTool,
  dates: string[],
  context: { type: ContextType; id: string },
  by: string,
  agencyId: string,
  trend: Trend,
): void {
  const [from, to] = levels(tool, trend, ctx);
  for (const [k, on] of dates.entries()) {
    const id = ctx.id(on);
    const made = makeScoring(tool, { id, personId: journey.child.personId, on, by, context }, levelAt(from, to, k, dates.length), () => ctx.rng.int(-1, 1));
    ctx.add('practice_tool_scorings', { ...made.scoring, ...ctx.stamp(on, by), version: 1 });
    for (const d of made.domains) ctx.add('practice_tool_scoring_domains', { id: ctx.id(on), ...d });
    for (const i of made.items) ctx.add('practice_tool_scoring_items', { id: ctx.id(on), ...i });
    ctx.chronology({ personId: journey.child.personId, at: on, type: 'practice_tool.scored', summary: made.summary, agencyId, by, recordType: SCORING_RECORD, recordId: id });
  }
}

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  for (const episode of journey.episodes) {
    for (const plan of episode.cpPlans) {
      if (!plan.categories.includes('NEG') && plan.initialCategory !== 'NEG') continue;
      const last = plan.endDate && plan.endDate < ctx.end ? plan.endDate : ctx.end;
      const dates: string[] = [];
      for (let on = plan.startDate; on <= last && dates.length < MAX_SCORINGS; on = addMonths(on, 3)) dates.push(on);
      const trend: Trend = plan.endReason === 'no_longer_needed' || plan.endReason === 'child_in_need' ? 'better' : plan.endReason === 'looked_after' ? 'worse' : ctx.rng.pick(['better', 'better', 'same', 'worse'] as const);
      scoreRun(journey, ctx, QUALITY_OF_CARE, dates, { type: 'cp_plan', id: plan.id }, ctx.worker('child_protection', journey.child).id, ctx.org.agencyIds.csc, trend);
    }
  }
  for (const spell of journey.earlyHelp) {
    if (!ctx.rng.chance(EARLY_HELP_SHARE)) continue;
    const dates = [spell.assessmentStartedOn, ...spell.reviewDates].filter((d) => d <= ctx.end && (!spell.closedOn || d <= spell.closedOn)).slice(0, MAX_SCORINGS);
    if (!dates.length) continue;
    // Needs met means the family moved on; a step up means things got worse; the rest could go either way.
    const trend: Trend = spell.stepUpContactId ? 'worse' : spell.closureReason === 'needs_met' ? ctx.rng.pick(['better', 'better', 'better', 'same'] as const) : ctx.rng.pick(['better', 'same', 'worse'] as const);
    scoreRun(journey, ctx, DISTANCE_TRAVELLED, dates, { type: 'early_help', id: spell.id }, practitionerOf(ctx, journey.child, spell.lead), ctx.org.agencyIds[spell.lead], trend);
  }
};
