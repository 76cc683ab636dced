import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

/** A uuid[] column: always an array when read, optional when inserted. */
type IdList = ColumnType<string[], string[] | undefined, string[]>;

export type ReviewDecision = 'lcspr' | 'learning_other' | 'national';
export type Rag = 'red' | 'amber' | 'green' | 'complete';

/** A serious incident referred to the partnership, from notification to the published review (migration 0015). */
export interface PracticeReviewsTable extends Standard {
  id: Generated<string>;
  /** How the review is known: its reference and a name that never identifies the child ("Child R"). */
  reference: string;
  title: string;
  referring_agency_id: string;
  incident_on: DateColumn;
  aware_on: DateColumn;
  summary: string;
  notified_on: DateColumn | null;
  rapid_review_held_on: DateColumn | null;
  rapid_review_agency_ids: IdList;
  rapid_review_recommendation: ReviewDecision | null;
  decision: ReviewDecision | null;
  decided_on: DateColumn | null;
  decision_rationale: string | null;
  terms_agreed_on: DateColumn | null;
  report_received_on: DateColumn | null;
  published_on: DateColumn | null;
  not_published_reason: string | null;
  closed_on: DateColumn | null;
  closure_note: string | null;
}

export interface PracticeReviewChildrenTable {
  review_id: string;
  person_id: string;
}

export interface PracticeReviewReviewersTable {
  review_id: string;
  position: number;
  name: string;
  independent: boolean;
}

export interface PracticeReviewRecommendationsTable extends Standard {
  id: Generated<string>;
  review_id: string;
  number: number;
  text: string;
}

export interface PracticeReviewActionsTable extends Standard {
  id: Generated<string>;
  review_id: string;
  recommendation_id: string;
  what: string;
  agency_id: string;
  owner: string;
  due_on: DateColumn;
  rag: Rag;
  evidence: string | null;
  completed_on: DateColumn | null;
}

export interface PracticeReviewActionUpdatesTable {
  id: Generated<string>;
  action_id: string;
  recorded_on: DateColumn;
  rag: Rag;
  note: string;
  created_at: Moment;
  created_by: string | null;
}

export interface PracticeReviewBriefingsTable extends Standard {
  id: Generated<string>;
  title: string;
  issued_on: DateColumn;
  audience: string;
  key_messages: string;
}

export interface PracticeReviewBriefingReviewsTable {
  briefing_id: string;
  review_id: string;
}

export interface PracticeReviewTables {
  practice_reviews: PracticeReviewsTable;
  practice_review_children: PracticeReviewChildrenTable;
  practice_review_reviewers: PracticeReviewReviewersTable;
  practice_review_recommendations: PracticeReviewRecommendationsTable;
  practice_review_actions: PracticeReviewActionsTable;
  practice_review_action_updates: PracticeReviewActionUpdatesTable;
  practice_review_briefings: PracticeReviewBriefingsTable;
  practice_review_briefing_reviews: PracticeReviewBriefingReviewsTable;
}
