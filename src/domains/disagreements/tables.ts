import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type DisagreementStatus = 'open' | 'resolved' | 'withdrawn';
export type Resolution = 'agreed' | 'decision_stands' | 'decision_changed' | 'other';
export type StepKind = 'response' | 'escalated' | 'resolved' | 'withdrawn';

/** A professional disagreement with another agency's decision (migration 0016). */
export interface DisagreementsTable extends Standard {
  id: Generated<string>;
  raised_by: string;
  raised_by_agency: string;
  about_agency: string;
  /** The child it concerns, when there is one: only a child the raiser could see. */
  person_id: string | null;
  raised_on: DateColumn;
  decision: string;
  decision_on: DateColumn;
  reasons: string;
  outcome_sought: string;
  /** The stage now, which is also the highest reached: a disagreement only moves up. */
  stage: number;
  stage_started_on: DateColumn;
  stage_due: DateColumn;
  /** When the agency it is about answered at this stage (the clock stops). */
  stage_responded_on: DateColumn | null;
  status: Generated<DisagreementStatus>;
  resolution: Resolution | null;
  resolution_summary: string | null;
  closed_on: DateColumn | null;
}

/** Each step after raising, appended and never changed: who, when, what was said. */
export interface DisagreementStepsTable {
  id: Generated<string>;
  disagreement_id: string;
  kind: StepKind;
  stage: number;
  occurred_on: DateColumn;
  note: string;
  recorded_by: string;
  agency_id: string;
  created_at: Moment;
}

export interface DisagreementTables {
  disagreements: DisagreementsTable;
  disagreement_steps: DisagreementStepsTable;
}
