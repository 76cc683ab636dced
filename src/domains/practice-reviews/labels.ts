import { addWorkingDays } from '../../platform/calendar/working-days.ts';

/** What the rapid review recommends, and what the partnership decides (Working Together 2023). */
export const DECISIONS = {
  lcspr: 'Local child safeguarding practice review',
  learning_other: 'No review: learning by other means',
  national: 'National panel review',
} as const;

export { RAG_TAGS, RAGS } from '../../platform/views/rag.ts';

/** The national panel is notified within 5 working days of the partnership becoming aware of the incident. */
export const NOTIFICATION_WORKING_DAYS = 5;
/** The rapid review is held within 15 working days of the notification (of becoming aware, when not notified). */
export const RAPID_REVIEW_WORKING_DAYS = 15;

export const notificationDue = (r: { aware_on: string }) => addWorkingDays(r.aware_on, NOTIFICATION_WORKING_DAYS);
export const rapidReviewDue = (r: { aware_on: string; notified_on: string | null }) => addWorkingDays(r.notified_on ?? r.aware_on, RAPID_REVIEW_WORKING_DAYS);

export type Stage = 'rapid_review' | 'decision' | 'reviewing' | 'report' | 'published' | 'not_published' | 'learning' | 'closed';

export const STAGES: Record<Stage, string> = {
  rapid_review: 'Awaiting rapid review',
  decision: 'Awaiting decision',
  reviewing: 'Review under way',
  report: 'Report received',
  published: 'Report published',
  not_published: 'Report not published',
  learning: 'Learning by other means',
  closed: 'Closed',
};

type StageRow = { closed_on: string | null; rapid_review_held_on: string | null; decision: string | null; report_received_on: string | null; published_on: string | null; not_published_reason: string | null };

/** Where a review stands, from what has been recorded: each step follows the one before. */
export function stageOf(r: StageRow): Stage {
  if (r.closed_on) return 'closed';
  if (!r.rapid_review_held_on) return 'rapid_review';
  if (!r.decision) return 'decision';
  if (r.decision === 'learning_other') return 'learning';
  if (!r.report_received_on) return 'reviewing';
  if (r.published_on) return 'published';
  return r.not_published_reason ? 'not_published' : 'report';
}

/** Whether the review itself (reviewers, terms of reference, report) applies: only when a review was decided on. */
export const hasReview = (r: { decision: string | null }) => r.decision === 'lcspr' || r.decision === 'national';
