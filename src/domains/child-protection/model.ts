import { ABUSE_CATEGORIES, MULTIPLE_CATEGORIES } from '../../platform/codes/cin.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { stateMachine } from '../../platform/state-machine.ts';
import type { ConferenceDecision, ConferenceKind, Section47Outcome } from '../../db/types.ts';

/**
 * The rules of child protection that need no database: what may follow what, the CIN census categories, repeat
 * plans and the local escalations. Services and pages both read them from here.
 */

export type Section47State = 'in_progress' | 'completed';
export const section47Machine = stateMachine<Section47State>(
  'section 47 enquiry',
  { in_progress: ['completed'], completed: [] },
  { in_progress: 'In progress', completed: 'Completed' },
);
export const section47State = (row: { completed_date: string | null }): Section47State => (row.completed_date ? 'completed' : 'in_progress');

export type ConferenceState = 'scheduled' | 'held';
export const conferenceMachine = stateMachine<ConferenceState>('conference', { scheduled: ['held'], held: [] }, { scheduled: 'Scheduled', held: 'Held' });
export const conferenceState = (row: { held_on: string | null }): ConferenceState => (row.held_on ? 'held' : 'scheduled');

export type PlanState = 'active' | 'ended';
export const planMachine = stateMachine<PlanState>('child protection plan', { active: ['ended'], ended: [] }, { active: 'Active', ended: 'Ended' });
export const planState = (row: { end_date: string | null }): PlanState => (row.end_date ? 'ended' : 'active');

export type CoreGroupState = 'due' | 'held';
export const coreGroupMachine = stateMachine<CoreGroupState>('core group', { due: ['held'], held: [] }, { due: 'Due', held: 'Held' });
export const coreGroupState = (row: { held_on: string | null }): CoreGroupState => (row.held_on ? 'held' : 'due');

export const MEETING_FORMATS = { discussion: 'Strategy discussion', meeting: 'Strategy meeting' } as const;

export const STRATEGY_DECISIONS = {
  section_47: 'Section 47 enquiry',
  child_in_need_assessment: 'Child and family assessment (child in need)',
  no_further_action: 'No further action',
} as const;

export const SECTION_47_OUTCOMES: Record<Section47Outcome, string> = {
  conference: 'Concerns substantiated: initial child protection conference needed',
  substantiated_no_conference: 'Concerns substantiated, but no conference needed',
  concerns_not_substantiated: 'Concerns not substantiated',
};

export const CONFERENCE_KINDS: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  transfer_in: 'Transfer-in conference',
};

export const CONFERENCE_DECISIONS: Record<ConferenceDecision, string> = {
  plan: 'Child protection plan',
  no_plan: 'No child protection plan',
  continue_plan: 'Continue the child protection plan',
  end_plan: 'End the child protection plan',
};

/** What a conference of each kind may decide: initial and transfer-in start a plan or not; reviews continue or end it. */
export const DECISIONS_FOR: Record<ConferenceKind, readonly ConferenceDecision[]> = {
  initial: ['plan', 'no_plan'],
  transfer_in: ['plan', 'no_plan'],
  review: ['continue_plan', 'end_plan'],
};

/** Why a plan ends; the child in need plan is started for the child when that is the reason. */
export const PLAN_END_REASONS = {
  child_in_need: 'The child is still in need: a child in need plan starts',
  looked_after: 'The child became looked after',
  moved_away: 'The child moved to another local authority',
  no_longer_needed: 'The child is no longer at continuing risk of significant harm',
} as const;
export type PlanEndReason = keyof typeof PLAN_END_REASONS;

/** After an initial conference decides on no plan. */
export const NO_PLAN_NEXT = {
  child_in_need: 'Support the child under a child in need plan',
  none: 'No further social care plan',
} as const;

export const categoryLabel = (code: string) => (code === MULTIPLE_CATEGORIES ? 'Multiple categories' : (ABUSE_CATEGORIES[code] ?? code));
export const categoriesText = (codes: readonly string[]) => codes.map((c) => categoryLabel(c).toLowerCase()).join(', ');

