/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const CHILDREN_IN_CARE_CHRONOLOGY_LABELS: Record<string, string> = {
  'care.started': 'Became looked after',
  'care.changed': 'Change of legal status or placement',
  'care.ended': 'Left care',
  'care.iro_named': 'Independent reviewing officer named',
  'care.review_held': 'Looked-after review',
  'care.check_recorded': 'Health or education check',
};
