/**
 * This capability's chronology entry types. The child's chronology is seen by everyone who works with them, so
 * it says only that a concern about an adult was referred, never what was alleged or about whom.
 */
export const LADO_CHRONOLOGY_LABELS: Record<string, string> = {
  'lado.referred': 'Concern about an adult referred to the LADO',
};
