import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from './types.ts';

/** A text[] column: always an array when read, optional when inserted. */
type TextList = ColumnType<string[], string[] | undefined, string[]>;

// ── Casework: allocation, visits (migration 0004) ──
export interface CaseAllocationsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  worker_id: string;
  team_id: string | null;
  start_date: DateColumn;
  end_date: DateColumn | null;
  /** Why the worker changed (903 SW_REASON codes). */
  reason: string;
}
export type VisitPurpose = 'child_in_need' | 'child_protection' | 'looked_after' | 'care_leaver' | 'assessment';
export interface VisitsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  visit_date: DateColumn;
  purpose: VisitPurpose;
  child_seen: boolean;
  seen_alone: Generated<boolean>;
  visited_by: string;
  notes: string;
}

// ── Referral, assessment and children in need (migration 0004) ──
export interface CinEpisodesTable extends Standard {
  id: Generated<string>;
  person_id: string;
  /** The CIN census CINreferralDate: the episode runs from here to closure. */
  referral_date: DateColumn;
  /** CIN ReferralSource code (1A…10). */
  referral_source: string;
  referral_reason: string;
  contact_id: string | null;
  /** A referral within 12 months of an earlier one, worked out when it is received. */
  re_referral: Generated<boolean>;
  referral_nfa: Generated<boolean>;
  /** CIN PrimaryNeedCode N0–N9, set once the need is known. */
  primary_need: string | null;
  closure_date: DateColumn | null;
  /** CIN ReasonForClosure RC1–RC9. */
  closure_reason: string | null;
  closure_notes: string | null;
}
export type AssessmentStatus = 'in_progress' | 'submitted' | 'authorised';
export type AssessmentOutcome = 'no_further_action' | 'early_help' | 'child_in_need_plan' | 'strategy_discussion' | 'continue_current_plan';
export interface AssessmentsTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  start_date: DateColumn;
  /** 45 working days from the referral. */
  due_date: DateColumn;
  worker_id: string | null;
  status: Generated<AssessmentStatus>;
  child_seen_date: DateColumn | null;
  child_views: string | null;
  family_views: string | null;
  analysis: string | null;
  /** CIN assessment factor codes. */
  factors: TextList;
  outcome: AssessmentOutcome | null;
  submitted_at: Date | null;
  returned_comment: string | null;
  authorised_date: DateColumn | null;
  authorised_by: string | null;
}
export interface CinPlansTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  start_date: DateColumn;
  next_review_due: DateColumn;
  end_date: DateColumn | null;
  end_reason: string | null;
}
export interface CinPlanItemsTable extends Standard {
  id: Generated<string>;
  plan_id: string;
  kind: 'outcome' | 'action';
  description: string;
  owner: string | null;
  agency_id: string | null;
  due_date: DateColumn | null;
  status: Generated<'open' | 'done' | 'dropped'>;
}
export interface CinPlanReviewsTable extends Standard {
  id: Generated<string>;
  plan_id: string;
  review_date: DateColumn;
  progress: string;
  decision: 'continue' | 'end_plan' | 'strategy_discussion';
  next_review_due: DateColumn | null;
}

// ── Child protection (migration 0005) ──
export interface StrategyDiscussionsTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  held_on: DateColumn;
  format: 'discussion' | 'meeting';
  concerns: string;
  decision: 'section_47' | 'child_in_need_assessment' | 'no_further_action';
  decision_reasons: string;
}
export type Section47Outcome = 'conference' | 'concerns_not_substantiated' | 'substantiated_no_conference';
export interface Section47EnquiriesTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  strategy_id: string;
  start_date: DateColumn;
  /** 15 working days from the strategy discussion (CIN InitialCPCtarget). */
  icpc_target: DateColumn;
  completed_date: DateColumn | null;
  outcome: Section47Outcome | null;
  findings: string | null;
}
export interface CpPlansTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  start_date: DateColumn;
  /** CIN InitialCategoryOfAbuse: NEG, PHY, EMO, SAB or MUL when more than one. */
  initial_category: string;
  /** The categories now (NEG, PHY, EMO, SAB); LatestCategoryOfAbuse is worked out from them. */
  categories: string[];
  previous_plans: Generated<number>;
  previous_plan_end: DateColumn | null;
  end_date: DateColumn | null;
  end_reason: string | null;
  /** Local escalations recorded by a manager: the head of service's review at 9 months, legal planning at 12. */
  head_of_service_review_on: DateColumn | null;
  head_of_service_note: string | null;
  legal_planning_on: DateColumn | null;
  legal_planning_note: string | null;
}
export type ConferenceKind = 'initial' | 'review' | 'transfer_in';
export type ConferenceDecision = 'plan' | 'no_plan' | 'continue_plan' | 'end_plan';
export interface CpConferencesTable extends Standard {
  id: Generated<string>;
  episode_id: string;
  person_id: string;
  kind: ConferenceKind;
  section_47_id: string | null;
  plan_id: string | null;
  due_date: DateColumn;
  held_on: DateColumn | null;
  chair_id: string | null;
  decision: ConferenceDecision | null;
  categories: TextList;
  summary: string | null;
}
export interface CoreGroupsTable extends Standard {
  id: Generated<string>;
  plan_id: string;
  person_id: string;
  due_date: DateColumn;
  held_on: DateColumn | null;
  progress: string | null;
}
export interface MeetingAttendanceTable extends Standard {
  id: Generated<string>;
  meeting_type: 'strategy' | 'conference' | 'core_group';
  meeting_id: string;
  agency_id: string | null;
  name: string;
  role: string | null;
  attended: boolean;
  report_submitted: Generated<boolean>;
}

