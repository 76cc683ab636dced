/** This capability's chronology entry types in practitioners' words (merged into chronology/labels.ts). */
export const CHILD_PROTECTION_CHRONOLOGY_LABELS: Record<string, string> = {
  'strategy.held': 'Strategy discussion',
  's47.started': 'Section 47 enquiry started',
  's47.completed': 'Section 47 enquiry completed',
  'conference.scheduled': 'Conference scheduled',
  'conference.held': 'Child protection conference',
  'cp_plan.started': 'Child protection plan started',
  'cp_plan.continued': 'Child protection plan continued',
  'cp_plan.ended': 'Child protection plan ended',
  'cp_plan.escalation': 'Child protection plan escalation',
  'core_group.held': 'Core group',
};
