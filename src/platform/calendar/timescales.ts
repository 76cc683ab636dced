import { addCalendarDays, addMonths, addWorkingDays } from './working-days.ts';

/**
 * Every statutory and local timescale, declared once: what starts the clock, how the due date is worked out, who
 * is told. Services fix due dates with `dueDate` (or `dueMoment` for clocks in hours); whether a clock is overdue
 * is worked out from today when it is shown (`clockStatus`). A local authority changing a local standard
 * (marked `local`) changes it here and nowhere else.
 */
export type DueRule = { workingDays: number } | { calendarDays: number } | { months: number } | { hours: number };

export interface Timescale {
  label: string;
  /** The event that starts the clock, in the words practitioners use. */
  startsFrom: string;
  rule: DueRule;
  /** Who the clock's work falls to and who is told when it runs late. */
  alerts: string;
  /** Where the timescale comes from: national guidance, or a local standard a partnership may change. */
  basis: 'statutory' | 'local';
}

export const TIMESCALES = {
  thresholdDecision: { label: 'Threshold decision', startsFrom: 'contact received', rule: { workingDays: 1 }, alerts: 'front door worker, front door manager', basis: 'statutory' },
  assessment: { label: 'Child and family assessment', startsFrom: 'referral received', rule: { workingDays: 45 }, alerts: 'allocated social worker, team manager', basis: 'statutory' },
  assessmentWarning: { label: 'Assessment warning', startsFrom: 'referral received', rule: { workingDays: 35 }, alerts: 'allocated social worker, team manager', basis: 'local' },
  cinPlanReview: { label: 'Child in need plan review', startsFrom: 'plan start or last review', rule: { months: 3 }, alerts: 'allocated social worker, team manager', basis: 'local' },
  cinVisit: { label: 'Child in need visit', startsFrom: 'plan start or last visit', rule: { workingDays: 20 }, alerts: 'allocated social worker', basis: 'local' },
  initialConference: { label: 'Initial child protection conference', startsFrom: 'strategy discussion that started the section 47 enquiry', rule: { workingDays: 15 }, alerts: 'allocated social worker, team manager, conference chair', basis: 'statutory' },
  firstCoreGroup: { label: 'First core group', startsFrom: 'initial child protection conference', rule: { workingDays: 10 }, alerts: 'allocated social worker, team manager', basis: 'statutory' },
  coreGroup: { label: 'Core group', startsFrom: 'last core group', rule: { calendarDays: 42 }, alerts: 'allocated social worker', basis: 'local' },
  cpVisit: { label: 'Child protection visit', startsFrom: 'plan start or last visit', rule: { workingDays: 10 }, alerts: 'allocated social worker, team manager', basis: 'local' },
  firstReviewConference: { label: 'First review conference', startsFrom: 'initial child protection conference', rule: { months: 3 }, alerts: 'conference chair, allocated social worker', basis: 'statutory' },
  reviewConference: { label: 'Review conference', startsFrom: 'last review conference', rule: { months: 6 }, alerts: 'conference chair, allocated social worker', basis: 'statutory' },
  cpPlanHeadOfService: { label: 'Plan at 9 months: head of service review', startsFrom: 'child protection plan start', rule: { months: 9 }, alerts: 'head of service (team manager)', basis: 'local' },
  cpPlanLegalPlanning: { label: 'Plan at 12 months: legal planning', startsFrom: 'child protection plan start', rule: { months: 12 }, alerts: 'legal planning (team manager)', basis: 'local' },
  cpPlanTwoYears: { label: 'Plan of 2 years or more', startsFrom: 'child protection plan start', rule: { months: 24 }, alerts: 'team manager', basis: 'local' },
  firstCareReview: { label: 'First looked-after review', startsFrom: 'becoming looked after', rule: { workingDays: 20 }, alerts: 'independent reviewing officer, allocated social worker', basis: 'statutory' },
  secondCareReview: { label: 'Second looked-after review', startsFrom: 'first review', rule: { months: 3 }, alerts: 'independent reviewing officer, allocated social worker', basis: 'statutory' },
  careReview: { label: 'Looked-after review', startsFrom: 'last review', rule: { months: 6 }, alerts: 'independent reviewing officer, allocated social worker', basis: 'statutory' },
  firstPlacementVisit: { label: 'Visit after a placement starts', startsFrom: 'placement start', rule: { calendarDays: 7 }, alerts: 'allocated social worker', basis: 'statutory' },
  careVisit: { label: 'Looked-after visit (first year of a placement)', startsFrom: 'last visit', rule: { calendarDays: 42 }, alerts: 'allocated social worker', basis: 'statutory' },
  careVisitLongTerm: { label: 'Looked-after visit (long-term placement after a year)', startsFrom: 'last visit', rule: { months: 3 }, alerts: 'allocated social worker', basis: 'statutory' },
  initialHealthAssessment: { label: 'Initial health assessment', startsFrom: 'becoming looked after', rule: { workingDays: 20 }, alerts: 'allocated social worker', basis: 'statutory' },
  reviewHealthUnder5: { label: 'Review health assessment (under 5)', startsFrom: 'last health assessment', rule: { months: 6 }, alerts: 'allocated social worker', basis: 'statutory' },
  reviewHealth: { label: 'Review health assessment (5 and over)', startsFrom: 'last health assessment', rule: { months: 12 }, alerts: 'allocated social worker', basis: 'statutory' },
  dentalCheck: { label: 'Dental check', startsFrom: 'last dental check', rule: { months: 12 }, alerts: 'allocated social worker', basis: 'statutory' },
  immunisationCheck: { label: 'Immunisations check', startsFrom: 'becoming looked after or last check', rule: { months: 12 }, alerts: 'allocated social worker', basis: 'local' },
  sdqCheck: { label: 'Strengths and Difficulties Questionnaire (ages 4 to 16)', startsFrom: 'becoming looked after or last questionnaire', rule: { months: 12 }, alerts: 'allocated social worker', basis: 'statutory' },
  firstPep: { label: 'Personal education plan', startsFrom: 'becoming looked after', rule: { workingDays: 10 }, alerts: 'allocated social worker, virtual school', basis: 'statutory' },
  pepReview: { label: 'Personal education plan review', startsFrom: 'last personal education plan', rule: { months: 4 }, alerts: 'allocated social worker, virtual school', basis: 'local' },
  pathwayPlan: { label: 'Pathway plan', startsFrom: '16th birthday', rule: { months: 3 }, alerts: 'allocated social worker, personal adviser', basis: 'statutory' },
  pathwayPlanReview: { label: 'Pathway plan review', startsFrom: 'last pathway plan', rule: { months: 6 }, alerts: 'personal adviser', basis: 'statutory' },
  careLeaverContact: { label: 'Keeping in touch with a care leaver', startsFrom: 'last contact', rule: { calendarDays: 56 }, alerts: 'personal adviser', basis: 'local' },
  returnInterview: { label: 'Return home interview', startsFrom: 'the child’s return', rule: { hours: 72 }, alerts: 'allocated social worker, missing co-ordinator', basis: 'statutory' },
  exploitationReview: { label: 'Exploitation screening review', startsFrom: 'last screening', rule: { months: 3 }, alerts: 'allocated social worker', basis: 'local' },
  disagreementStage1: { label: 'Professional disagreement, stage 1: practitioner to practitioner', startsFrom: 'disagreement raised', rule: { workingDays: 2 }, alerts: 'the agency it is about (its managers), the practitioner who raised it', basis: 'local' },
  disagreementStage2: { label: 'Professional disagreement, stage 2: line managers', startsFrom: 'escalation to stage 2', rule: { workingDays: 5 }, alerts: 'the agency it is about (its managers), the practitioner who raised it', basis: 'local' },
  disagreementStage3: { label: 'Professional disagreement, stage 3: senior managers or heads of service', startsFrom: 'escalation to stage 3', rule: { workingDays: 5 }, alerts: 'the agency it is about (its managers), the practitioner who raised it', basis: 'local' },
  disagreementStage4: { label: 'Professional disagreement, stage 4: the safeguarding partnership', startsFrom: 'escalation to stage 4', rule: { workingDays: 10 }, alerts: 'partnership business unit', basis: 'local' },
  cdopAgencyReturn: { label: 'Agency information for a child death review', startsFrom: 'information requested from the agency', rule: { workingDays: 20 }, alerts: 'child death review manager', basis: 'local' },
} as const satisfies Record<string, Timescale>;

