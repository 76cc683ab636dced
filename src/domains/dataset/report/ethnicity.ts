import { suppress } from '../../figures/suppression.ts';
import { keyLabel } from '../indicators/breakdowns.ts';
import { cellAt, type Evaluation } from '../indicators/compute.ts';
import type { PublishedRow, PublishedTable, Shown } from '../published-table.ts';

/**
 * The seed report's ethnicity table: each detailed ethnicity, then its group's subtotal (White British, White Irish,
 * Any other White background, then White), at each date a snapshot is taken. Groups with a single member (Chinese,
 * Any other ethnic group) show one row.
 *
 * Suppression has to respect the hierarchy: in each column the detailed rows of a group add up to the group's row,
 * and the groups to the total. A hidden figure that is the only hidden one in such a sum could be worked out by
 * subtraction, so another (the smallest, a detailed row before a subtotal) is hidden with it, until none can be.
 */
const GROUPS: { key: string; label: string; member: (code: string) => boolean }[] = [
  { key: 'white', label: 'White', member: (c) => c.startsWith('W') },
  { key: 'mixed', label: 'Mixed', member: (c) => c.startsWith('M') },
  { key: 'asian', label: 'Asian or Asian British', member: (c) => c.startsWith('A') },
  { key: 'black', label: 'Black or Black British', member: (c) => c.startsWith('B') },
  { key: 'chinese', label: 'Chinese', member: (c) => c === 'CHNE' },
  { key: 'other', label: 'Any other ethnic group', member: (c) => c === 'OOTH' },
  { key: 'not_stated', label: 'Not stated or not yet obtained', member: () => true },
];

const groupOf = (code: string) => GROUPS.find((g) => g.member(code))!;

/** Hides, in each sum (members and their total), a second figure wherever exactly one is hidden. */
export function suppressSums(values: number[], sums: { members: number[]; total: number }[], limit: number): boolean[] {
  const hidden = values.map((n) => n > 0 && n <= limit);
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      const line = [...sum.members, sum.total];
      if (line.filter((i) => hidden[i]).length !== 1) continue;
      const candidates = line.filter((i) => !hidden[i] && values[i]! > 0);
      if (!candidates.length) continue;
      candidates.sort((a, b) => Number(a === sum.total) - Number(b === sum.total) || values[a]! - values[b]!);
      hidden[candidates[0]!] = true;
      changed = true;
    }
  }
  return hidden;
}

/** The table from an evaluation by ['ethnicity', 'quarter'] (or month): rows by ethnicity within group, columns by date. */
export function ethnicityTable(evaluation: Evaluation, threshold: number, options: { id: string; title: string }): PublishedTable {
  const { indicator } = evaluation;
  const columnKeys = [...new Set(evaluation.cells.map((c) => c.keys[1]).filter((k): k is string => k !== null))];
  const codes = [...new Set(evaluation.cells.map((c) => c.keys[0]).filter((k): k is string => k !== null))];
  const value = (code: string | null, column: string) => cellAt(evaluation, code, column)?.value ?? 0;

  // Row plan: for each group with any member code, its detailed rows then (for groups of several) the subtotal.
  type Planned = { key: string | null; label: string; values: number[]; members?: number[] };
  const plan: Planned[] = [];
  const groupRows: number[] = [];
  for (const group of GROUPS) {
    const members = codes.filter((c) => groupOf(c) === group);
    if (!members.length) continue;
    const detail = members.map((code) => plan.push({ key: code, label: keyLabel('ethnicity', code, indicator), values: columnKeys.map((k) => value(code, k)) }) - 1);
    if (members.length === 1) {
      groupRows.push(detail[0]!);
      continue;
    }
    const values = columnKeys.map((_, j) => detail.reduce((sum, i) => sum + plan[i]!.values[j]!, 0));
    groupRows.push(plan.push({ key: `group:${group.key}`, label: group.label, values, members: detail }) - 1);
  }
  const totalRow = plan.push({ key: null, label: 'Total', values: columnKeys.map((k) => value(null, k)) }) - 1;

  const grid: Shown[][] = plan.map(() => []);
  columnKeys.forEach((_, j) => {
    const values = plan.map((r) => r.values[j]!);
    const sums = [
      ...plan.flatMap((r, i) => (r.members ? [{ members: r.members, total: i }] : [])),
      { members: groupRows, total: totalRow },
    ];
    const hidden = threshold > 0 ? suppressSums(values, sums, threshold) : values.map(() => false);
    plan.forEach((_, i) => grid[i]!.push(hidden[i] ? '*' : suppress(values[i]!, threshold)));
  });

  const rows: PublishedRow[] = plan.map((r, i) => ({ key: r.key, label: r.label, cells: grid[i]! }));
  return {
    id: options.id,
    title: options.title,
    evaluation,
    rowHeading: 'Ethnicity',
    columns: columnKeys.map((k) => ({ key: k, label: keyLabel(evaluation.breakdowns[1]!, k, indicator) })),
    rows,
    unit: 'count',
    noData: evaluation.noData,
    threshold,
  };
}
