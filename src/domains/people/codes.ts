/** Code sets shared with the statutory returns (reference/statutory-returns.md 1.3.5–1.3.8). */

export const ETHNICITY: Record<string, string> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy/Roma',
  WOTH: 'Any other White background',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

export const DISABILITY: Record<string, string> = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
};

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
};
