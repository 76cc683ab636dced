import type { Insertable } from 'kysely';
import type { ContactOutcome, EarlyHelpClosureReason } from '../db/types-front-door.ts';
import type { AssessmentOutcome, CareLeaverEligibility, Section47Outcome } from '../db/types-social-care.ts';
import type { Database } from '../db/types.ts';
import type { Locality } from '../domains/people/localities.ts';
import type { Rng } from './rng.ts';

/**
 * The contract between the journey model (`model.ts`, which decides what happens to each child and when) and the
 * capabilities' `synthetic.ts` files (which turn those happenings into the rows their services would have written).
 * Dates are 'YYYY-MM-DD'; moments are Dates. Every spell carries the id its main row takes, so one capability can
 * point at another's record (a referral at its contact, a panel referral at its early help case).
 */

/** The partner agencies the model names; each maps to one synthetic agency of that kind. */
export type AgencyKey = 'csc' | 'eh' | 'police' | 'health' | 'school' | 'vol' | 'housing' | 'probation';

export interface SyntheticChild {
  /** Position in the population: stable for a given seed, used to spread work across staff. */
  index: number;
  personId: string;
  /** The adults of the household (parents), for contacts and meetings that name them. */
  parentIds: string[];
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  ethnicity: string;
  disabled: boolean;
  locality: Locality;
  postcode: string;
}

export interface ContactSpell {
  id: string;
  receivedAt: Date;
  agency: AgencyKey;
  /** Null while the contact still awaits a decision (only near the end of the data). */
  outcome: ContactOutcome | null;
  /** Threshold level 1–4 of the decision. */
  level: number | null;
  decidedAt: Date | null;
  signedOffAt: Date | null;
  presentingNeeds: string[];
  /** A step up: the early help case it came from. */
  earlyHelpCaseId: string | null;
}

export type EarlyHelpRoute = 'direct' | 'front_door' | 'step_down';

export interface EarlyHelpSpell {
  id: string;
  route: EarlyHelpRoute;
  contactId: string | null;
  /** A step down: the social care episode it came from. */
  fromEpisodeId: string | null;
  openedOn: string;
  /** The lead professional's agency (and the agency that completes the assessment unless stepped down). */
  lead: AgencyKey;
  assessmentId: string;
  assessmentStartedOn: string;
  /** Null while the assessment is still a draft. */
  registeredOn: string | null;
  reviewDates: string[];
  closedOn: string | null;
  closureReason: EarlyHelpClosureReason | null;
  /** Set when the case stepped up: the contact it made (also in `contacts`). */
  stepUpContactId: string | null;
}

export type PanelRoute = 'caf' | 'de_escalation_assessment' | 'contact_below_threshold' | 'missing_exploitation';

export interface PanelSpell {
  id: string;
  panel: 'masg' | 'met_hub';
  route: PanelRoute;
  referredOn: string;
  referredBy: AgencyKey;
  earlyHelpCaseId: string | null;
  contactId: string | null;
  presentingIssues: string[];
  /** Meetings the child was discussed at, first to last. */
  meetingDates: string[];
  closedOn: string | null;
}

export interface AssessmentSpell {
  id: string;
  startDate: string;
  dueDate: string;
  childSeenOn: string | null;
  submittedOn: string | null;
  authorisedOn: string | null;
  outcome: AssessmentOutcome | null;
  factors: string[];
}

export interface CinPlanSpell {
  id: string;
  startDate: string;
  endDate: string | null;
  /** Why it ended: 'needs_met', 'child_protection' (a plan took over), 'looked_after' or 'early_help'. */
  endReason: 'needs_met' | 'child_protection' | 'looked_after' | 'early_help' | null;
}

export interface StrategySpell {
  id: string;
  heldOn: string;
  decision: 'section_47' | 'child_in_need_assessment' | 'no_further_action';
}

export interface Section47Spell {
  id: string;
  strategyId: string;
  startDate: string;
  icpcTarget: string;
  completedOn: string | null;
  outcome: Section47Outcome | null;
}

export interface CpPlanSpell {
  id: string;
  startDate: string;
  endDate: string | null;
  /** NEG, PHY, EMO, SAB or MUL. */
  initialCategory: string;
  categories: string[];
  previousPlans: number;
  previousPlanEnd: string | null;
  /** A key of PLAN_END_REASONS in child-protection/model.ts. */
  endReason: 'child_in_need' | 'looked_after' | 'moved_away' | 'no_longer_needed' | null;
  /** The initial conference that made the plan (held on `startDate`). */
  initialConferenceId: string;
}

export interface CareEpisodeSpell {
  id: string;
  startDate: string;
  endDate: string | null;
  /** 903 RNE, LS, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE. */
  reasonNewEpisode: string;
  legalStatus: string;
  placementType: string;
  placementProvider: string | null;
  reasonCeased: string | null;
  reasonPlaceChange: string | null;
}

