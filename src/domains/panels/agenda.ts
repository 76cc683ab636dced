import type { PanelKind } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';

/** What ordering an agenda needs to know about each case on it. */
export interface AgendaCase {
  id: string;
  /** Referral ids are time-ordered (uuidv7): among equals, the earlier referral comes first. */
  referralId: string;
  itemType: 'new' | 'review';
  referredOn: string;
  reviewDue: string | null;
  expectedDateOfDelivery: string | null;
}

/**
 * The order cases are taken in. The Unborn Baby Panel plans for the babies due soonest first; other panels take
 * new referrals first (oldest first), then reviews by the date they fell due.
 */
export function orderAgenda<T extends AgendaCase>(kind: PanelKind, cases: readonly T[]): T[] {
  const byText = (a: string | null, b: string | null) => (a ?? '9999-12-31').localeCompare(b ?? '9999-12-31');
  return [...cases].sort((a, b) => {
    if (kind === 'unborn_baby') {
      return byText(a.expectedDateOfDelivery, b.expectedDateOfDelivery) || a.referredOn.localeCompare(b.referredOn) || a.referralId.localeCompare(b.referralId);
    }
    if (a.itemType !== b.itemType) return a.itemType === 'new' ? -1 : 1;
    const due = a.itemType === 'new' ? a.referredOn.localeCompare(b.referredOn) : byText(a.reviewDue, b.reviewDue);
    return due || a.referralId.localeCompare(b.referralId);
  });
}

/** A referral awaiting its first discussion is a new item; one already discussed comes back as a review. */
export const itemTypeOf = (status: 'awaiting' | 'open' | 'closed'): 'new' | 'review' => (status === 'awaiting' ? 'new' : 'review');

/** The default next review: the next meeting already planned, or one panel cycle after this meeting. */
export function defaultNextReview(meetingDate: string, meetsEveryDays: number, nextMeetingDate: string | null): string {
  return nextMeetingDate ?? addCalendarDays(meetingDate, meetsEveryDays);
}

/** Whole weeks from `today` to the expected date of delivery (negative once it has passed). */
export function weeksToDelivery(expectedDateOfDelivery: string, today: string): number {
  const days = (Date.parse(`${expectedDateOfDelivery}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return Math.trunc(days / 7);
}

export function weeksToDeliveryText(expectedDateOfDelivery: string | null, today: string): string {
  if (!expectedDateOfDelivery) return '';
  const weeks = weeksToDelivery(expectedDateOfDelivery, today);
  if (weeks > 1) return `${weeks} weeks to go`;
  if (weeks === 1) return '1 week to go';
  if (weeks === 0) return expectedDateOfDelivery >= today ? 'Due this week' : 'Due date passed this week';
  return weeks === -1 ? 'Due date passed 1 week ago' : `Due date passed ${-weeks} weeks ago`;
}

export interface ScorePoint {
  meetingDate: string;
  score: number;
}

/** Distance travelled for one child: each score with its change from the one before, and entry to latest. */
export function progression(points: readonly ScorePoint[]) {
  const steps = points.map((p, i) => ({ ...p, change: i === 0 ? null : p.score - points[i - 1]!.score, entry: i === 0 }));
  const first = points[0];
  const last = points.at(-1);
  return { steps, entry: first?.score ?? null, latest: last?.score ?? null, change: first && last && points.length > 1 ? last.score - first.score : null };
}

/** Average change from entry score to latest score across children scored at least twice (one decimal place). */
export function averageChange(scoresByReferral: ReadonlyMap<string, readonly ScorePoint[]>): { average: number | null; children: number } {
  const changes = [...scoresByReferral.values()].filter((s) => s.length > 1).map((s) => s.at(-1)!.score - s[0]!.score);
  if (!changes.length) return { average: null, children: 0 };
  return { average: Math.round((changes.reduce((a, b) => a + b, 0) / changes.length) * 10) / 10, children: changes.length };
}

export const signed = (n: number | null) => (n === null ? '' : n > 0 ? `+${n}` : String(n));
