import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { clockStatus, type ClockStatus } from '../../platform/calendar/clocks.ts';
import { lastVisitDates } from '../casework/service.ts';
import { type CareClock, checksDue, nextReview, nextVisit } from './clocks.ts';
import type { CheckKind } from './labels.ts';
import * as repo from './repository.ts';
import { type Stability, stabilityEpisodeOf, stabilityOf } from './stability.ts';

/**
 * Where each open period of care stands today: its current episode and placement, the next review, the next
 * visit, the health and education checks due, and stability. Worked out in a few batched queries so the list,
 * the record section and the inbox share one reading of the clocks.
 */
export type Clock = CareClock & { status: ClockStatus };
export interface PeriodSummary {
  period: repo.PeriodRow;
  dateOfBirth: string | null;
  episodes: repo.EpisodeRow[];
  current: repo.EpisodeRow;
  /** When the current placement began (a change of legal status alone does not move it). */
  placementStart: string;
  reviews: repo.ReviewRow[];
  review: Clock | null;
  lastVisit: string | null;
  visit: Clock | null;
  checks: (Clock & { kind: CheckKind; lastDone: string | null })[];
  stability: Stability;
}

const withStatus = <C extends CareClock>(c: C, today: string): C & { status: ClockStatus } => ({ ...c, status: clockStatus(c.due, today) });

/** The start of the placement the child is in now: back along the episodes while only the legal status changed. */
export function placementStartOf(episodes: readonly repo.EpisodeRow[]): string {
  let i = episodes.length - 1;
  while (i > 0 && episodes[i]!.reason_new_episode === 'L') i -= 1;
  return episodes[i]!.start_date;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

export async function summarise(db: Kysely<Database>, periods: readonly repo.PeriodRow[], today: string): Promise<PeriodSummary[]> {
  if (!periods.length) return [];
  const personIds = [...new Set(periods.map((p) => p.person_id))];
  const periodIds = periods.map((p) => p.id);
  const [episodes, reviews, checks, people, visits] = await Promise.all([
    repo.episodesOfPeople(db, personIds),
    repo.reviewsOfPeriods(db, periodIds),
    repo.latestChecksOfPeriods(db, periodIds),
    db.selectFrom('people').select(['id', 'date_of_birth']).where('id', 'in', personIds).execute(),
    lastVisitDates(db, personIds, ['looked_after']),
  ]);
  const dob = new Map(people.map((p) => [p.id, p.date_of_birth]));
  const visited = visits;
  // Grouped once, in the order read, rather than filtered per period: a manager's team holds hundreds of periods.
  const episodesOfPeriod = groupBy(episodes, (e) => e.period_id);
  const episodesOfChild = groupBy(episodes, (e) => e.person_id);
  const reviewsOfPeriod = groupBy(reviews, (r) => r.period_id);
  const checksOfPeriod = groupBy(checks, (c) => c.period_id);
  return periods.map((period) => {
    const mine = episodesOfPeriod.get(period.id) ?? [];
    const all = episodesOfChild.get(period.person_id) ?? [];
    const current = mine.at(-1)!;
    const placementStart = placementStartOf(mine);
    const held = reviewsOfPeriod.get(period.id) ?? [];
    const open = period.end_date === null;
    const last = visited.get(period.person_id) ?? null;
    const dateOfBirth = dob.get(period.person_id) ?? null;
    const stabilityEpisodes = all.map(stabilityEpisodeOf);
    return {
      period,
      dateOfBirth,
      episodes: mine,
      current,
      placementStart,
      reviews: held,
      review: open ? withStatus(nextReview(period.start_date, held.flatMap((r) => (r.held_on ? [r.held_on] : []))), today) : null,
      lastVisit: last,
      visit: open ? withStatus(nextVisit({ placementStart, placementType: current.placement_type, lastVisit: last, today }), today) : null,
      checks: open
        ? checksDue({
            periodStart: period.start_date,
            dateOfBirth,
            checks: (checksOfPeriod.get(period.id) ?? []).map((c) => ({ kind: c.kind, doneOn: c.done_on })),
            today,
          }).map((c) => withStatus(c, today))
        : [],
      stability: stabilityOf(stabilityEpisodes, { periodStart: open ? period.start_date : null, dateOfBirth, today }),
    };
  });
}