// ── Children in care and care leavers (migration 0006) ──
export interface CarePeriodsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  episode_id: string | null;
  start_date: DateColumn;
  /** 903 CIN category of need N1–N8, fixed for the period (rule 504). */
  category_of_need: string;
  uasc: Generated<boolean>;
  uasc_ceased: DateColumn | null;
  iro_id: string | null;
  end_date: DateColumn | null;
}
/** One SSDA903 episode: a change of legal status or placement ends it and starts the next. */
export interface CareEpisodesTable extends Standard {
  id: Generated<string>;
  period_id: string;
  person_id: string;
  start_date: DateColumn;
  /** 903 RNE: S, L, P, T, B, U. */
  reason_new_episode: string;
  /** 903 LS. */
  legal_status: string;
  /** 903 PLACE. */
  placement_type: string;
  /** 903 PLACE_PROVIDER PR0–PR5, blank for temporary and other placements. */
  placement_provider: string | null;
  carer_name: string | null;
  urn: string | null;
  home_postcode: string | null;
  placement_postcode: string | null;
  end_date: DateColumn | null;
  /** 903 REC; X1 when another episode follows the same day. */
  reason_ceased: string | null;
  /** 903 REASON_PLACE_CHANGE, on the episode that ends. */
  reason_place_change: string | null;
}
export interface CareReviewsTable extends Standard {
  id: Generated<string>;
  period_id: string;
  person_id: string;
  due_date: DateColumn;
  held_on: DateColumn | null;
  chair_id: string | null;
  /** 903 REVIEW_CODE PN0–PN7. */
  participation: string | null;
  summary: string | null;
}
export type CareCheckKind = 'initial_health' | 'review_health' | 'dental' | 'immunisations' | 'sdq' | 'pep';
export interface CareChecksTable extends Standard {
  id: Generated<string>;
  period_id: string;
  person_id: string;
  kind: CareCheckKind;
  done_on: DateColumn;
  score: number | null;
  notes: string | null;
}
export type CareLeaverEligibility = 'eligible' | 'relevant' | 'former_relevant' | 'qualifying';
export type CareLeaverClosureReason = 'reached_25' | 'no_longer_needs' | 'moved_away' | 'returned_to_care' | 'died';
export interface CareLeaversTable extends Standard {
  id: Generated<string>;
  person_id: string;
  eligibility: CareLeaverEligibility;
  personal_adviser_id: string | null;
  opened_on: DateColumn;
  closed_on: DateColumn | null;
  closed_reason: CareLeaverClosureReason | null;
}
export interface PathwayPlansTable extends Standard {
  id: Generated<string>;
  care_leaver_id: string;
  person_id: string;
  plan_date: DateColumn;
  next_review_due: DateColumn;
  accommodation: string | null;
  activity: string | null;
  summary: string;
}
export interface CareLeaverContactsTable extends Standard {
  id: Generated<string>;
  care_leaver_id: string;
  person_id: string;
  contact_date: DateColumn;
  /** 903 OC3 IN_TOUCH. */
  in_touch: string;
  /** 903 OC3 ACCOM (type letter + suitability digit). */
  accommodation: string | null;
  /** 903 OC3 ACTIV. */
  activity: string | null;
  notes: string | null;
}

// ── Missing and exploitation (migration 0007) ──
export type RiskLevel = 'low' | 'medium' | 'high';
export type ExploitationLevel = 'none' | RiskLevel;
export interface MissingEpisodesTable extends Standard {
  id: Generated<string>;
  person_id: string;
  /** 903 MISSING: M (whereabouts unknown) or A (away without authorisation). */
  kind: 'missing' | 'absent';
  started_at: Moment;
  reported_at: Moment;
  reported_by_agency_id: string | null;
  risk_level: RiskLevel;
  circumstances: string;
  in_care: Generated<boolean>;
  returned_at: Date | null;
  found_where: string | null;
  /** 72 hours from the return. */
  interview_due_at: Date | null;
  interview_offered_at: Date | null;
  interview_accepted: boolean | null;
  interview_completed_at: Date | null;
  interview_by: string | null;
  interview_findings: string | null;
  /** What pushed the child away (home, placement) and what pulled them (people, places): the interview's findings. */
  interview_push_factors: string | null;
  interview_pull_factors: string | null;
  /** Exploitation indicators the interview found (codes of missing/labels.ts EXPLOITATION_INDICATORS). */
  interview_indicators: TextList;
}
export interface ExploitationScreeningsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  screened_on: DateColumn;
  sexual_exploitation: ExploitationLevel;
  criminal_exploitation: ExploitationLevel;
  trafficking: ExploitationLevel;
  indicators: TextList;
  summary: string;
  review_due: DateColumn;
  panel_referral_id: string | null;
}

export interface SocialCareTables {
  case_allocations: CaseAllocationsTable;
  visits: VisitsTable;
  cin_episodes: CinEpisodesTable;
  assessments: AssessmentsTable;
  cin_plans: CinPlansTable;
  cin_plan_items: CinPlanItemsTable;
  cin_plan_reviews: CinPlanReviewsTable;
  strategy_discussions: StrategyDiscussionsTable;
  section_47_enquiries: Section47EnquiriesTable;
  cp_plans: CpPlansTable;
  cp_conferences: CpConferencesTable;
  core_groups: CoreGroupsTable;
  meeting_attendance: MeetingAttendanceTable;
  care_periods: CarePeriodsTable;
  care_episodes: CareEpisodesTable;
  care_reviews: CareReviewsTable;
  care_checks: CareChecksTable;
  care_leavers: CareLeaversTable;
  pathway_plans: PathwayPlansTable;
  care_leaver_contacts: CareLeaverContactsTable;
  missing_episodes: MissingEpisodesTable;
  exploitation_screenings: ExploitationScreeningsTable;
}
