import type { RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { workCounts } from './service.ts';

/** How long a user's count beside "Your work" is reused: it is a pointer to the list, which is always read fresh. */
export const HEADER_COUNT_SECONDS = 30;
/** More users than this at once and the oldest counts are simply read again. */
const MOST_USERS = 10_000;

type Counts = { overdue: number; total: number };

/**
 * The count in the header runs on every page a caseworker opens, and gathering it asks every capability for the
 * user's work: about thirty queries, more than most pages make for themselves. Each user's count is kept for
 * `HEADER_COUNT_SECONDS` (and only for the day it was read, so clocks still turn overdue at midnight), and every
 * change made through this instance forgets them all, so a user's own action shows at once. Another instance's
 * change shows within the half minute.
 */
export function headerCounts(now: () => number = Date.now) {
  const kept = new Map<string, { at: number; today: string; counts: Promise<Counts> }>();
  return {
    read(ctx: RequestContext): Promise<Counts> {
      const today = ukToday();
      const hit = kept.get(ctx.actor.id);
      if (hit && hit.today === today && now() - hit.at < HEADER_COUNT_SECONDS * 1000) return hit.counts;
      if (kept.size >= MOST_USERS) kept.clear();
      // Kept as a promise, so a burst of pages from one user gathers once; a failed read is not kept.
      const counts = workCounts(ctx, today);
      kept.set(ctx.actor.id, { at: now(), today, counts });
      counts.catch(() => {
        if (kept.get(ctx.actor.id)?.counts === counts) kept.delete(ctx.actor.id);
      });
      return counts;
    },
    forget(): void {
      kept.clear();
    },
  };
}
