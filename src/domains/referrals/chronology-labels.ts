/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const REFERRAL_CHRONOLOGY_LABELS: Record<string, string> = {
  'referral.received': 'Referral received',
  'referral.contact_added': 'Contact added to the open referral',
  'referral.no_further_action': 'Referral: no further action',
  'referral.primary_need': 'Primary need recorded',
  'referral.closed': 'Social care episode closed',
  'assessment.started': 'Assessment started',
  'assessment.updated': 'Assessment updated',
  'assessment.submitted': 'Assessment submitted',
  'assessment.returned': 'Assessment returned',
  'assessment.authorised': 'Assessment authorised',
  'cin_plan.started': 'Child in need plan started',
  'cin_plan.changed': 'Child in need plan changed',
  'cin_plan.reviewed': 'Child in need plan reviewed',
  'cin_plan.ended': 'Child in need plan ended',
};
