/**
 * The demand model's public face: fit monthly transition rates to the observed history and project children's
 * states forward. The maths is in flow.ts (flat arrays, for speed); the bootstrap forecast is in bootstrap.ts.
 */
import { countsToFlat, fitFlat, flatToCounts, flatToRates, flattenMonth, projectFlat, ratesToFlat } from './flow.ts';
import type { Counts, ObservedMonth, Rates } from './types.ts';

export { forecast } from './bootstrap.ts';
export { monthEndAfter } from './month-ends.ts';

/**
 * Monthly rates by band, pooled over the months: children moving from→to over all the months divided by the
 * children in `from` at their starts. A row with no observations stays put (rate 1 to itself).
 */
export function fitRates(months: ObservedMonth[]): Rates {
  return flatToRates(fitFlat(months.map(flattenMonth)));
}

/**
 * One deterministic path from `start`, a month at a time: each band's rates move its children (the pool included,
 * the pool being the band's population less its known children, each band's population held at the start's), then
 * 1/BAND_MONTHS of every band ages into the next. At 18 children in care become care leavers and care leavers stay
 * so, while everyone else leaves; 18_plus does not age (its exits are in its rates). Counts are never negative.
 */
export function project(start: Counts, rates: Rates, months: number): Counts[] {
  return projectFlat(countsToFlat(start), ratesToFlat(rates), months).map(flatToCounts);
}
