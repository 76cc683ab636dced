/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const CASEWORK_CHRONOLOGY_LABELS: Record<string, string> = {
  'case.allocated': 'Case allocated',
  'case.unallocated': 'Case no longer allocated',
  'visit.recorded': 'Visit',
};
