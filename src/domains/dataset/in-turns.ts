/**
 * How many figures are worked out at once: on PostgreSQL a handful of connections work in parallel without taking
 * the whole pool from other requests; the embedded database takes one query at a time and queues the rest.
 */
export const FIGURES_AT_ONCE = 4;

/** Runs `work` over the items `limit` at a time, keeping their order in the results. */
export async function inTurns<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
