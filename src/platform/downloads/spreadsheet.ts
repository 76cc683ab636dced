/**
 * Tables as files: CSV and XLSX workbooks (one sheet per table). Text is always written as text: a spreadsheet
 * opening a CSV runs a cell that starts with = + - or @ as a formula, so such text is prefixed with an apostrophe,
 * and a workbook stores strings as strings, never formulas.
 */
export type CellValue = string | number | null;

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const toCsv = (head: readonly string[], rows: CellValue[][]): string =>
  [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

export interface Sheet {
  name: string;
  head: readonly string[];
  rows: CellValue[][];
  /** Lines written above the table (a title, the period, a note on suppression). */
  preface?: string[];
  widths?: number[];
  /** Number formats by column (1-based), e.g. pounds. */
  formats?: Record<number, string>;
}

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], and unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A workbook with one sheet per table, each with a bold header row (frozen when there is no preface). */
export async function toXlsx(sheets: Sheet[], created = new Date()): Promise<Buffer> {
  // Loaded when a workbook is asked for: exceljs is large, and most requests write none.
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'Cairn';
  book.created = created;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const preface = sheet.preface ?? [];
    const ws = book.addWorksheet(sheetName(sheet.name, taken), preface.length ? {} : { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const line of preface) ws.addRow([line]);
    if (preface.length) ws.addRow([]);
    ws.addRow([...sheet.head]).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((column, i) => (column.width = sheet.widths?.[i] ?? (i === 0 ? 32 : 14)));
    for (const [column, numFmt] of Object.entries(sheet.formats ?? {})) ws.getColumn(Number(column)).numFmt = numFmt;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
