import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from './types.ts';

/** A text[] column: always an array when read, optional when inserted. */
type TextList = ColumnType<string[], string[] | undefined, string[]>;

export interface ThresholdLevelsTable extends Standard {
  level: number;
  name: string;
  descriptor: string;
}
export interface ThresholdDomainsTable extends Standard {
  id: Generated<string>;
  name: string;
  description: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}
export interface ThresholdDescriptorsTable extends Standard {
  domain_id: string;
  level: number;
  descriptor: string;
}

export type ContactConsent = 'given' | 'not_given' | 'overridden';
export type ContactUrgency = 'immediate' | 'same_day' | 'standard';
export type ContactStatus = 'awaiting_decision' | 'awaiting_sign_off' | 'decided';
export type ContactOutcome = 'no_further_action' | 'advice' | 'early_help' | 'social_care_referral' | 'strategy_discussion';

export interface ContactsTable extends Standard {
  id: Generated<string>;
  received_at: Moment;
  /** The 1-working-day threshold decision clock, fixed when the contact is received. */
  decision_due: DateColumn;
  source: string;
  referrer_name: string;
  referrer_role: string | null;
  referrer_phone: string | null;
  referrer_email: string | null;
  made_by_agency_id: string;
  reason: string;
  presenting_needs: TextList;
  consent: ContactConsent;
  consent_override_reason: string | null;
  urgency: ContactUrgency;
  status: Generated<ContactStatus>;
  /** The front door worker deciding it; unallocated contacts wait in the team's queue. */
  allocated_to: string | null;
  /** A step-up: the early help case whose record travels with the contact. */
  early_help_case_id: string | null;
  decision_level: number | null;
  decision_outcome: ContactOutcome | null;
  decision_reasons: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  signed_off_by: string | null;
  signed_off_at: Date | null;
  /** A manager's reason for sending a decision back. */
  returned_comment: string | null;
}
export interface ContactPeopleTable {
  contact_id: string;
  person_id: string;
  role: 'child' | 'household';
  relationship: string | null;
}
export interface ContactChecksTable extends Standard {
  id: Generated<string>;
  contact_id: string;
  agency_id: string;
  question: string;
  requested_by: string;
  requested_at: Moment;
  status: Generated<'requested' | 'responded' | 'withdrawn'>;
  response: string | null;
  responded_by: string | null;
  responded_at: Date | null;
}

export type EarlyHelpClosureReason = 'needs_met' | 'stepped_up' | 'family_withdrew' | 'moved_away' | 'transferred' | 'other';
export interface EarlyHelpCasesTable extends Standard {
  id: Generated<string>;
  person_id: string;
  status: Generated<'open' | 'closed'>;
  source: 'front_door' | 'step_down' | 'direct';
  contact_id: string | null;
  /** A step-down: social care's assessment summary, travelling with the child. */
  step_down_summary: string | null;
  /** Why social care stepped the case down (a STEP_DOWN_REASONS key). */
  step_down_reason: string | null;
  locality: string;
  opened_on: DateColumn;
  lead_professional_id: string | null;
  lead_agency_id: string | null;
  next_review_due: DateColumn | null;
  step_up_contact_id: string | null;
  closed_on: DateColumn | null;
  closure_reason: EarlyHelpClosureReason | null;
  closure_summary: string | null;
}
export interface EarlyHelpAssessmentsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  status: Generated<'draft' | 'registered'>;
  started_on: DateColumn;
  registered_on: DateColumn | null;
  completed_by: string | null;
  completing_agency_id: string | null;
  consent_given: Generated<boolean>;
  consent_by: string | null;
  consent_on: DateColumn | null;
  child_views: string | null;
  family_views: string | null;
  summary: string | null;
}
export interface EarlyHelpAssessmentSectionsTable {
  assessment_id: string;
  domain_id: string;
  strengths: string | null;
  needs: string | null;
  level: number | null;
}
export interface TacMembersTable extends Standard {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  agency_id: string;
  role_in_team: string;
  started_on: DateColumn;
  ended_on: DateColumn | null;
}
export interface EarlyHelpOutcomesTable extends Standard {
  id: Generated<string>;
  case_id: string;
  outcome: string;
  achieved_on: DateColumn | null;
}
export interface EarlyHelpActionsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  outcome_id: string | null;
  action: string;
  owner_id: string;
  due_on: DateColumn;
  completed_on: DateColumn | null;
}
export interface EarlyHelpReviewsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  held_on: DateColumn;
  progress: string;
  family_views: string | null;
  decision: 'continue' | 'close' | 'step_up';
  next_review_due: DateColumn | null;
}

export type PanelKind = 'masg' | 'unborn_baby' | 'met_hub';
export interface PanelsTable extends Standard {
  id: Generated<string>;
  kind: PanelKind;
  name: string;
  locality: string | null;
  chair_id: string | null;
  meets_every_days: Generated<number>;
  active: Generated<boolean>;
}
export interface PanelReferralsTable extends Standard {
  id: Generated<string>;
  panel_id: string;
  person_id: string;
  route: string;
  presenting_issues: TextList;
  reason: string;
  referred_on: DateColumn;
  referred_by: string;
  referring_agency_id: string;
  early_help_case_id: string | null;
  contact_id: string | null;
  status: Generated<'awaiting' | 'open' | 'closed'>;
  next_review_due: DateColumn | null;
  services_offered: TextList;
  closed_on: DateColumn | null;
  outcome: string | null;
}
export interface PanelMeetingsTable extends Standard {
  id: Generated<string>;
  panel_id: string;
  meeting_date: DateColumn;
  location: string | null;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  notes: string | null;
}
export interface PanelAgendaItemsTable extends Standard {
  id: Generated<string>;
  meeting_id: string;
  referral_id: string;
  item_type: 'new' | 'review';
  position: number;
  discussion: string | null;
  decision: string | null;
  /** "Distance travelled": 1 (no progress, needs unmet) to 10 (needs met), scored at entry and at each review. */
  distance_score: number | null;
  /** Decided or deferred at the meeting; a deferred item rolls on to the next agenda. */
  status: Generated<'pending' | 'decided' | 'deferred'>;
  /** The review date set at this discussion (applied to the referral when the meeting is finished). */
  next_review_due: DateColumn | null;
  services_offered: TextList;
  /** Set when the panel closed the referral at this discussion. */
  closure_outcome: string | null;
}
export interface PanelAttendanceTable extends Standard {
  id: Generated<string>;
  meeting_id: string;
  user_id: string | null;
  name: string;
  agency_id: string | null;
  /** A named person from an organisation without Cairn accounts (a housing officer, say). */
  organisation: string | null;
  attendance: 'present' | 'apologies' | 'absent';
}
export interface PanelActionsTable extends Standard {
  id: Generated<string>;
  referral_id: string;
  meeting_id: string | null;
  action: string;
  owner_id: string;
  due_on: DateColumn;
  completed_on: DateColumn | null;
}
