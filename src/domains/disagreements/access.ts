import type { Actor } from '../../platform/access/rules.ts';
import { can } from '../../platform/access/rules.ts';
import { TOP_STAGE } from './labels.ts';

/** What a decision about a disagreement needs to know: whose it is and where it stands, never what it says. */
export interface Parties {
  raised_by: string;
  raised_by_agency: string;
  about_agency: string;
  stage: number;
  status: string;
}

export type Step = 'respond' | 'escalate' | 'resolve' | 'withdraw';

/**
 * How the actor stands to a disagreement. The raiser and their agency's managers bring it; the practitioners and
 * managers of the agency it is about answer it; the partnership business unit oversees every one.
 */
export function relationOf(actor: Actor, d: Parties) {
  const works = can(actor, 'disagreements.raise').allowed;
  const manager = actor.roles.includes('manager');
  const raiser = works && actor.id === d.raised_by;
  const raisingManager = manager && actor.agencyId === d.raised_by_agency;
  const aboutStaff = works && actor.agencyId === d.about_agency;
  const aboutManager = manager && actor.agencyId === d.about_agency;
  const chair = can(actor, 'disagreements.manage').allowed;
  return { sees: raiser || raisingManager || aboutStaff || chair, raiser, raisingManager, aboutStaff, aboutManager, chair };
}
export type Relation = ReturnType<typeof relationOf>;

/**
 * Who may take each step. Stages 1 to 3 are between the two agencies: either side says what it thinks; the raiser
 * may take stage 1 to their line manager; managers of either agency escalate and resolve; only the raising side
 * withdraws. Stage 4 belongs to the partnership, so the business unit records its response and resolution.
 */
export function mayStep(actor: Actor, d: Parties, step: Step): boolean {
  if (d.status !== 'open') return false;
  const r = relationOf(actor, d);
  const managers = r.raisingManager || r.aboutManager;
  const top = d.stage >= TOP_STAGE;
  switch (step) {
    case 'respond':
      return top ? r.chair : r.raiser || r.raisingManager || r.aboutStaff;
    case 'escalate':
      return !top && (managers || (r.raiser && d.stage === 1));
    case 'resolve':
      return top ? r.chair : managers || (r.raiser && d.stage === 1);
    case 'withdraw':
      return r.raiser || r.raisingManager;
  }
}

/** Whether a response from this actor is the answer the stage's clock waits for (not the raiser's own reply). */
export function answersTheStage(actor: Actor, d: Parties): boolean {
  const r = relationOf(actor, d);
  return d.stage >= TOP_STAGE ? r.chair : r.aboutStaff;
}

export const STEPS: readonly Step[] = ['respond', 'escalate', 'resolve', 'withdraw'];
