/**
 * Scenarios change the fitted rates before they are projected: "reduce residential entries by 10%", "step-down rate
 * +5 points". Every band's rows are changed alike, and each row still sums to 1.
 */
import { BANDS, K, flatToRates, keyIndex, ratesToFlat } from './flow.ts';
import type { Adjustment, Rates } from './types.ts';

/** The rates with the adjustments applied in turn; the rates given are left as they were. */
export function applyAdjustments(rates: Rates, adjustments: Adjustment[]): Rates {
  const flat = ratesToFlat(rates);
  adjustFlat(flat, adjustments);
  return flatToRates(flat);
}

/** The same, in place on flat rates (flow.ts layout), for the bootstrap's many draws. */
export function adjustFlat(rates: Float64Array, adjustments: readonly Adjustment[]): void {
  for (const adjustment of adjustments) {
    for (let b = 0; b < BANDS; b++) {
      if (adjustment.kind === 'entries') scaleEntries(rates, b, keyIndex(adjustment.to), adjustment.percent);
      else shiftShare(rates, b, keyIndex(adjustment.from), keyIndex(adjustment.to), adjustment.points);
    }
  }
}

/**
 * Every move into `to` from another state (or the pool) scaled by (100 + percent)%. Fewer entries leave the
 * difference where it was; more entries are taken from the children who would have stayed. Clamped: a cut below
 * -100% enters nobody, and a rise can take at most everyone who would have stayed, so no rate is negative.
 */
function scaleEntries(rates: Float64Array, band: number, to: number, percent: number): void {
  for (let from = 0; from < K; from++) {
    if (from === to) continue;
    const row = (band * K + from) * K;
    const before = rates[row + to]!;
    const wanted = Math.max(0, before * (1 + percent / 100));
    const change = Math.min(wanted - before, rates[row + from]!);
    rates[row + to] = before + change;
    rates[row + from] = rates[row + from]! - change;
  }
}

/**
 * Of the children leaving `from` each month, `points` more in every hundred go to `to`, the other destinations giving
 * up (or taking back) their shares in proportion. Clamped so that `to` takes between none and all of the leavers.
 * Nothing changes where nobody leaves `from`, where `to` is `from`, or where `to` already takes every leaver and is
 * cut (there is no other destination whose share could grow in proportion).
 */
function shiftShare(rates: Float64Array, band: number, from: number, to: number, points: number): void {
  if (from === to) return;
  const row = (band * K + from) * K;
  const leaving = 1 - rates[row + from]!;
  if (leaving <= 0) return;
  const share = rates[row + to]! / leaving;
  const newShare = Math.min(1, Math.max(0, share + points / 100));
  const othersShare = 1 - share;
  if (othersShare <= 0) return;
  const scale = (1 - newShare) / othersShare;
  for (let other = 0; other < K; other++) {
    if (other !== from && other !== to) rates[row + other] = rates[row + other]! * scale;
  }
  rates[row + to] = newShare * leaving;
}
