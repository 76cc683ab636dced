import { ukWallClock } from '../../platform/calendar/uk-time.ts';
import { dueDate, TIMESCALES } from '../../platform/calendar/timescales.ts';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, ContactSpell, Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { STAGES, TOP_STAGE } from './labels.ts';
import { CLOSED_SUMMARY, DISAGREEMENT_RECORD, RAISED_SUMMARY } from './service.ts';
import type { Resolution, StepKind } from './tables.ts';

/**
 * Professional disagreements as partner agencies raise them with the front door: a few in every hundred partner
 * contacts that social care did not take further. Published partnership reports show a few dozen formal
 * disagreements a year for an area of about 44,000 children, most settled between practitioners or their managers
 * and only a handful reaching the partnership.
 */
const CHANCE = 0.015;
const NOT_TAKEN_UP = new Set(['no_further_action', 'advice', 'early_help']);
const PARTNERS = new Set<AgencyKey>(['police', 'health', 'school', 'vol', 'eh']);
/** How far each disagreement goes: settled at stage 1 to 4, or withdrawn. */
const ENDS = { 1: 52, 2: 26, 3: 12, 4: 5, withdrawn: 5 } as const;
const RESOLUTIONS: Record<Resolution, number> = { agreed: 28, decision_stands: 42, decision_changed: 25, other: 5 };
const DECISIONS: Record<string, string> = {
  no_further_action: 'Contact closed with no further action.',
  advice: 'Contact closed with advice to the referrer.',
  early_help: 'Contact passed to early help instead of a social care assessment.',
};

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  for (const contact of journey.contacts) {
    if (!contact.decidedAt || !contact.outcome || !NOT_TAKEN_UP.has(contact.outcome) || !PARTNERS.has(contact.agency)) continue;
    if (ctx.rng.chance(CHANCE)) disagreement(journey, ctx, contact);
  }
};

/** One disagreement with the front door's decision, from raising to its end (or the end of the data). */
function disagreement(journey: Journey, ctx: SyntheticContext, contact: ContactSpell): void {
  const { rng, org } = ctx;
  const decidedOn = ukWallClock(contact.decidedAt!).date;
  const raisedOn = addWorkingDays(decidedOn, rng.int(1, 5));
  if (raisedOn > ctx.end) return;
  const raiser = org.partnerUserIds[contact.agency];
  const raisingAgency = org.agencyIds[contact.agency];
  const csc = org.agencyIds.csc;
  const worker = ctx.worker('assessment', journey.child);
  const manager = org.socialCare.assessment.find((t) => t.id === worker.teamId)?.managerId ?? worker.id;
  const partnership = org.functions.partnership;
  const end = rng.weighted(ENDS);
  const id = ctx.id(raisedOn);
  const steps: { kind: StepKind; stage: number; on: string; by: string; agency: string; note: string }[] = [];
  let [stage, started, responded, on] = [1, raisedOn, null as string | null, raisedOn];
  let closed: { status: 'resolved' | 'withdrawn'; on: string; resolution: Resolution | null; note: string } | null = null;
  const next = (low: number, high: number) => addWorkingDays(on, rng.int(low, high));
  const step = (kind: StepKind, when: string, by: string, agency: string, note: string) => {
    if (when > ctx.end) return false;
    on = when;
    steps.push({ kind, stage, on, by, agency, note });
    return true;
  };
  for (;;) {
    const atTop = stage >= TOP_STAGE;
    // The answer usually comes within the stage's timescale; some come late.
    const rule = TIMESCALES[STAGES[stage]!.timescale].rule;
    const allowed = 'workingDays' in rule ? rule.workingDays : 5;
    const answerBy = atTop ? partnership.userId : stage === 1 ? worker.id : manager;
    if (!step('response', next(0, allowed + (rng.chance(0.2) ? 3 : 0)), answerBy, atTop ? partnership.agencyId : csc, 'Response given with the reasons for the decision.')) break;
    responded ??= on;
    if (end === 'withdrawn') {
      if (step('withdrawn', next(1, 3), raiser, raisingAgency, 'Withdrawn after the response.')) closed = { status: 'withdrawn', on, resolution: null, note: '' };
      break;
    }
    if (end === String(stage)) {
      const resolution = rng.weighted(RESOLUTIONS);
      const by = atTop ? partnership.userId : manager;
      if (step('resolved', next(0, 3), by, atTop ? partnership.agencyId : csc, 'Agreed between the agencies.')) closed = { status: 'resolved', on, resolution, note: 'Agreed between the agencies.' };
      break;
    }
    if (!step('escalated', next(1, 3), stage === 1 ? raiser : manager, stage === 1 ? raisingAgency : csc, 'Not agreed: escalated to the next stage.')) break;
    [stage, started, responded] = [stage + 1, on, null];
  }
  ctx.add('disagreements', {
    id, raised_by: raiser, raised_by_agency: raisingAgency, about_agency: csc, person_id: journey.child.personId, raised_on: raisedOn,
    decision: DECISIONS[contact.outcome!]!, decision_on: decidedOn, reasons: 'The referrer thinks the worries meet the threshold for a social care assessment.', outcome_sought: 'A child and family assessment.',
    stage, stage_started_on: started, stage_due: dueDate(STAGES[stage]!.timescale, started), stage_responded_on: responded,
    status: closed?.status ?? 'open', resolution: closed?.resolution ?? null, resolution_summary: closed?.resolution ? closed.note : null, closed_on: closed?.on ?? null,
    ...ctx.stamp(raisedOn, raiser), version: 1 + steps.length,
  });
  for (const s of steps) {
    ctx.add('disagreement_steps', { id: ctx.id(s.on), disagreement_id: id, kind: s.kind, stage: s.stage, occurred_on: s.on, note: s.note, recorded_by: s.by, agency_id: s.agency, created_at: new Date(`${s.on}T12:00:00Z`) });
  }
  const entry = (type: string, at: string, summary: string) =>
    ctx.chronology({ personId: journey.child.personId, at, type, summary, agencyId: raisingAgency, by: raiser, recordType: DISAGREEMENT_RECORD, recordId: id });
  entry('disagreements.raised', raisedOn, RAISED_SUMMARY);
  if (closed) entry('disagreements.closed', closed.on, CLOSED_SUMMARY);
}
