import type ExcelJS from 'exceljs';
import type { AnnexA } from './build.ts';

/**
 * The Annex A workbook Ofsted receives: one sheet per list, in order, each with a bold, wrapped, frozen header row,
 * a filter on it and widths that fit, and a dropdown on each coded column as Ofsted's template has.
 *
 * Dates are real Excel dates shown DD/MM/YYYY, not text: inspectors and analysts sort and filter these lists by date,
 * which text dates defeat ("02/01/2025" sorts before "31/12/2024"), and Ofsted's tools read either.
 * The dropdown values live on a hidden "Values" sheet, because several contain commas that an inline list would split.
 */
const DATE_FORMAT = 'dd/mm/yyyy';
/**
 * Rows below a list's last that still get its dropdowns, for rows an analyst adds by hand. Not the whole sheet:
 * reading a workbook back expands every validated range into single cells, so a million rows would crawl.
 */
const SPARE_ROWS = 1000;

/** exceljs keeps range validations (`worksheet.dataValidations`) but its typings only declare the per-cell one. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const excelDate = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

/** Column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function annexAWorkbook(a: AnnexA): Promise<Buffer> {
  // Loaded when a workbook is asked for: exceljs is large, and most requests write none.
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'Cairn';
  book.title = `Ofsted Annex A as at ${a.asAt.split('-').reverse().join('/')}`;
  book.created = new Date();

  const sheets = a.lists.map((list) => book.addWorksheet(list.sheet, { views: [{ state: 'frozen', ySplit: 1 }] }));
  // Each distinct set of dropdown values once, a column each on the hidden sheet.
  const values = book.addWorksheet('Values', { state: 'hidden' });
  const ranges = new Map<string, string>();
  const rangeFor = (choices: readonly string[]) => {
    const key = choices.join('\u0000');
    let range = ranges.get(key);
    if (!range) {
      const col = columnLetter(ranges.size + 1);
      choices.forEach((choice, i) => (values.getCell(`${col}${i + 1}`).value = choice));
      range = `Values!$${col}$1:$${col}$${choices.length}`;
      ranges.set(key, range);
    }
    return range;
  };

  a.lists.forEach((list, i) => {
    const ws = sheets[i]!;
    const header = ws.addRow(list.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    list.columns.forEach((column, c) => {
      const col = ws.getColumn(c + 1);
      col.width = Math.min(40, Math.max(12, Math.ceil(column.header.length * 0.6)));
      if (column.kind === 'date') col.numFmt = DATE_FORMAT;
    });
    // Strings are written as text values, never formulas, so nothing in a cell is ever evaluated.
    for (const row of list.rows) ws.addRow(row.map((cell, c) => (cell !== null && list.columns[c]!.kind === 'date' ? excelDate(String(cell)) : cell)));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.columns.length } };
    list.columns.forEach((column, c) => {
      if (column.kind !== 'choice' || !column.choices?.length) return;
      const letter = columnLetter(c + 1);
      (ws as WithValidations).dataValidations.add(`${letter}2:${letter}${list.rows.length + 1 + SPARE_ROWS}`, {
        type: 'list',
        allowBlank: true,
        formulae: [rangeFor(column.choices)],
        showErrorMessage: true,
        errorTitle: 'Not one of Ofsted’s values',
        error: `Choose a value from the list for ${column.header}.`,
      });
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
