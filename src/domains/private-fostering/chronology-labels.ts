/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const PRIVATE_FOSTERING_CHRONOLOGY_LABELS: Record<string, string> = {
  'private_fostering.notified': 'Private fostering notified',
  'private_fostering.visit': 'Private fostering visit',
  'private_fostering.assessment': 'Private fostering assessment',
  'private_fostering.confirmed': 'Private fostering decision confirmed',
  'private_fostering.changed': 'Private fostering details changed',
  'private_fostering.ended': 'Private fostering arrangement ended',
};
