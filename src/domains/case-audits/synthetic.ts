import { DEFAULT_TEMPLATES, defaultQuestionId, defaultTemplateId } from '../../db/migrations/0027_case_audits.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { describeChild } from './sampling.ts';
import type { AuditState, Grade } from './tables.ts';

/**
 * Case audits in the synthetic authority: the business unit runs themed audits each half-year of children who had a
 * strategy discussion (template 2), or a child protection plan (core groups, template 3; neglect, template 4, for
 * plans under neglect). A child with such an event has a small chance of being sampled, up to six children an audit,
 * so a few audits a year. Audits whose answers fell due long enough before the end are moderated and complete, with
 * findings and actions; the latest are in moderation or still open for answers.
 */
export const SAMPLE_CHANCE = 0.05;
const MAX_CASES = 6;
const AGENCIES: AgencyKey[] = ['csc', 'police', 'health', 'school'];
const GRADES: Record<Exclude<Grade, 'not_applicable'>, number> = { outstanding: 8, good: 47, requires_improvement: 35, inadequate: 10 };
const THEMES = { 2: 'Strategy discussions', 3: 'Core groups', 4: 'Neglect' } as const;

export interface AuditKey { template: 2 | 3 | 4; from: string; to: string }

const halfYear = (date: string): { from: string; to: string } => {
  const year = date.slice(0, 4);
  return Number(date.slice(5, 7)) <= 6 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
};

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  for (const episode of journey.episodes) {
    if (episode.strategy && ctx.rng.chance(SAMPLE_CHANCE)) sample(journey, ctx, { template: 2, ...halfYear(episode.strategy.heldOn) });
    for (const plan of episode.cpPlans) {
      if (ctx.rng.chance(SAMPLE_CHANCE)) sample(journey, ctx, { template: plan.initialCategory === 'NEG' ? 4 : 3, ...halfYear(plan.startDate) });
    }
  }
};

function stateOf(dueOn: string, end: string): AuditState {
  if (addMonths(dueOn, 2) <= end) return 'complete';
  return dueOn <= end ? 'moderation' : 'open';
}

/** The audit for a theme and half-year, made the first time a child is sampled into it. */
function audit(ctx: SyntheticContext, key: AuditKey): { id: string; state: AuditState; dueOn: string } {
  const dueOn = addMonths(key.to, 3);
  const state = stateOf(dueOn, ctx.end);
  const id = ctx.once(`case-audit:${key.template}:${key.from}`, () => {
    const { agencyId: business, userId: by } = ctx.org.functions.business;
    const made = ctx.id(key.to);
    ctx.add('case_audits', {
      id: made, title: `${THEMES[key.template]}: ${key.from.slice(5, 7) === '01' ? 'spring' : 'autumn'} ${key.from.slice(0, 4)}`, template_id: defaultTemplateId(key.template),
      period_from: key.from, period_to: key.to, answers_due_on: dueOn, state, sample_method: 'criteria', sample_size: MAX_CASES,
      sample_entry_type: key.template === 2 ? 'strategy.held' : 'cp_plan.started', sample_seed: ctx.rng.int(1, 2 ** 31 - 1), sample_drawn_at: new Date(`${key.to}T18:00:00Z`),
      key_findings: state === 'complete' ? 'Most agencies shared information in time. Recording of the child’s views and escalation when plans drifted need to improve.' : null,
      ...ctx.stamp(key.to, by), version: 1,
    });
    for (const agency of AGENCIES) {
      const submitted = state !== 'open' || agency === 'csc';
      ctx.add('case_audit_agencies', { audit_id: made, agency_id: ctx.org.agencyIds[agency], submitted_at: submitted ? new Date(`${addMonths(key.to, 2)}T12:00:00Z`) : null, submitted_by: null });
    }
    if (state === 'complete') {
      const actions: [string, AgencyKey | 'business', string][] = [
        ['Record the child’s views at every core group and strategy discussion', 'csc', 'Head of Quality Assurance'],
        ['Brief practitioners on escalation when a plan is not making a difference', 'business', 'Partnership Business Manager'],
      ];
      for (const [what, agency, owner] of actions) {
        const due = addMonths(dueOn, ctx.rng.int(3, 6));
        const complete = due <= ctx.end && ctx.rng.chance(0.7);
        ctx.add('case_audit_actions', {
          id: ctx.id(dueOn), audit_id: made, what, agency_id: agency === 'business' ? business : ctx.org.agencyIds[agency], owner, due_on: due, status: complete ? 'complete' : 'open',
          evidence: complete ? 'Evidence seen by the quality assurance sub-group.' : null, completed_on: complete ? due : null, ...ctx.stamp(dueOn, by), version: 1,
        });
      }
    }
    return made;
  });
  return { id, state, dueOn };
}

/** This child as one case of the audit, with each agency's answers and (once moderated) the agreed grades. */
export function sample(journey: Journey, ctx: SyntheticContext, key: AuditKey): void {
  if (key.to > ctx.end) return;
  const { id: auditId, state } = audit(ctx, key);
  const caseId = ctx.id(key.to);
  let number = 0;
  for (let n = 1; n <= MAX_CASES && !number; n++) if (ctx.once(`case-audit-case:${auditId}:${n}`, () => caseId) === caseId) number = n;
  if (!number) return;
  const by = ctx.org.functions.business.userId;
  const child = journey.child;
  ctx.add('case_audit_cases', { id: caseId, audit_id: auditId, case_number: number, person_id: child.personId, description: describeChild(child.sex, child.dateOfBirth, key.to), ...ctx.stamp(key.to, by), version: 1 });
  const questions = DEFAULT_TEMPLATES[key.template - 1]!.questions.map((_, q) => defaultQuestionId(key.template, q + 1));
  const agreed = questions.map(() => ctx.rng.weighted(GRADES));
  for (const agency of AGENCIES) {
    if (state === 'open' && agency !== 'csc') continue;
    const notInvolved = agency !== 'csc' && ctx.rng.chance(0.25);
    const responseId = ctx.id(key.to);
    ctx.add('case_audit_responses', { id: responseId, case_id: caseId, agency_id: ctx.org.agencyIds[agency], not_involved: notInvolved, ...ctx.stamp(addMonths(key.to, 1), ctx.org.partnerUserIds[agency] ?? null), version: 1 });
    if (notInvolved) continue;
    questions.forEach((questionId, q) => {
      const grade = ctx.rng.chance(0.7) ? agreed[q]! : ctx.rng.weighted(GRADES);
      ctx.add('case_audit_answers', { response_id: responseId, question_id: questionId, grade, commentary: grade === 'requires_improvement' || grade === 'inadequate' ? 'The records show the concern was known but not acted on in time.' : 'Recorded and shared as expected.' });
    });
  }
  if (state === 'complete') {
    questions.forEach((questionId, q) => ctx.add('case_audit_moderations', { case_id: caseId, question_id: questionId, grade: agreed[q]!, note: null }));
  }
}
