import type { Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

export type RiskBasis = 'dash' | 'professional_judgement' | 'escalation';
export type DiscussionOutcome = 'closed' | 'carried';

/** A referral of a victim of domestic abuse to the MARAC (migration 0013). */
export interface MaracCasesTable extends Standard {
  id: Generated<string>;
  victim_id: string;
  perpetrator_id: string | null;
  referring_agency: string;
  referrer_name: string;
  referred_on: DateColumn;
  dash_score: number | null;
  risk_basis: RiskBasis;
  risk_reason: string | null;
  /** The victim's previous case, when referred again within 12 months of it: a repeat. */
  repeat_of: string | null;
  closed_on: DateColumn | null;
  closure_reason: string | null;
}

export interface MaracCaseChildrenTable {
  case_id: string;
  person_id: string;
}

export interface MaracMeetingsTable extends Standard {
  id: Generated<string>;
  held_on: DateColumn;
}

export interface MaracDiscussionsTable extends Standard {
  id: Generated<string>;
  meeting_id: string;
  case_id: string;
  summary: string | null;
  outcome: DiscussionOutcome | null;
}

export interface MaracActionsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  discussion_id: string;
  what: string;
  agency: string;
  owner: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
}

export interface MaracTables {
  marac_cases: MaracCasesTable;
  marac_case_children: MaracCaseChildrenTable;
  marac_meetings: MaracMeetingsTable;
  marac_discussions: MaracDiscussionsTable;
  marac_actions: MaracActionsTable;
}
