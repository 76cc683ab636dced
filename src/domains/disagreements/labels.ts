import type { TimescaleName } from '../../platform/calendar/timescales.ts';
import { stateMachine } from '../../platform/state-machine.ts';

/** The four stages of the partnership's escalation procedure, each with its local response timescale. */
export const STAGES: Record<number, { label: string; short: string; timescale: TimescaleName }> = {
  1: { label: 'Stage 1: practitioner to practitioner', short: 'Stage 1', timescale: 'disagreementStage1' },
  2: { label: 'Stage 2: line managers', short: 'Stage 2', timescale: 'disagreementStage2' },
  3: { label: 'Stage 3: senior managers or heads of service', short: 'Stage 3', timescale: 'disagreementStage3' },
  4: { label: 'Stage 4: the safeguarding partnership', short: 'Stage 4', timescale: 'disagreementStage4' },
};
export const TOP_STAGE = 4;

export const RESOLUTIONS = {
  agreed: 'Agreed with the person who raised it',
  decision_stands: 'The original decision stands',
  decision_changed: 'The decision was changed',
  other: 'Other',
} as const;

export const STEP_LABELS = {
  response: 'Response',
  escalated: 'Escalated',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
} as const;

export type DisagreementState = 'stage1' | 'stage2' | 'stage3' | 'stage4' | 'resolved' | 'withdrawn';

/** A disagreement moves up a stage at a time, and can be resolved or withdrawn at any stage; both end it. */
export const DISAGREEMENT_MACHINE = stateMachine<DisagreementState>(
  'disagreement',
  {
    stage1: ['stage2', 'resolved', 'withdrawn'],
    stage2: ['stage3', 'resolved', 'withdrawn'],
    stage3: ['stage4', 'resolved', 'withdrawn'],
    stage4: ['resolved', 'withdrawn'],
    resolved: [],
    withdrawn: [],
  },
  { stage1: 'At stage 1', stage2: 'At stage 2', stage3: 'At stage 3', stage4: 'At stage 4', resolved: 'Resolved', withdrawn: 'Withdrawn' },
);

export const stateOf = (d: { status: string; stage: number }): DisagreementState =>
  d.status === 'resolved' ? 'resolved' : d.status === 'withdrawn' ? 'withdrawn' : (`stage${d.stage}` as DisagreementState);

export const stageState = (stage: number) => `stage${stage}` as DisagreementState;
