import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { ageAt, birthday } from './rules-903.ts';

/**
 * Whether a young person leaving care is a care leaver the local authority must support (Children (Leaving Care)
 * Act 2000, Care Leavers (England) Regulations 2010). Eligible: looked after for at least 13 weeks in all since
 * the age of 14, some of it after turning 16. Leaving care aged 16 or 17 after that makes them a relevant child;
 * leaving at 18 or over, a former relevant child. Pre-planned short breaks (V3, V4) do not count towards the 13
 * weeks. Adopted children, children who died and children whose care another authority took over are not care
 * leavers of this authority.
 */
export const ELIGIBLE_DAYS = 13 * 7;
const NOT_CARE_LEAVERS = ['E11', 'E12', 'E2', 'E3'];
const SHORT_BREAKS = ['V3', 'V4'];

export interface CareSpan {
  startDate: string;
  /** Null while still open: counted to the day the young person leaves. */
  endDate: string | null;
  legalStatus: string;
}

export type LeavingEligibility = 'relevant' | 'former_relevant' | null;

/** Days looked after (not on short breaks) between two dates, counting each day once. */
function daysLookedAfter(spans: readonly CareSpan[], from: string, to: string): number {
  const days = new Set<string>();
  for (const s of spans) {
    if (SHORT_BREAKS.includes(s.legalStatus)) continue;
    const start = s.startDate > from ? s.startDate : from;
    const end = s.endDate && s.endDate < to ? s.endDate : to;
    for (let d = start; d < end; d = addCalendarDays(d, 1)) days.add(d);
  }
  return days.size;
}

/**
 * The eligibility of a young person leaving care on `leavingDate` for `reason`, from all their episodes
 * (across periods of care), or null when they are not an eligible care leaver.
 */
export function leavingEligibility(input: { dateOfBirth: string | null; leavingDate: string; reason: string; episodes: readonly CareSpan[] }): LeavingEligibility {
  const { dateOfBirth, leavingDate } = input;
  if (!dateOfBirth || NOT_CARE_LEAVERS.includes(input.reason)) return null;
  const age = ageAt(dateOfBirth, leavingDate);
  if (age < 16) return null;
  const since14 = daysLookedAfter(input.episodes, birthday(dateOfBirth, 14), leavingDate);
  const since16 = daysLookedAfter(input.episodes, birthday(dateOfBirth, 16), leavingDate);
  if (since14 < ELIGIBLE_DAYS || since16 < 1) return null;
  return age < 18 ? 'relevant' : 'former_relevant';
}
