/** Published counts of 1 to 5 are shown as "*" so that small groups of children cannot be singled out. */
export const SMALL_NUMBER_LIMIT = 5;

export type Suppressed = number | '*';

export const suppress = (count: number): Suppressed => (count > 0 && count <= SMALL_NUMBER_LIMIT ? '*' : count);

/**
 * Suppresses a row of counts and its total. When exactly one cell is hidden, the total would reveal it, so the
 * next smallest cell is hidden too (secondary suppression).
 */
export function suppressRow(counts: number[]): Suppressed[] {
  const cells: Suppressed[] = counts.map(suppress);
  const hidden = cells.filter((c) => c === '*').length;
  if (hidden === 1) {
    const candidates = counts.map((n, i) => ({ n, i })).filter(({ i }) => cells[i] !== '*' && counts[i]! > 0);
    const next = candidates.sort((a, b) => a.n - b.n)[0];
    if (next) cells[next.i] = '*';
  }
  return cells;
}
