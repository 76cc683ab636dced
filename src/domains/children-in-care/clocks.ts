import { dueDate, TIMESCALES, type TimescaleName } from '../../platform/calendar/timescales.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { CHECK_KINDS, type CheckKind } from './labels.ts';
import { ageAt } from './rules-903.ts';

/**
 * The clocks a looked-after child's care runs on, worked out from the period's dates and what has been done (never
 * stored, so nothing is marked overdue by hand). Every due rule comes from the timescales table.
 */
export interface CareClock {
  /** Which clock: a timescale name. */
  timescale: TimescaleName;
  label: string;
  due: string;
}

const clock = (timescale: TimescaleName, from: string, label: string = TIMESCALES[timescale].label): CareClock => ({ timescale, label, due: dueDate(timescale, from) });

/**
 * The next looked-after review: within 20 working days of becoming looked after, the second within 3 months of
 * the first, then every 6 months (CPPCR reg 33). `held` are the dates of reviews held in this period.
 */
export function nextReview(periodStart: string, held: readonly string[]): CareClock {
  const sorted = [...held].sort();
  if (!sorted.length) return clock('firstCareReview', periodStart, 'First review');
  if (sorted.length === 1) return clock('secondCareReview', sorted[0]!, 'Second review');
  return clock('careReview', sorted.at(-1)!, 'Review');
}

/** Long-term placements (meant to last until 18) are visited 3-monthly after their first year (CPPCR reg 28). */
export const LONG_TERM_PLACEMENTS = ['U1', 'U4'];

/**
 * The next statutory visit: within a week of each placement starting, then at least every 6 weeks; 3-monthly
 * once a long-term placement has lasted a year.
 */
export function nextVisit(input: { placementStart: string; placementType: string; lastVisit: string | null; today: string }): CareClock {
  const { placementStart, lastVisit } = input;
  if (!lastVisit || lastVisit < placementStart) return clock('firstPlacementVisit', placementStart, 'First visit in this placement');
  const longTerm = LONG_TERM_PLACEMENTS.includes(input.placementType) && addMonths(placementStart, 12) <= input.today;
  return clock(longTerm ? 'careVisitLongTerm' : 'careVisit', lastVisit, 'Visit');
}

export interface CheckDone {
  kind: CheckKind;
  doneOn: string;
}

/** The SDQ is for children aged 4 to 16 (903 OC2); a personal education plan from school age to 18. */
export const SDQ_AGES = { from: 4, to: 16 } as const;
export const PEP_AGES = { from: 4, to: 17 } as const;

const latest = (checks: readonly CheckDone[], ...kinds: CheckKind[]) =>
  checks.filter((c) => kinds.includes(c.kind)).map((c) => c.doneOn).sort().at(-1) ?? null;

/**
 * The health and education checks due for a child in this period: the initial health assessment within 20
 * working days, then review health assessments 6-monthly under 5 and yearly from 5; a yearly dental check,
 * immunisations check and (ages 4-16) SDQ; the first PEP within 10 working days, then each term.
 */
export function checksDue(input: { periodStart: string; dateOfBirth: string | null; checks: readonly CheckDone[]; today: string }): (CareClock & { kind: CheckKind; lastDone: string | null })[] {
  const { periodStart, dateOfBirth, checks, today } = input;
  const age = dateOfBirth ? ageAt(dateOfBirth, today) : null;
  const within = (ages: { from: number; to: number }) => age === null || (age >= ages.from && age <= ages.to);
  const out: (CareClock & { kind: CheckKind; lastDone: string | null })[] = [];
  const health = latest(checks, 'initial_health', 'review_health');
  if (!latest(checks, 'initial_health')) out.push({ ...clock('initialHealthAssessment', periodStart), kind: 'initial_health', lastDone: null });
  else {
    const under5 = dateOfBirth ? ageAt(dateOfBirth, health!) < 5 : false;
    out.push({ ...clock(under5 ? 'reviewHealthUnder5' : 'reviewHealth', health!, 'Review health assessment'), kind: 'review_health', lastDone: health });
  }
  const dental = latest(checks, 'dental');
  out.push({ ...clock('dentalCheck', dental ?? periodStart), kind: 'dental', lastDone: dental });
  const immunisations = latest(checks, 'immunisations');
  out.push({ ...clock('immunisationCheck', immunisations ?? periodStart), kind: 'immunisations', lastDone: immunisations });
  if (within(SDQ_AGES)) {
    const sdq = latest(checks, 'sdq');
    out.push({ ...clock('sdqCheck', sdq ?? periodStart, CHECK_KINDS.sdq), kind: 'sdq', lastDone: sdq });
  }
  if (within(PEP_AGES)) {
    const pep = latest(checks, 'pep');
    out.push({ ...(pep ? clock('pepReview', pep) : clock('firstPep', periodStart)), kind: 'pep', lastDone: pep });
  }
  return out;
}
