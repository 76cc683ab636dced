import type { AssessmentOutcome, AssessmentStatus } from '../../db/types.ts';
import { stateMachine } from '../../platform/state-machine.ts';

/** Words and state machines for referral, assessment and children in need. */

/**
 * The child and family assessment: the worker writes it (in progress), submits it to a manager (submitted), who
 * authorises it (its completion date for the census) or returns it to the worker with a comment.
 */
export const ASSESSMENT_STATUS: Record<AssessmentStatus, string> = {
  in_progress: 'In progress',
  submitted: 'Submitted for authorisation',
  authorised: 'Authorised',
};
export const assessmentMachine = stateMachine<AssessmentStatus>(
  'assessment',
  { in_progress: ['submitted'], submitted: ['authorised', 'in_progress'], authorised: [] },
  ASSESSMENT_STATUS,
);
export const ASSESSMENT_STATUS_COLOUR: Record<AssessmentStatus, string> = { in_progress: 'blue', submitted: 'orange', authorised: 'green' };

/** What an assessment concluded; `continue_current_plan` only when a plan is already running (a re-assessment). */
export const ASSESSMENT_OUTCOMES: Record<AssessmentOutcome, string> = {
  no_further_action: 'No further action: close the referral',
  early_help: 'Step down to early help',
  child_in_need_plan: 'Child in need plan',
  strategy_discussion: 'Strategy discussion: concerns of significant harm',
  continue_current_plan: 'Continue the current plan',
};
export const OUTCOME_KEYS = Object.keys(ASSESSMENT_OUTCOMES) as [AssessmentOutcome, ...AssessmentOutcome[]];

export const REVIEW_DECISIONS = {
  continue: 'Continue the plan',
  end_plan: 'End the plan',
  strategy_discussion: 'Hold a strategy discussion',
} as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;
export const REVIEW_DECISION_KEYS = Object.keys(REVIEW_DECISIONS) as [ReviewDecision, ...ReviewDecision[]];

export const ITEM_KINDS = { outcome: 'Outcome', action: 'Action' } as const;
export const ITEM_STATUS = { open: 'Open', done: 'Done', dropped: 'No longer needed' } as const;
export const ITEM_STATUS_COLOUR = { open: 'blue', done: 'green', dropped: 'grey' } as const;

/** Why a child in need plan ends, in the worker's words (the census only needs the date). */
export const PLAN_END_REASONS = {
  no_longer_in_need: 'The child is no longer in need',
  child_protection_plan: 'A child protection plan replaces it',
  looked_after: 'The child has become looked after',
  stepped_down: 'Stepped down to early help',
  moved_away: 'The family moved to another local authority',
  other: 'Other',
} as const;
export type PlanEndReason = keyof typeof PLAN_END_REASONS;
export const PLAN_END_REASON_KEYS = Object.keys(PLAN_END_REASONS) as [PlanEndReason, ...PlanEndReason[]];

/**
 * The CIN ReferralSource a front door contact's source maps to. The contact form's categories are broader than
 * the census codes (one "health" for GP, health visitor and A&E), so each maps to the census's catch-all for
 * its kind; the worker can correct it on the referral.
 */
export const CIN_SOURCE_FOR_CONTACT: Record<string, string> = {
  police: '6',
  school: '2A',
  health: '3D',
  early_help_step_up: '5D',
  social_care: '5A',
  voluntary: '8',
  housing: '4',
  other_local_authority: '5C',
  family_member: '1A',
  member_of_public: '1D',
  self: '1C',
  anonymous: '9',
  other: '10',
};
export const cinSourceForContact = (source: string) => CIN_SOURCE_FOR_CONTACT[source] ?? '10';

/** Where an episode stands, worked out from its records, never stored. */
export type EpisodeStage = 'referral' | 'assessment' | 'awaiting_authorisation' | 'child_protection' | 'plan' | 'open' | 'closed';
export const STAGES: Record<EpisodeStage, { text: string; colour: string }> = {
  referral: { text: 'Referral received', colour: 'purple' },
  assessment: { text: 'Assessment in progress', colour: 'blue' },
  awaiting_authorisation: { text: 'Awaiting authorisation', colour: 'orange' },
  child_protection: { text: 'Child protection', colour: 'red' },
  plan: { text: 'Child in need plan', colour: 'green' },
  open: { text: 'Open', colour: 'turquoise' },
  closed: { text: 'Closed', colour: 'grey' },
};
