import { CARE_LEAVER_CHRONOLOGY_LABELS } from '../care-leavers/chronology-labels.ts';
import { CASEWORK_CHRONOLOGY_LABELS } from '../casework/chronology-labels.ts';
import { CHILD_PROTECTION_CHRONOLOGY_LABELS } from '../child-protection/chronology-labels.ts';
import { CHILDREN_IN_CARE_CHRONOLOGY_LABELS } from '../children-in-care/chronology-labels.ts';
import { LADO_CHRONOLOGY_LABELS } from '../lado/chronology-labels.ts';
import { MARAC_CHRONOLOGY_LABELS } from '../marac/chronology-labels.ts';
import { DISAGREEMENT_CHRONOLOGY_LABELS } from '../disagreements/chronology-labels.ts';
import { PRACTICE_REVIEW_CHRONOLOGY_LABELS } from '../practice-reviews/chronology-labels.ts';
import { CDOP_CHRONOLOGY_LABELS } from '../cdop/chronology-labels.ts';
import { MISSING_CHRONOLOGY_LABELS } from '../missing/chronology-labels.ts';
import { ASSOCIATION_CHRONOLOGY_LABELS } from '../outside-home/associations-labels.ts';
import { GROUP_CHRONOLOGY_LABELS } from '../outside-home/groups-labels.ts';
import { PLACES_CHRONOLOGY_LABELS } from '../outside-home/places-labels.ts';
import { PRIVATE_FOSTERING_CHRONOLOGY_LABELS } from '../private-fostering/chronology-labels.ts';
import { REFERRAL_CHRONOLOGY_LABELS } from '../referrals/chronology-labels.ts';
import { DOCUMENT_CHRONOLOGY_LABELS } from '../documents/chronology-labels.ts';
import { CHILDS_VOICE_CHRONOLOGY_LABELS } from '../childs-voice/chronology-labels.ts';
import { PRACTICE_TOOL_CHRONOLOGY_LABELS } from '../practice-tools/chronology-labels.ts';

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
  'contact.check_requested': 'Multi-agency check requested',
  'contact.check_responded': 'Multi-agency check answered',
  'early_help.opened': 'Early help case opened',
  'early_help.allocated': 'Lead professional allocated',
  'early_help.contact_joined': 'Front door decision added to early help case',
  'early_help.assessment_started': 'Early help assessment started',
  'early_help.assessment_registered': 'Early help assessment registered',
  'early_help.tac_joined': 'Joined the Team Around the Child',
  'early_help.tac_left': 'Left the Team Around the Child',
  'early_help.plan_changed': 'Early help plan changed',
  'early_help.review_held': 'Early help review',
  'early_help.stepped_up': 'Stepped up to the front door',
  'early_help.stepped_down': 'Stepped down to early help',
  'early_help.closed': 'Early help case closed',
  'panel.referred': 'Referred to a panel',
  'panel.discussed': 'Discussed at a panel',
  'panel.deferred': 'Panel discussion deferred',
  'panel.action_set': 'Panel action set',
  'panel.action_completed': 'Panel action completed',
  'panel.referral_closed': 'Panel referral closed',
  'referral.received': 'Referral received',
  'threshold.decision': 'Threshold decision',
  'break_glass.opened': 'Emergency access',
  ...REFERRAL_CHRONOLOGY_LABELS,
  ...CHILD_PROTECTION_CHRONOLOGY_LABELS,
  ...CHILDREN_IN_CARE_CHRONOLOGY_LABELS,
  ...CARE_LEAVER_CHRONOLOGY_LABELS,
  ...PRIVATE_FOSTERING_CHRONOLOGY_LABELS,
  ...MISSING_CHRONOLOGY_LABELS,
  ...PLACES_CHRONOLOGY_LABELS,
  ...LADO_CHRONOLOGY_LABELS,
  ...MARAC_CHRONOLOGY_LABELS,
  ...DISAGREEMENT_CHRONOLOGY_LABELS,
  ...PRACTICE_REVIEW_CHRONOLOGY_LABELS,
  ...CDOP_CHRONOLOGY_LABELS,
  ...CASEWORK_CHRONOLOGY_LABELS,
  ...ASSOCIATION_CHRONOLOGY_LABELS,
  ...GROUP_CHRONOLOGY_LABELS,
  ...DOCUMENT_CHRONOLOGY_LABELS,
  ...CHILDS_VOICE_CHRONOLOGY_LABELS,
  ...PRACTICE_TOOL_CHRONOLOGY_LABELS,
};

export function entryTypeLabel(type: string): string {
  const known = ENTRY_TYPE_LABELS[type];
  if (known) return known;
  const words = type.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