export type TimescaleName = keyof typeof TIMESCALES;

/** The day a clock falls due, counted from the day that started it (day 0). */
export function dueDate(name: TimescaleName, from: string): string {
  const rule: DueRule = TIMESCALES[name].rule;
  if ('workingDays' in rule) return addWorkingDays(from, rule.workingDays);
  if ('calendarDays' in rule) return addCalendarDays(from, rule.calendarDays);
  if ('months' in rule) return addMonths(from, rule.months);
  throw new Error(`${name} is counted in hours: use dueMoment`);
}

/** The moment a clock counted in hours falls due. */
export function dueMoment(name: TimescaleName, from: Date): Date {
  const rule: DueRule = TIMESCALES[name].rule;
  if (!('hours' in rule)) throw new Error(`${name} is counted in days: use dueDate`);
  return new Date(from.getTime() + rule.hours * 3_600_000);
}

/** How the due rule reads on the timescales page: "45 working days", "3 months", "72 hours". */
export function describeRule(rule: DueRule): string {
  const [unit, n] = Object.entries(rule)[0] as [string, number];
  const words: Record<string, [string, string]> = { workingDays: ['working day', 'working days'], calendarDays: ['day', 'days'], months: ['month', 'months'], hours: ['hour', 'hours'] };
  const [one, many] = words[unit]!;
  return `${n} ${n === 1 ? one : many}`;
}
