import { ReturnFileError } from '../engine.ts';
import { emptyReturn, isoDate, type Row, type Ssda903Return, TABLE_NAMES, type TableName, TABLES } from './tables.ts';

/**
 * The 903 as CSV files, one a table. Cairn writes each with the DfE's header row and column order, fields quoted
 * only when they must be, and CRLF line ends (RFC 4180, which the DfE's upload and the data-to-insight validator
 * both read). Reading is forgiving about form — any column order, a byte-order mark, quoted fields, CRLF or LF,
 * extra columns — and strict about content: a table's missing column or a date that is not DD/MM/YYYY is a
 * ReturnFileError naming the file and line, because validating a half-read return would only mislead.
 */

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function tableCsv(table: TableName, rows: readonly Row[]): string {
  const { columns } = TABLES[table];
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Every table, written even when it has no rows (its header row alone says the table was returned empty). */
export function write903Files(ret: Ssda903Return): Record<string, string> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [TABLES[t].file, tableCsv(t, ret[t])]));
}

/** Splits CSV text into records of fields, each with the line it started on (quoted fields may hold line ends). */
export function parseCsv(text: string, file: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field.trim() !== '') throw new ReturnFileError(`${file} line ${line}: a quote in the middle of a field`);
      field = '';
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new ReturnFileError(`${file} line ${start}: a quoted field is never closed`);
  if (field !== '' || fields.length) endRecord();
  return records;
}

const baseName = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which table a file holds: by Cairn's (or a close) file name, otherwise by the table whose columns it has. */
function tableOf(file: string, columns: readonly string[]): TableName | null {
  const name = baseName(file);
  const byName = TABLE_NAMES.find((t) => baseName(TABLES[t].file) === name || t.toLowerCase() === name);
  if (byName) return byName;
  const present = new Set(columns);
  const fits = TABLE_NAMES.filter((t) => TABLES[t].columns.every((c) => present.has(c)));
  return fits.sort((a, b) => TABLES[b].columns.length - TABLES[a].columns.length)[0] ?? null;
}

/** Reads a set of 903 files (file name → text). A table with no file is taken as returned empty. */
export function parse903Files(files: Record<string, string>): Ssda903Return {
  const ret = emptyReturn();
  const seen = new Map<TableName, string>();
  for (const [file, text] of Object.entries(files)) {
    const [head, ...records] = parseCsv(text, file);
    if (!head) throw new ReturnFileError(`${file}: the file is empty (not even a header row)`);
    const columns = head.fields.map((c) => c.trim().toUpperCase());
    const table = tableOf(file, columns);
    if (!table) throw new ReturnFileError(`${file}: its columns (${columns.join(', ')}) are not those of any SSDA903 table`);
    if (seen.has(table)) throw new ReturnFileError(`${file}: holds the ${table} table, already read from ${seen.get(table)}`);
    seen.set(table, file);
    const spec = TABLES[table];
    const missing = spec.columns.filter((c) => !columns.includes(c));
    if (missing.length) throw new ReturnFileError(`${file} line ${head.line}: the ${table} table has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`);
    const index = spec.columns.map((c) => columns.indexOf(c));
    for (const record of records) {
      const row: Row = {};
      spec.columns.forEach((c, k) => (row[c] = (record.fields[index[k]!] ?? '').trim()));
      for (const c of spec.dates) {
        if (row[c] && !isoDate(row[c])) throw new ReturnFileError(`${file} line ${record.line}: ${c} “${row[c]}” is not a date written DD/MM/YYYY`);
      }
      ret[table].push(row);
    }
  }
  return ret;
}