export interface CarePeriodSpell {
  id: string;
  startDate: string;
  endDate: string | null;
  categoryOfNeed: string;
  uasc: boolean;
  episodes: CareEpisodeSpell[];
}

/** One CIN episode: from the referral to closure, with everything social care did inside it. */
export interface EpisodeSpell {
  id: string;
  referralDate: string;
  /** CIN ReferralSource code. */
  source: string;
  contactId: string | null;
  reReferral: boolean;
  /** Closed at referral with no further action (no assessment). */
  referralNfa: boolean;
  primaryNeed: string;
  assessment: AssessmentSpell | null;
  cinPlans: CinPlanSpell[];
  strategy: StrategySpell | null;
  section47: Section47Spell | null;
  cpPlans: CpPlanSpell[];
  carePeriods: CarePeriodSpell[];
  closureDate: string | null;
  /** CIN RC1–RC9. */
  closureReason: string | null;
  /** Which team held the case, phase by phase: allocations follow these. */
  phases: { team: SocialCareTeamKind; start: string; end: string | null }[];
}

export interface MissingSpell {
  id: string;
  kind: 'missing' | 'absent';
  startedAt: Date;
  reportedAt: Date;
  reportedBy: AgencyKey;
  inCare: boolean;
  risk: 'low' | 'medium' | 'high';
  returnedAt: Date | null;
  /** The return home interview: offered, then completed (or declined when `accepted` is false). */
  interview: { offeredAt: Date; accepted: boolean; completedAt: Date | null } | null;
  /** An exploitation screening followed this episode. */
  screenedOn: string | null;
}

export interface CareLeaverSpell {
  id: string;
  eligibility: CareLeaverEligibility;
  openedOn: string;
  closedOn: string | null;
  closedReason: 'reached_25' | 'no_longer_needs' | 'moved_away' | null;
}

export interface Journey {
  child: SyntheticChild;
  contacts: ContactSpell[];
  earlyHelp: EarlyHelpSpell[];
  panels: PanelSpell[];
  episodes: EpisodeSpell[];
  missing: MissingSpell[];
  careLeaver: CareLeaverSpell | null;
}

export type SocialCareTeamKind = 'assessment' | 'child_protection' | 'children_in_care' | 'leaving_care';

export interface StaffTeam {
  id: string;
  name: string;
  agencyId: string;
  managerId: string;
  workerIds: string[];
}

/** The synthetic partnership's structure: the demo organisation plus as many teams and staff as the scale needs. */
export interface SyntheticOrganisation {
  agencyIds: Record<AgencyKey, string>;
  /** Social care teams by kind (assessment teams are one per locality, repeated at large scales). */
  socialCare: Record<SocialCareTeamKind, StaffTeam[]>;
  earlyHelp: StaffTeam[];
  /** Conference chairs and independent reviewing officers. */
  chairIds: string[];
  /** One practitioner per partner agency, named on contacts, checks and Teams Around the Child. */
  partnerUserIds: Record<AgencyKey, string>;
  panels: { masg: Record<string, { id: string; chairId: string }>; metHub: { id: string; chairId: string } };
  /** The partnership's own functions, each an agency of its own, and the demo user who runs it. */
  functions: Record<PartnershipFunction, { agencyId: string; userId: string }>;
}

/** `partnership` is its practice reviews and disagreements; `business` its quality assurance, training and board. */
export type PartnershipFunction = 'marac' | 'cdop' | 'partnership' | 'business';

/** What a capability's `synthesise` is given for each child. */
export interface SyntheticContext {
  /** The last day of the data: nothing is dated after it; what is still open then stays open. */
  end: string;
  /** This capability's own random stream (so one capability's choices never shift another's). */
  rng: Rng;
  org: SyntheticOrganisation;
  /** The worker of a team kind who holds this child: the same worker each time for the same child. */
  worker(kind: SocialCareTeamKind, child: SyntheticChild): { id: string; teamId: string };
  /** A new id for a row created at `at`, from the seed (uuid v7 layout, so ids sort by time as live ones do). */
  id(at: Date | string): string;
  /** created_at / updated_at / created_by for a row created at `at`. */
  stamp(at: Date | string, by: string | null): { created_at: Date; updated_at: Date; created_by: string | null };
  /**
   * A row shared by many children (a panel meeting on a date): `make` runs once per key in the whole run and
   * queues the row; every caller gets the same id back.
   */
  once(key: string, make: () => string): string;
  /** Queue a row. Every row of a table must name the same columns (give null explicitly). */
  add<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>): void;
  /** Queue a chronology entry (entry types as the capability's own service writes them). */
  chronology(entry: {
    personId: string;
    at: Date | string;
    type: string;
    summary: string;
    agencyId: string | null;
    by: string | null;
    recordType: string | null;
    recordId: string | null;
  }): void;
}

/** A capability's part of the synthetic authority. */
export type Synthesise = (journey: Journey, ctx: SyntheticContext) => void;
