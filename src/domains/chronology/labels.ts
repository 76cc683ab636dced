/**
 * Chronology entry types in practitioners' words. Capabilities add their own types as they are built; any
 * type without a label here is shown from its code ('contact.received' → 'Contact received').
 */
export const ENTRY_TYPE_LABELS: Record<string, string> = {
  'person.created': 'Record created',
  'person.updated': 'Record changed',
  'person.merged': 'Records merged',
  'person.restricted': 'Record restricted',
  'person.unrestricted': 'Restriction removed',
  'person.shared': 'Record shared with an agency',
  'person.address_changed': 'Address changed',
  'person.address_added': 'Address added',
  'person.name_added': 'Name added',
  'person.restriction_changed': 'Restriction changed',
  'person.share_ended': 'Sharing stopped',
  'person.relationship_added': 'Relationship added',
  'contact.received': 'Contact received',
  'referral.received': 'Referral received',
  'threshold.decision': 'Threshold decision',
  'assessment.started': 'Assessment started',
  'assessment.completed': 'Assessment completed',
  'strategy.discussion': 'Strategy discussion',
  'section47.started': 'Section 47 enquiry started',
  'conference.held': 'Child protection conference',
  'plan.started': 'Plan started',
  'plan.ended': 'Plan ended',
  'missing.episode': 'Missing episode',
  'break_glass.opened': 'Emergency access',
};

export function entryTypeLabel(type: string): string {
  const known = ENTRY_TYPE_LABELS[type];
  if (known) return known;
  const words = type.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
