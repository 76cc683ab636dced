/** Published counts of 1 to 5 are shown as "*" so that small groups of children cannot be singled out. */
export const SMALL_NUMBER_LIMIT = 5;

export type Suppressed = number | '*';

export const suppress = (count: number, limit = SMALL_NUMBER_LIMIT): Suppressed => (count > 0 && count <= limit ? '*' : count);

/**
 * Suppresses a row of counts and its total. When exactly one cell is hidden, the total would reveal it, so the
 * next smallest cell is hidden too (secondary suppression).
 */
export function suppressRow(counts: number[], limit = SMALL_NUMBER_LIMIT): Suppressed[] {
  return suppressTable([counts], limit).cells[0]!;
}

export interface SuppressedTable {
  cells: Suppressed[][];
  rowTotals: Suppressed[];
  columnTotals: Suppressed[];
  total: Suppressed;
}

/** Which totals are published: a row of snapshots taken on different dates has no total across them. */
export interface PublishedTotals {
  rowTotals?: boolean;
  columnTotals?: boolean;
}

/**
 * Suppresses a table of counts with its row, column and grand totals. Each small count is hidden (primary); then,
 * wherever a row or column with its published total has exactly one hidden figure, it could be worked out by
 * subtraction, so the smallest other non-zero figure there is hidden too (secondary), until no hidden figure can be
 * derived. A total that is not published is no clue, so it neither hides nor is hidden.
 */
export function suppressTable(grid: number[][], limit = SMALL_NUMBER_LIMIT, published: PublishedTotals = {}): SuppressedTable {
  const { rowTotals: rowsAdd = true, columnTotals: columnsAdd = true } = published;
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const rowTotals = grid.map(sum);
  const columnTotals = Array.from({ length: cols }, (_, j) => sum(grid.map((r) => r[j]!)));
  const total = sum(rowTotals);
  // One matrix with the totals as an extra row and column: value[i][j], i = rows is the column totals row.
  const value = [...grid.map((r, i) => [...r, rowTotals[i]!]), [...columnTotals, total]];
  const isPublished = (i: number, j: number) => (i < rows || columnsAdd) && (j < cols || rowsAdd);
  const hidden = value.map((r, i) => r.map((n, j) => isPublished(i, j) && n > 0 && n <= limit));
  // Each line is a sum: its cells add up to its last member (the total). Only published totals make one.
  const rowLine = (i: number) => Array.from({ length: cols + 1 }, (_, j) => [i, j] as [number, number]);
  const columnLine = (j: number) => Array.from({ length: rows + 1 }, (_, i) => [i, j] as [number, number]);
  const lines: [number, number][][] = [
    ...(rowsAdd ? Array.from({ length: columnsAdd ? rows + 1 : rows }, (_, i) => rowLine(i)) : []),
    ...(columnsAdd ? Array.from({ length: rowsAdd ? cols + 1 : cols }, (_, j) => columnLine(j)) : []),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => hidden[i]![j]).length !== 1) continue;
      const candidates = line.filter(([i, j]) => !hidden[i]![j] && value[i]![j]! > 0);
      if (!candidates.length) continue;
      // Prefer hiding a cell to hiding a total, and the smallest first.
      const isTotal = ([i, j]: [number, number]) => i === rows || j === cols;
      candidates.sort((a, b) => Number(isTotal(a)) - Number(isTotal(b)) || value[a[0]]![a[1]]! - value[b[0]]![b[1]]!);
      const [i, j] = candidates[0]!;
      hidden[i]![j] = true;
      changed = true;
    }
  }
  const shown = (i: number, j: number): Suppressed => (hidden[i]![j] ? '*' : value[i]![j]!);
  return {
    cells: grid.map((r, i) => r.map((_, j) => shown(i, j))),
    rowTotals: grid.map((_, i) => shown(i, cols)),
    columnTotals: Array.from({ length: cols }, (_, j) => shown(rows, j)),
    total: shown(rows, cols),
  };
}
