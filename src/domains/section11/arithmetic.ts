import type { Rating } from './tables.ts';

/**
 * The partnership summary's arithmetic, kept pure so it is tested on its own: what share of all ratings were met,
 * partly met, not met or not answered (as seed 001 reports "1.12% not met, 14.88% partly met, 82.6% met, 1.4%
 * unanswered"), and how an agency's rating moved since the previous round.
 */

export const RATING_ORDER: readonly Rating[] = ['met', 'partly_met', 'not_met', 'unanswered'];

export type Counts = Record<Rating, number>;
export type Shares = Record<Rating, number>;

export const noCounts = (): Counts => ({ met: 0, partly_met: 0, not_met: 0, unanswered: 0 });

/** One cell of the summary: a submitted return's answer to one of the round's standards (missing = not answered). */
export interface RatedCell {
  agencyId: string;
  roundStandardId: string;
  rating: Rating | null;
}

export function countRatings(cells: readonly { rating: Rating | null }[]): Counts {
  const counts = noCounts();
  for (const c of cells) counts[c.rating ?? 'unanswered'] += 1;
  return counts;
}

/**
 * Percentages to two decimal places that add up to exactly 100 (largest remainder: the hundredths lost to rounding
 * go to the ratings that lost most), or all zero when nothing was rated.
 */
export function shares(counts: Counts): Shares {
  const total = RATING_ORDER.reduce((sum, r) => sum + counts[r], 0);
  const result: Shares = noCounts();
  if (!total) return result;
  const exact = RATING_ORDER.map((r) => ({ r, hundredths: (counts[r] * 10_000) / total }));
  const floors = exact.map((e) => ({ ...e, floor: Math.floor(e.hundredths + 1e-9) }));
  let left = 10_000 - floors.reduce((sum, e) => sum + e.floor, 0);
  for (const e of [...floors].sort((a, b) => b.hundredths - b.floor - (a.hundredths - a.floor))) {
    if (left <= 0) break;
    e.floor += 1;
    left -= 1;
  }
  for (const e of floors) result[e.r] = e.floor / 100;
  return result;
}

/** Counts and shares over all cells, by standard and by agency. */
export function summarise(cells: readonly RatedCell[]) {
  const group = (key: (c: RatedCell) => string) => {
    const groups = new Map<string, RatedCell[]>();
    for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
    return new Map([...groups].map(([k, g]) => {
      const counts = countRatings(g);
      return [k, { counts, shares: shares(counts), total: g.length }];
    }));
  };
  const counts = countRatings(cells);
  return { counts, shares: shares(counts), total: cells.length, byStandard: group((c) => c.roundStandardId), byAgency: group((c) => c.agencyId) };
}

export type Movement = 'improved' | 'same' | 'worse' | 'new';

const RANK: Record<Rating, number> = { met: 3, partly_met: 2, not_met: 1, unanswered: 0 };

/**
 * This round's rating against the previous round's for the same standard. Not answered ranks below not met: an
 * agency that stops answering has not improved. No earlier rating (a new standard, a first return) is 'new'.
 */
export function movement(now: Rating | null, before: Rating | null | undefined): Movement {
  if (before === undefined) return 'new';
  const a = RANK[now ?? 'unanswered'];
  const b = RANK[before ?? 'unanswered'];
  return a > b ? 'improved' : a < b ? 'worse' : 'same';
}

export const MOVEMENTS: Record<Movement, { text: string; colour: string }> = {
  improved: { text: 'Improved', colour: 'green' },
  same: { text: 'Same', colour: 'grey' },
  worse: { text: 'Worse', colour: 'red' },
  new: { text: 'No earlier rating', colour: 'blue' },
};
