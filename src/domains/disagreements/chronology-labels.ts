/**
 * This capability's chronology entry types. The child's chronology is seen by everyone who works with them, so it
 * says only that agencies disagreed and that it ended, never about what or between whom.
 */
export const DISAGREEMENT_CHRONOLOGY_LABELS: Record<string, string> = {
  'disagreements.raised': 'Professional disagreement raised',
  'disagreements.closed': 'Professional disagreement ended',
};
