/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const CARE_LEAVER_CHRONOLOGY_LABELS: Record<string, string> = {
  'care_leaver.opened': 'Care leaver record opened',
  'care_leaver.adviser': 'Personal adviser',
  'care_leaver.pathway_plan': 'Pathway plan',
  'care_leaver.pathway_plan_review': 'Pathway plan review',
  'care_leaver.contact': 'Keeping in touch',
  'care_leaver.closed': 'Care leaver record closed',
};
