import type { AgencyKind, EarlyHelpClosureReason } from '../../db/types.ts';

/** How a case came to early help. */
export const CASE_SOURCES: Record<'front_door' | 'step_down' | 'direct', string> = {
  direct: 'Started by an agency working with the child',
  front_door: 'Front door decision',
  step_down: 'Step down from children’s social care',
};

export const CLOSURE_REASONS: Record<EarlyHelpClosureReason, string> = {
  needs_met: 'Needs met',
  stepped_up: 'Stepped up to children’s social care',
  family_withdrew: 'Family withdrew consent',
  moved_away: 'Family moved away',
  transferred: 'Transferred to another service',
  other: 'Other',
};
export const CLOSURE_REASON_KEYS = Object.keys(CLOSURE_REASONS) as [EarlyHelpClosureReason, ...EarlyHelpClosureReason[]];

export const REVIEW_DECISIONS = {
  continue: 'Continue with the plan',
  close: 'Close the case',
  step_up: 'Step up to the front door',
} as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;
export const REVIEW_DECISION_KEYS = Object.keys(REVIEW_DECISIONS) as [ReviewDecision, ...ReviewDecision[]];

export const STEP_DOWN_REASONS = {
  assessment_below_threshold: 'Child and family assessment found needs below the social care threshold',
  cin_plan_ended: 'Child in need plan ended',
  cp_plan_ended: 'Child protection plan ended',
  returned_home: 'Child returned home from care',
  other: 'Other',
} as const;
export type StepDownReason = keyof typeof STEP_DOWN_REASONS;
export const STEP_DOWN_REASON_KEYS = Object.keys(STEP_DOWN_REASONS) as [StepDownReason, ...StepDownReason[]];

/** Where a case is: worked out from the case, its assessment and its review date, never stored. */
export type CaseStage = 'awaiting_allocation' | 'assessment' | 'plan' | 'closed';
export const STAGES: Record<CaseStage, { text: string; colour: string }> = {
  awaiting_allocation: { text: 'Awaiting allocation', colour: 'orange' },
  assessment: { text: 'Assessment in progress', colour: 'blue' },
  plan: { text: 'Plan active', colour: 'green' },
  closed: { text: 'Closed', colour: 'grey' },
};

/** The filters on the early help service's list of cases. */
export const CASE_FILTERS = {
  open: 'All open cases',
  awaiting_allocation: 'Awaiting allocation',
  assessment: 'Assessment in progress',
  plan: 'Plan active',
  review_overdue: 'Review overdue',
  closed: 'Closed',
} as const;
export type CaseFilter = keyof typeof CASE_FILTERS;
export const CASE_FILTER_KEYS = Object.keys(CASE_FILTERS) as [CaseFilter, ...CaseFilter[]];

export const STEP_UP_URGENCY = {
  immediate: 'Immediate: the child may be at risk of significant harm now',
  same_day: 'Today',
  standard: 'Within 1 working day',
} as const;
export type StepUpUrgency = keyof typeof STEP_UP_URGENCY;

export const STEP_UP_CONSENT = {
  given: 'The family agreed to the step up',
  not_given: 'The family did not agree',
  overridden: 'Consent not sought or overridden for the child’s safety',
} as const;
export type StepUpConsent = keyof typeof STEP_UP_CONSENT;

/**
 * Who completed an assessment, as the partnership reports it (the seeds' "Who completed CAF"): by the kind of
 * the completing agency, with cases stepped down from social care counted as de-escalations.
 */
export const COMPLETERS = [
  { key: 'education', label: 'Schools and early years', kinds: ['education'] },
  { key: 'health', label: 'Health', kinds: ['health'] },
  { key: 'local_authority', label: 'Local authority', kinds: ['early_help', 'social_care', 'housing'] },
  { key: 'voluntary', label: 'Voluntary sector', kinds: ['voluntary'] },
  { key: 'police', label: 'Police', kinds: ['police'] },
  { key: 'adult', label: 'Probation and adult services', kinds: ['probation'] },
  { key: 'other', label: 'Other', kinds: ['other'] },
  { key: 'de_escalation', label: 'De-escalation', kinds: [] },
] as const satisfies readonly { key: string; label: string; kinds: readonly AgencyKind[] }[];
