import type { VisitPurpose } from '../../db/types.ts';

export const VISIT_PURPOSES: Record<VisitPurpose, string> = {
  assessment: 'Assessment visit',
  child_in_need: 'Child in need visit',
  child_protection: 'Child protection visit',
  looked_after: 'Visit to a child in care',
  care_leaver: 'Visit to a care leaver',
};
export const PURPOSE_CODES = Object.keys(VISIT_PURPOSES) as [VisitPurpose, ...VisitPurpose[]];

/**
 * How much a child's case weighs in a worker's caseload, by the most demanding thing open for them. Local
 * practice varies: change the weights here.
 */
export const CASE_WEIGHTS = {
  looked_after: { label: 'Child in care', weight: 1.5 },
  child_protection: { label: 'Child protection plan', weight: 1.5 },
  section_47: { label: 'Section 47 enquiry', weight: 1.5 },
  assessment: { label: 'Assessment', weight: 1 },
  child_in_need: { label: 'Child in need plan', weight: 1 },
  care_leaver: { label: 'Care leaver', weight: 0.5 },
  other: { label: 'Other open case', weight: 0.5 },
} as const;
export type CaseCategory = keyof typeof CASE_WEIGHTS;
/** Most demanding first: a child on a plan and in care counts once, as the heavier. */
export const CATEGORY_ORDER = Object.keys(CASE_WEIGHTS) as CaseCategory[];
