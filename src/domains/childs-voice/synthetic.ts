import { ageAt } from '../children-in-care/rules-903.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { HOW_FOR_CHRONOLOGY } from './labels.ts';
import type { CapturedHow } from './tables.ts';
import { SAID, WANTS } from './words.ts';

/** Children of this age and over are asked for their views; younger ones are observed, which is recorded elsewhere. */
export const YOUNGEST = 4;
const HOW: Record<CapturedHow, number> = { alone: 50, with_parent: 20, drawing: 15, advocate: 10, other: 5 };

/**
 * The child's views in the synthetic authority: heard before most initial child protection conferences (the
 * conference day, by the child's social worker) and at about half of early help reviews (by the lead professional).
 */
export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  const { child } = journey;
  const old = (on: string) => ageAt(child.dateOfBirth, on) >= YOUNGEST;
  for (const episode of journey.episodes) {
    for (const plan of episode.cpPlans) {
      if (plan.startDate <= ctx.end && old(plan.startDate) && ctx.rng.chance(0.7)) record(journey, ctx, plan.startDate, ctx.worker('child_protection', child).id, ctx.org.agencyIds.csc, true);
    }
  }
  for (const spell of journey.earlyHelp) {
    for (const review of spell.reviewDates) {
      if (review <= ctx.end && old(review) && ctx.rng.chance(0.5)) {
        const team = ctx.org.earlyHelp[child.index % ctx.org.earlyHelp.length]!;
        record(journey, ctx, review, team.workerIds[child.index % team.workerIds.length]!, ctx.org.agencyIds.eh, false);
      }
    }
  }
};

function record(journey: Journey, ctx: SyntheticContext, on: string, by: string, agencyId: string, plan: boolean): void {
  const { rng } = ctx;
  const how = rng.weighted(HOW);
  const id = ctx.id(on);
  const face = () => (rng.chance(0.8) ? rng.int(1, 5) : null);
  ctx.add('child_views', {
    id, person_id: journey.child.personId, recorded_on: on, in_their_words: rng.pick([...SAID]), captured_how: how, captured_other: how === 'other' ? 'On a walk to the shop' : null,
    feel_home: face(), feel_school: face(), feel_plan: plan || rng.chance(0.5) ? face() : null, wants: rng.chance(0.7) ? rng.pick([...WANTS]) : null, ...ctx.stamp(new Date(`${on}T10:00:00Z`), by), version: 1,
  });
  ctx.chronology({ personId: journey.child.personId, at: new Date(`${on}T10:00:00Z`), type: 'child.views_recorded', summary: `The child’s views recorded (${HOW_FOR_CHRONOLOGY[how]})`, agencyId, by, recordType: 'child_views', recordId: id });
}
