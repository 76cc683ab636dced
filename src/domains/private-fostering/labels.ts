import type { CheckResult, Decision, EndReason, Notifier } from './tables.ts';

export const NOTIFIERS: Record<Notifier, string> = {
  carer: 'The private foster carer',
  parent: 'A parent',
  school: 'A school',
  health: 'A health professional',
  other_professional: 'Another professional',
  other: 'Someone else',
};

/**
 * How the carer is related to the child. The close relatives of the Children Act 1989 s105 (and parents) are
 * listed so that choosing one can be refused with a reason: their care of a child is not private fostering.
 */
export const RELATIONSHIPS: Record<string, { label: string; closeRelative: boolean }> = {
  family_friend: { label: 'Friend of the family', closeRelative: false },
  friends_parent: { label: 'Parent of the child’s friend', closeRelative: false },
  host_family: { label: 'Host family (for example, for a language school or sport)', closeRelative: false },
  cousin: { label: 'Cousin, great-aunt or great-uncle, or other more distant relative', closeRelative: false },
  partner_of_parent: { label: 'A parent’s partner who is not a step-parent', closeRelative: false },
  not_known_before: { label: 'Not known to the family before', closeRelative: false },
  other: { label: 'Other (not a close relative)', closeRelative: false },
  grandparent: { label: 'Grandparent', closeRelative: true },
  sibling: { label: 'Brother or sister', closeRelative: true },
  aunt_uncle: { label: 'Aunt or uncle', closeRelative: true },
  step_parent: { label: 'Step-parent', closeRelative: true },
  parent: { label: 'Parent, or someone with parental responsibility', closeRelative: true },
};

export const NON_RELATIVES = Object.keys(RELATIONSHIPS).filter((k) => !RELATIONSHIPS[k]!.closeRelative);

export const CHECK_RESULTS: Record<CheckResult, string> = { satisfactory: 'Satisfactory', concerns: 'Concerns' };

/** The carer checks of the suitability assessment, in the order the form asks them. */
export const CHECKS = [
  { key: 'dbs', label: 'DBS check of the carers and adults in the household' },
  { key: 'references', label: 'References' },
  { key: 'health', label: 'Carers’ health' },
  { key: 'accommodation', label: 'Home visit and accommodation' },
] as const;

export const DECISIONS: Record<Decision, string> = {
  suitable: 'Suitable',
  suitable_with_conditions: 'Suitable with conditions',
  not_suitable: 'Not suitable',
};

export const END_REASONS: Record<EndReason, string> = {
  returned_to_parents: 'Returned to parents',
  reached_age: 'Turned 16 (18 if disabled)',
  became_looked_after: 'Became looked after',
  moved_to_relative: 'Moved to live with a relative',
  carer_unable: 'Carer no longer able to care',
  other: 'Other',
};