/** The CIN census InitialCategoryOfAbuse (or LatestCategoryOfAbuse): the one category, or MUL when several. */
export function censusCategory(categories: readonly string[]): string {
  const distinct = [...new Set(categories)];
  if (!distinct.length) throw new Error('A child protection plan needs at least one category');
  return distinct.length === 1 ? distinct[0]! : MULTIPLE_CATEGORIES;
}

export interface RepeatPlan {
  previousPlans: number;
  previousPlanEnd: string | null;
  /** A plan before this one, ever. */
  repeatEver: boolean;
  /** The latest earlier plan ended within the 2 years before this one started. */
  repeatWithinTwoYears: boolean;
}

/** Whether a plan starting on `start` is a repeat plan, from the child's earlier plans. */
export function repeatPlan(start: string, earlier: readonly { start_date: string; end_date: string | null }[]): RepeatPlan {
  const before = earlier.filter((p) => p.start_date < start && p.end_date);
  const previousPlanEnd = before.reduce<string | null>((latest, p) => (!latest || p.end_date! > latest ? p.end_date! : latest), null);
  return repeatFlags(start, before.length, previousPlanEnd);
}

export const repeatFlags = (start: string, previousPlans: number, previousPlanEnd: string | null): RepeatPlan => ({
  previousPlans,
  previousPlanEnd,
  repeatEver: previousPlans > 0,
  repeatWithinTwoYears: Boolean(previousPlanEnd && previousPlanEnd >= addMonths(start, -24)),
});

export interface Escalations {
  headOfService: string;
  legalPlanning: string;
  twoYears: string;
  /** Reached today (and still open): the head of service must review, legal planning must meet, flagged at 2 years. */
  headOfServiceReached: boolean;
  legalPlanningReached: boolean;
  twoYearsReached: boolean;
}

/** The local escalation dates of a plan that started on `start`, as they stand on `today` (or on its end). */
export function escalations(start: string, today: string, endDate: string | null = null): Escalations {
  const on = endDate && endDate < today ? endDate : today;
  const headOfService = dueDate('cpPlanHeadOfService', start);
  const legalPlanning = dueDate('cpPlanLegalPlanning', start);
  const twoYears = dueDate('cpPlanTwoYears', start);
  return { headOfService, legalPlanning, twoYears, headOfServiceReached: on >= headOfService, legalPlanningReached: on >= legalPlanning, twoYearsReached: on >= twoYears };
}

/** How long a plan has run, in words: "4 months", "1 year 2 months", "3 weeks". */
export function planDuration(start: string, until: string): string {
  let months = 0;
  while (addMonths(start, months + 1) <= until) months += 1;
  if (months === 0) {
    const days = Math.round((Date.parse(until) - Date.parse(start)) / 86_400_000);
    const weeks = Math.floor(days / 7);
    return weeks >= 1 ? `${weeks} week${weeks === 1 ? '' : 's'}` : `${days} day${days === 1 ? '' : 's'}`;
  }
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [years ? `${years} year${years === 1 ? '' : 's'}` : '', rest ? `${rest} month${rest === 1 ? '' : 's'}` : ''];
  return parts.filter(Boolean).join(' ');
}

/** The child protection visit clock: 10 working days from the last child protection visit, or from the plan start. */
export function nextVisitDue(planStart: string, lastVisitDate: string | null): string {
  return dueDate('cpVisit', lastVisitDate && lastVisitDate > planStart ? lastVisitDate : planStart);
}

/** Working Together expects police and health at a strategy discussion; their absence is a warning, not a block. */
export function missingExpectedAgencies(attendeeKinds: readonly string[]): string[] {
  const missing: string[] = [];
  if (!attendeeKinds.includes('police')) missing.push('police');
  if (!attendeeKinds.includes('health')) missing.push('health');
  return missing;
}
