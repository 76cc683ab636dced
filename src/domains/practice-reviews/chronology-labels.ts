/**
 * This capability's chronology entry types. The child's chronology is seen by everyone who works with them, so
 * it says only that the partnership is considering the case for a review, never what happened or what was found.
 */
export const PRACTICE_REVIEW_CHRONOLOGY_LABELS: Record<string, string> = {
  'practice_review.referred': 'Referred to the safeguarding partnership for a practice review',
};
