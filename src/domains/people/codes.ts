/** The person index's code sets; ethnicity and disability are the statutory returns' own (platform/codes). */
export { DISABILITIES as DISABILITY, ETHNICITIES as ETHNICITY } from '../../platform/codes/cin.ts';

export const SEX: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown or not recorded' };

export const PERSON_TYPE: Record<string, string> = { child: 'Child', unborn: 'Unborn child', adult: 'Adult' };

/**
 * Relationships are stored once, as "A is the <kind> of B", and shown from both sides: on B's record A is
 * listed with <kind>, on A's record B is listed with its inverse.
 */
export const RELATIONSHIP: Record<string, { label: string; inverse: string }> = {
  parent: { label: 'Parent', inverse: 'child' },
  child: { label: 'Child', inverse: 'parent' },
  step_parent: { label: 'Step-parent', inverse: 'step_child' },
  step_child: { label: 'Step-child', inverse: 'step_parent' },
  carer: { label: 'Carer', inverse: 'cared_for' },
  cared_for: { label: 'Person they care for', inverse: 'carer' },
  sibling: { label: 'Sibling', inverse: 'sibling' },
  half_sibling: { label: 'Half-sibling', inverse: 'half_sibling' },
  grandparent: { label: 'Grandparent', inverse: 'grandchild' },
  grandchild: { label: 'Grandchild', inverse: 'grandparent' },
  partner: { label: 'Partner', inverse: 'partner' },
  household_member: { label: 'Household member', inverse: 'household_member' },
  other_relative: { label: 'Other relative', inverse: 'other_relative' },
};

export const INVOLVEMENT_BASIS: Record<string, string> = {
  made_contact: 'Made the contact',
  team_around_child: 'Team Around the Child',
  consent: 'Shared with consent',
  lawful_basis: 'Shared under a lawful basis',
  created_record: 'Created the record',
  marac: 'Case discussed at MARAC',
  cdop: 'Child death review',
  practice_review: 'Subject of a practice review',
};
