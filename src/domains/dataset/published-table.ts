import { type Suppressed, suppress, suppressTable } from '../figures/suppression.ts';
import { toCsv, toXlsx, type CellValue, type Sheet } from '../../platform/downloads/spreadsheet.ts';
import { BREAKDOWN_LABELS, keyLabel } from './indicators/breakdowns.ts';
import type { Evaluation } from './indicators/compute.ts';
import type { Breakdown } from './indicators/types.ts';

/** A figure as published: a count, a percentage, "*" (suppressed) or null (nothing to take a share of). */
export type Shown = Suppressed | null;

export interface PublishedRow {
  /** The breakdown key (null on the total row): what a drill-down link filters on. */
  key: string | null;
  label: string;
  cells: Shown[];
}

/**
 * One table of figures ready to show or download: rows by the first breakdown, columns by the second (or a single
 * value column), with totals where adding up means something, and small numbers suppressed.
 */
export interface PublishedTable {
  id: string;
  title: string;
  evaluation: Evaluation;
  rowHeading: string;
  /** Column keys (null for the total column, or the single value column) and their headings. */
  columns: { key: string | null; label: string }[];
  rows: PublishedRow[];
  unit: 'count' | 'percent';
  /** The capability holds no records at all: show "no data", not zeros. */
  noData: boolean;
  threshold: number;
}

const TIME: Breakdown[] = ['month', 'quarter'];

/** A snapshot's columns by date do not add up (the same child is open at every quarter end): no total across them. */
const adds = (e: Evaluation, b: Breakdown | undefined) => !(b && TIME.includes(b) && e.indicator.periodType !== 'flow');

export function publishTable(evaluation: Evaluation, threshold: number, options: { id?: string; title?: string } = {}): PublishedTable {
  const { indicator, breakdowns } = evaluation;
  const [rowBy, columnBy] = breakdowns;
  const unit = indicator.measure === 'percent' ? 'percent' : 'count';
  const keysOf = (i: number) => [...new Set(evaluation.cells.map((c) => c.keys[i]).filter((k): k is string => k !== null))];
  const rowKeys: (string | null)[] = rowBy ? keysOf(0) : [null];
  const columnKeys: (string | null)[] = columnBy ? keysOf(1) : [null];
  const at = (r: string | null, c: string | null) =>
    evaluation.cells.find((cell) => (rowBy ? cell.keys[0] === r : true) && (columnBy ? cell.keys[1] === c : true) && cell.keys.length === breakdowns.length);
  const valueHeading = unit === 'percent' ? '%' : indicator.measure === 'people' ? 'Children' : 'Number';
  const columns = columnBy
    ? [...columnKeys.map((k) => ({ key: k, label: keyLabel(columnBy, k!, indicator) })), ...(adds(evaluation, columnBy) ? [{ key: null, label: 'Total' }] : [])]
    : [{ key: null, label: valueHeading }];
  const showRowTotal = Boolean(rowBy) && adds(evaluation, rowBy);
  const allRows = [...rowKeys, ...(showRowTotal ? [null] : [])];
  const shownColumns = columns.map((c) => c.key);

  let grid: Shown[][];
  if (unit === 'percent') {
    // A percentage of a handful of records would single them out: hidden when its denominator is small.
    grid = allRows.map((r) => shownColumns.map((c) => {
      const cell = at(r, c);
      if (!cell || cell.value === null) return null;
      return cell.rows > 0 && cell.rows <= threshold ? '*' : cell.value;
    }));
  } else {
    const counts = rowKeys.map((r) => columnKeys.map((c) => at(r, c)?.value ?? 0));
    const s = suppressTable(counts, threshold, { rowTotals: !columnBy || adds(evaluation, columnBy), columnTotals: showRowTotal || !rowBy });
    // Totals come from the evaluation (a count of distinct people is not the sum of its cells); a total is hidden
    // wherever the table's own suppression hid it, or where it is small itself.
    const total = (r: string | null, c: string | null, hidden: Suppressed) => (hidden === '*' ? '*' : suppress(at(r, c)?.value ?? 0, threshold));
    grid = rowKeys.map((r, i) => [...s.cells[i]!, ...(columnBy && adds(evaluation, columnBy) ? [total(r, null, s.rowTotals[i]!)] : [])]);
    if (showRowTotal) grid.push([...columnKeys.map((c, j) => total(null, c, columnBy ? s.columnTotals[j]! : s.total)), ...(columnBy && adds(evaluation, columnBy) ? [total(null, null, s.total)] : [])]);
  }
  return {
    id: options.id ?? [indicator.id, ...breakdowns].join('-'),
    title: options.title ?? (rowBy ? `${indicator.title} by ${BREAKDOWN_LABELS[rowBy].toLowerCase()}` : indicator.title),
    evaluation,
    rowHeading: rowBy ? BREAKDOWN_LABELS[rowBy] : '',
    columns,
    rows: allRows.map((key, i) => ({ key, label: key === null ? (rowBy ? 'Total' : indicator.title) : keyLabel(rowBy!, key, indicator), cells: grid[i]! })),
    unit,
    noData: evaluation.noData,
    threshold,
  };
}

const plain = (v: Shown): CellValue => v;

/** How a published table is written to a file: a heading row, then its rows. */
export function sheetOf(table: PublishedTable): Sheet {
  const { period, indicator } = table.evaluation;
  return {
    name: table.title,
    preface: [
      table.title,
      `${period.from} to ${period.to}`,
      `Definition: ${indicator.definition}`,
      table.noData ? 'No data: this is not recorded in Cairn here.' : `Counts from 1 to ${table.threshold} are shown as * (with a second figure where a total would reveal one).`,
    ],
    head: [table.rowHeading || 'Figure', ...table.columns.map((c) => c.label)],
    rows: table.rows.map((r) => [r.label, ...r.cells.map(plain)]),
  };
}

export const tableCsv = (table: PublishedTable): string => {
  const sheet = sheetOf(table);
  return toCsv(sheet.head, sheet.rows);
};

/** One sheet per table, each headed by its title, period, definition and the suppression rule. */
export const tablesXlsx = (tables: PublishedTable[], created?: Date): Promise<Buffer> => toXlsx(tables.map(sheetOf), created);
