/**
 * What this capability is called on pages. Many areas say "cared for child" rather than "child in care": change
 * these words here and every page, list, record section and inbox item follows.
 */
export const CARE_LABEL = {
  /** The list and the record section: "Children in care". */
  plural: 'Children in care',
  /** One child: "child in care". */
  singular: 'child in care',
  /** The time a child is in care: "period of care". */
  period: 'period of care',
} as const;

/** The navigation section the pages belong to (children's social care). */
export const SECTION = 'social-care';

export const view = (name: string) => `domains/children-in-care/views/${name}.njk`;
export const periodHref = (periodId: string) => `/care/${periodId}`;

/** Health and education checks recorded while in care, in practitioners' words. */
export const CHECK_KINDS = {
  initial_health: 'Initial health assessment',
  review_health: 'Review health assessment',
  dental: 'Dental check',
  immunisations: 'Immunisations up to date',
  sdq: 'Strengths and Difficulties Questionnaire (SDQ)',
  pep: 'Personal education plan (PEP)',
} as const;
export type CheckKind = keyof typeof CHECK_KINDS;
