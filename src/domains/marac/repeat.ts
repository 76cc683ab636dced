import { addMonths } from '../../platform/calendar/working-days.ts';
import { REPEAT_WINDOW_MONTHS } from './labels.ts';

/**
 * The first day on which an earlier referral makes this one a repeat: SafeLives counts a case as a repeat when
 * the victim was referred to the MARAC within the 12 months before (so a referral on 10 May 2026 repeats one
 * made on or after 10 May 2025).
 */
export const repeatWindowStart = (referredOn: string): string => addMonths(referredOn, -REPEAT_WINDOW_MONTHS);

export const isRepeat = (referredOn: string, previousReferredOn: string | null | undefined): boolean =>
  Boolean(previousReferredOn && previousReferredOn >= repeatWindowStart(referredOn) && previousReferredOn <= referredOn);
