import { type Day, dayOf as dayOfIso, isoOf, MONTH, YEAR } from './days.ts';
import { RATES } from './rates.ts';
import type { Rng } from './rng.ts';
import type { CareEpisodeSpell, CarePeriodSpell } from './types.ts';

/** How a period of care ends, which decides the last episode's 903 reason and how the CIN episode closes. */
export type CareExit = 'home' | 'adopted' | 'special_guardianship' | 'child_arrangements' | 'adulthood' | 'other';

const EXIT_CODES: Record<CareExit, Readonly<Record<string, number>>> = {
  home: { E4A: 70, E4B: 15, E13: 15 },
  adopted: { E11: 70, E12: 30 },
  special_guardianship: { E45: 40, E46: 15, E47: 35, E48: 10 },
  child_arrangements: { E41: 1 },
  adulthood: { E5: 55, E6: 10, E17: 35 },
  other: { E8: 70, E3: 15, E16: 15 },
};

const CHANGE_REASONS = { CARPL: 40, CREQB: 20, CREQO: 10, CHILD: 10, LAREQ: 5, STAND: 5, OTHER: 10 };

interface Placement {
  type: string;
  provider: string | null;
}

function placementFor(rng: Rng, ageYears: number): Placement {
  const type =
    ageYears >= 16
      ? rng.weighted({ U6: 45, U4: 10, K3: 30, K2: 15 })
      : ageYears >= 10
        ? rng.weighted({ U6: 50, U4: 15, U3: 12, K2: 18, R1: 2, P1: 3 })
        : rng.weighted({ U6: 58, U4: 12, U3: 20, U1: 4, P1: 5, R3: 1 });
  const provider =
    type === 'P1' ? 'PR0' : type === 'R1' || type === 'R3' ? 'PR3' : type.startsWith('K') ? rng.weighted({ PR4: 65, PR1: 25, PR5: 10 }) : rng.weighted({ PR1: 62, PR4: 35, PR2: 3 });
  return { type, provider };
}

/**
 * One period of care as SSDA903 episodes: the first placement and legal status, then placement moves (P), a change
 * of legal status (L, an interim care order becoming a full one) and, on the adoption path, a placement order with
 * an adoptive placement (B). Episodes follow each other without a gap; all but the last end X1.
 */
export function carePeriod(
  rng: Rng,
  id: (at: Date | string) => string,
  opts: { start: Day; end: Day | null; dataEnd: Day; birth: Day; exit: CareExit; categoryOfNeed: string; uasc: boolean; shortStay: boolean },
): CarePeriodSpell {
  const ageAt = (day: Day) => (day - opts.birth) / YEAR;
  const episodes: CareEpisodeSpell[] = [];
  const last = opts.end ?? opts.dataEnd;
  const adopted = opts.exit === 'adopted';
  // Legal status: short stays are by agreement (s20); longer stays go to court (interim, then full care order).
  let legal = opts.uasc || (opts.shortStay && rng.chance(0.8)) ? 'V2' : rng.chance(0.15) ? rng.pick(['L1', 'L2']) : 'C1';
  let placement = placementFor(rng, ageAt(opts.start));
  const changes: { at: Day; kind: 'L' | 'P' | 'B' }[] = [];
  if (legal === 'L1' || legal === 'L2') changes.push({ at: opts.start + rng.int(2, 8), kind: 'L' });
  if (!opts.shortStay && legal !== 'V2') changes.push({ at: opts.start + rng.int(4, 9) * MONTH, kind: 'L' });
  if (adopted && opts.end !== null) changes.push({ at: opts.end - rng.int(7, 14) * MONTH, kind: 'B' });
  for (let at = opts.start + rng.logNormal(RATES.placementMonths.median, RATES.placementMonths.spread) * MONTH; at < last; ) {
    changes.push({ at, kind: 'P' });
    at += rng.logNormal(RATES.placementMonths.median, RATES.placementMonths.spread) * MONTH;
  }
  const steps = changes.map((c) => ({ ...c, at: Math.floor(c.at) })).filter((c) => c.at > opts.start && c.at < last).sort((a, b) => a.at - b.at);

  let current: CareEpisodeSpell = open(opts.start, 'S');
  function open(at: Day, reason: string): CareEpisodeSpell {
    const episode: CareEpisodeSpell = {
      id: id(isoOf(at)),
      startDate: isoOf(at),
      endDate: null,
      reasonNewEpisode: reason,
      legalStatus: legal,
      placementType: placement.type,
      placementProvider: placement.provider,
      reasonCeased: null,
      reasonPlaceChange: null,
    };
    episodes.push(episode);
    return episode;
  }
  for (const step of steps) {
    // Once placed for adoption the child stays put until the order.
    if (step.at <= dayOfIso(current.startDate) || (step.kind === 'P' && legal === 'E1')) continue;
    current.endDate = isoOf(step.at);
    current.reasonCeased = 'X1';
    if (step.kind === 'L') {
      legal = legal === 'C1' ? 'C2' : 'C1';
    } else if (step.kind === 'B') {
      legal = 'E1';
      placement = { type: rng.pick(['A5', 'A6']), provider: 'PR1' };
      current.reasonPlaceChange = 'CARPL';
    } else {
      placement = placementFor(rng, ageAt(step.at));
      current.reasonPlaceChange = rng.weighted(CHANGE_REASONS);
    }
    current = open(step.at, step.kind);
  }
  if (opts.end !== null) {
    current.endDate = isoOf(opts.end);
    current.reasonCeased = rng.weighted(EXIT_CODES[opts.exit]);
  }
  return {
    id: id(isoOf(opts.start)),
    startDate: isoOf(opts.start),
    endDate: opts.end === null ? null : isoOf(opts.end),
    categoryOfNeed: opts.categoryOfNeed,
    uasc: opts.uasc,
    episodes,
  };
}

/** How a long stay ends for a child of this age at the end (adulthood is decided by the caller). */
export function longStayExit(rng: Rng, ageYears: number): CareExit {
  if (ageYears < 5) return rng.weighted({ adopted: 45, special_guardianship: 30, home: 20, child_arrangements: 5 });
  return rng.weighted({ home: 40, special_guardianship: 25, child_arrangements: 10, other: 25 });
}
