/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const MISSING_CHRONOLOGY_LABELS: Record<string, string> = {
  'missing.reported': 'Reported missing',
  'missing.returned': 'Returned from missing',
  'missing.interview_offered': 'Return home interview offered',
  'missing.interview_accepted': 'Return home interview accepted',
  'missing.interview_declined': 'Return home interview declined',
  'missing.interview_completed': 'Return home interview held',
  'exploitation.screened': 'Exploitation screening',
};
