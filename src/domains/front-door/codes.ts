import type { ContactConsent, ContactOutcome, ContactStatus, ContactUrgency } from '../../db/types.ts';

/** Who raised the concern, in the words a MASH uses on its contact record. */
export const CONTACT_SOURCES: Record<string, string> = {
  police: 'Police',
  school: 'School or education',
  health: 'Health',
  early_help_step_up: 'Early help step-up',
  social_care: 'Children’s social care',
  voluntary: 'Voluntary or community organisation',
  housing: 'Housing',
  other_local_authority: 'Another local authority',
  family_member: 'Family member',
  member_of_public: 'Member of the public',
  self: 'The child or young person themselves',
  anonymous: 'Anonymous',
  other: 'Other',
};
/** Sources a contact may be recorded with: a step-up arrives only from an early help case (receiveStepUp). */
export const SOURCE_CODES = Object.keys(CONTACT_SOURCES).filter((s) => s !== 'early_help_step_up') as [string, ...string[]];

/** Presenting needs, ticked on the contact; the narrative says the rest. */
export const PRESENTING_NEEDS: Record<string, string> = {
  neglect: 'Neglect',
  physical_abuse: 'Physical abuse',
  emotional_abuse: 'Emotional abuse',
  sexual_abuse: 'Sexual abuse',
  domestic_abuse: 'Domestic abuse',
  parental_mental_health: 'Parent’s or carer’s mental health',
  parental_substance_misuse: 'Parent’s or carer’s drug or alcohol use',
  child_mental_health: 'Child’s mental health or self-harm',
  behaviour: 'Child’s behaviour',
  school_attendance: 'School attendance',
  missing: 'Going missing',
  exploitation: 'Exploitation (criminal or sexual)',
  online_safety: 'Online safety',
  young_carer: 'Young carer',
  disability: 'Disability or special educational needs',
  housing: 'Housing or homelessness',
  financial: 'Money or debt',
  other: 'Other',
};
export const NEED_CODES = Object.keys(PRESENTING_NEEDS) as [string, ...string[]];

export const CONSENT: Record<ContactConsent, string> = {
  given: 'Consent given',
  not_given: 'Consent not given',
  overridden: 'Consent overridden for the child’s safety',
};

export const URGENCY: Record<ContactUrgency, string> = {
  immediate: 'Immediate: the child may be at risk of significant harm now',
  same_day: 'Same day',
  standard: 'Standard',
};
export const URGENCY_SHORT: Record<ContactUrgency, string> = { immediate: 'Immediate', same_day: 'Same day', standard: 'Standard' };

export const OUTCOMES: Record<ContactOutcome, string> = {
  no_further_action: 'No further action',
  advice: 'Information and advice',
  early_help: 'Early help',
  social_care_referral: 'Referral to children’s social care',
  strategy_discussion: 'Strategy discussion (immediate risk)',
};

export const STATUS: Record<ContactStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  awaiting_sign_off: 'Awaiting sign-off',
  decided: 'Decision made',
};

export const STATUS_COLOUR: Record<ContactStatus, string> = { awaiting_decision: 'blue', awaiting_sign_off: 'purple', decided: 'grey' };

/** How a household member is related to the children, as the contact records it. */
export const HOUSEHOLD_RELATIONSHIPS: Record<string, string> = {
  mother: 'Mother',
  father: 'Father',
  step_parent: 'Step-parent',
  partner_of_parent: 'Parent’s partner',
  carer: 'Carer or guardian',
  sibling: 'Brother or sister',
  grandparent: 'Grandparent',
  other_relative: 'Other relative',
  lodger: 'Lodger or other adult in the home',
  other: 'Other',
};
export const RELATIONSHIP_CODES = Object.keys(HOUSEHOLD_RELATIONSHIPS) as [string, ...string[]];

export const CHECK_STATUS: Record<'requested' | 'responded' | 'withdrawn', string> = {
  requested: 'Awaiting response',
  responded: 'Responded',
  withdrawn: 'Withdrawn',
};

/**
 * Which outcomes fit which threshold level, so a decision applies the threshold document rather than
 * contradicting it: statutory outcomes need level 4, early help level 2 or 3, and a level 4 need cannot be
 * closed with no further action or advice.
 */
export const OUTCOME_LEVELS: Record<ContactOutcome, readonly number[]> = {
  no_further_action: [1, 2],
  advice: [1, 2],
  early_help: [2, 3],
  social_care_referral: [4],
  strategy_discussion: [4],
};

export function outcomeFitsLevel(outcome: ContactOutcome, level: number): string | null {
  if (OUTCOME_LEVELS[outcome].includes(level)) return null;
  if (outcome === 'early_help') return 'Early help needs level 2 or 3. At level 4 choose a referral to social care or a strategy discussion';
  if (outcome === 'social_care_referral' || outcome === 'strategy_discussion') return `${OUTCOMES[outcome]} needs level 4. Below level 4 choose early help, advice or no further action`;
  return `${OUTCOMES[outcome]} fits level 1 or 2 only. At level ${level} choose ${level === 3 ? 'early help' : 'a referral to social care or a strategy discussion'}`;
}
