/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const CARE_LEAVER_CHRONOLOGY_LABELS: Record<string, string> = {};
