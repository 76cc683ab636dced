import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type Rating = 'met' | 'partly_met' | 'not_met' | 'unanswered';
export type ReturnStatus = 'not_started' | 'draft' | 'submitted';

/** A Section 11 standard as the business manager keeps it now (migration 0028 ships nine). */
export interface Section11StandardsTable extends Standard {
  id: Generated<string>;
  number: number;
  title: string;
  description: string;
  indicators: Generated<string[]>;
  /** Standards no longer asked are kept, out of use, rather than deleted. */
  in_use: Generated<boolean>;
}

/** One self-assessment round ("Section 11 self-assessment 2026"). */
export interface Section11RoundsTable extends Standard {
  id: Generated<string>;
  title: string;
  opens_on: DateColumn;
  due_on: DateColumn;
  challenge_on: DateColumn | null;
  /** Set when the round closes: its returns are kept, read-only. */
  closed_on: DateColumn | null;
  idempotency_key: string | null;
}

/** The standards as a round asked them: a copy, so editing a standard never changes a past return. */
export interface Section11RoundStandardsTable {
  id: Generated<string>;
  round_id: string;
  standard_id: string | null;
  number: number;
  title: string;
  description: string;
  indicators: Generated<string[]>;
}

/** One agency's return in a round: made when the round opens, one per agency asked. */
export interface Section11ReturnsTable extends Standard {
  id: Generated<string>;
  round_id: string;
  agency_id: string;
  status: Generated<ReturnStatus>;
  submitted_at: Moment | null;
  submitted_by: string | null;
  /** A later due date the business manager agreed for this agency; the round's date otherwise. */
  extended_to: DateColumn | null;
}

/** The agency's rating of itself against one standard, with its evidence and, short of met, its action. */
export interface Section11RatingsTable {
  return_id: string;
  round_standard_id: string;
  rating: Rating;
  evidence: string | null;
  action: string | null;
  action_due_on: DateColumn | null;
}

/** The business manager's notes from challenge day about one agency's return. */
export interface Section11ChallengesTable extends Standard {
  id: Generated<string>;
  return_id: string;
  challenged: string;
  agency_answer: string | null;
  agreed_actions: string | null;
}

/** This capability's tables (migration 0028). */
export interface Section11Tables {
  section11_standards: Section11StandardsTable;
  section11_rounds: Section11RoundsTable;
  section11_round_standards: Section11RoundStandardsTable;
  section11_returns: Section11ReturnsTable;
  section11_ratings: Section11RatingsTable;
  section11_challenges: Section11ChallengesTable;
}
