/**
 * `export` and `validate`: the statutory returns on the command line. Exports are built from the records exactly as
 * the analyst's page builds them; `validate` reads files from any system (parse, then the same rules), so an
 * authority can check a return made elsewhere. Exit codes: 0 clean or queries only, 1 errors found, 2 a file
 * that cannot be read.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Connection } from '../db/connection.ts';
import { annexAWorkbook, buildAnnexA } from '../domains/returns/annex-a/index.ts';
import { buildCinReturn, cinXml, parseCinXml, validateCin } from '../domains/returns/cin/index.ts';
import { collectionPeriod, type Failure, failuresByRule, ReturnFileError } from '../domains/returns/engine.ts';
import { cinFileName } from '../domains/returns/exports.ts';
import type { ReturnsSettings } from '../domains/returns/settings.ts';
import { build903Return, parse903Files, previous903, type Ssda903Return, validate903, write903Files } from '../domains/returns/ssda903/index.ts';
import { isoDate } from '../domains/returns/ssda903/tables.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { progressBar } from './progress.ts';

export const RETURNS_USAGE = `  export cin               The Children in Need census XML for a collection year.
  export 903               The SSDA903 CSV files (header, episodes, reviews, UASC, OC2, OC3, AD1, placed
                          for adoption, previous permanence, missing) for a collection year.
      --year <yyyy>           The collection year, named by the March it ends in: 2025 is 1 April 2024
                              to 31 March 2025. Required.
      --out <folder>          Where to write the file(s) (made if missing). Required.
  export annex-a           Ofsted's Annex A lists as one workbook.
      --as-at <date>          The date the lists are as at (YYYY-MM-DD). Default today.
      --out <file.xlsx>       The workbook to write. Required.
  validate cin <path>      Check a CIN census XML file (or every .xml file in a folder) from any system
                          against the DfE's rules. --year <yyyy> if the file's header does not say.
  validate 903 <folder>    Check a folder of SSDA903 CSV files from any system. --year <yyyy> is required
                          (the files do not say their year); --previous <folder> last year's files for
                          the year-on-year rules. --all lists every failure (default 20 a rule).
                          Exit code 0: no errors (queries may stand); 1: errors; 2: a file cannot be read.`;

export class ReturnsUsageError extends Error {}

const OPTIONS = {
  year: { type: 'string' },
  out: { type: 'string' },
  'as-at': { type: 'string' },
  previous: { type: 'string' },
  all: { type: 'boolean' },
} as const;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

function yearOf(value: string | undefined): number {
  if (value === undefined) throw new ReturnsUsageError('--year is required, like --year 2025 (1 April 2024 to 31 March 2025)');
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  try {
    collectionPeriod(year);
  } catch {
    throw new ReturnsUsageError(`--year must be a collection year from 2011 to 2035, like 2025 (got ${value})`);
  }
  return year;
}

const bar = (io: Io, unit: string) => progressBar(unit, (line) => (process.stderr.isTTY ? process.stderr.write(line) : io.err(line)));

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** `export cin|903|annex-a`. */
export async function exportCommand(args: string[], connection: Connection, settings: ReturnsSettings, io: Io): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  const [kind, ...extra] = positionals;
  if (extra.length) throw new ReturnsUsageError(`export takes one return, not ${positionals.join(' ')}`);
  if (!values.out) throw new ReturnsUsageError(kind === 'annex-a' ? '--out is required: the workbook to write, like --out annex-a.xlsx' : '--out is required: the folder to write to');
  const out = resolve(values.out);
  const { db } = connection;
  switch (kind) {
    case 'cin': {
      const year = yearOf(values.year);
      const period = collectionPeriod(year);
      const ret = await buildCinReturn(db, period, settings, { onProgress: bar(io, 'children') });
      await mkdir(out, { recursive: true });
      const file = join(out, cinFileName(settings.laCode, year));
      await writeFile(file, cinXml(ret));
      io.out(`Wrote the ${year} CIN census (${count(ret.Children.length, 'child', 'children')}) to ${file}`);
      io.out(summary(validateCin(ret, period)));
      return;
    }
    case '903': {
      const year = yearOf(values.year);
      const period = collectionPeriod(year);
      const ret = await build903Return(db, period, settings, { onProgress: bar(io, 'children') });
      await mkdir(out, { recursive: true });
      const files = write903Files(ret);
      for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text);
      io.out(`Wrote the ${year} SSDA903 (${count(ret.Header.length, 'child', 'children')}, ${Object.keys(files).length} files) to ${out}`);
      io.out(summary(validate903(ret, period, await previous903(db, year))));
      return;
    }
    case 'annex-a': {
      const asAt = values['as-at'] ?? ukToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asAt) || !isoDate(`${asAt.slice(8, 10)}/${asAt.slice(5, 7)}/${asAt.slice(0, 4)}`)) throw new ReturnsUsageError(`--as-at must be a date like 2026-03-27 (got ${asAt})`);
      if (!out.endsWith('.xlsx')) throw new ReturnsUsageError('--out must name the workbook to write, ending .xlsx');
      const annexA = await buildAnnexA(db, asAt, settings, { onProgress: bar(io, 'steps') });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, await annexAWorkbook(annexA));
      io.out(`Wrote Ofsted's Annex A lists as at ${asAt} to ${out}`);
      return;
    }
    default:
      throw new ReturnsUsageError(`export needs the return: cin, 903 or annex-a${kind ? ` (got ${kind})` : ''}`);
  }
}

/** `validate cin|903 <path>`: the exit code (0 no errors, 1 errors, 2 unreadable). */
export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  const [kind, path, ...extra] = positionals;
  if (kind !== 'cin' && kind !== '903') throw new ReturnsUsageError(`validate needs the return: cin or 903${kind ? ` (got ${kind})` : ''}`);
  if (!path || extra.length) throw new ReturnsUsageError(`validate ${kind} needs one ${kind === 'cin' ? 'file or folder' : 'folder'} to check`);
  try {
    const failures = kind === 'cin' ? await validateCinFiles(path, values.year, io) : await validate903Folder(path, values.year, values.previous, io);
    io.out(report(failures, values.all === true));
    return failures.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ReturnFileError)) throw error;
    io.err(`Cannot read the return: ${error.message}`);
    return 2;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ReturnFileError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file or folder' : (error as Error).message}`);
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    throw new ReturnFileError(`${path}: there is no such file or folder`);
  }
}

async function validateCinFiles(path: string, yearFlag: string | undefined, io: Io): Promise<Failure[]> {
  const files = (await isFolder(path)) ? (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.xml')).sort().map((f) => join(path, f)) : [path];
  if (!files.length) throw new ReturnFileError(`${path}: the folder has no .xml file`);
  const failures: Failure[] = [];
  for (const file of files) {
    let ret;
    try {
      ret = parseCinXml(await readText(file));
    } catch (error) {
      if (error instanceof ReturnFileError && !error.message.startsWith(file)) throw new ReturnFileError(`${basename(file)}: ${error.message}`);
      throw error;
    }
    const year = yearFlag !== undefined ? yearOf(yearFlag) : Number(ret.Header.Year);
    if (!Number.isInteger(year) || year < 2011 || year > 2035) {
      throw new ReturnsUsageError(`${basename(file)} does not say which collection year it is (Header › Year); give --year, like --year 2025`);
    }
    io.out(`${basename(file)}: the ${year} CIN census, ${count(ret.Children.length, 'child', 'children')}`);
    failures.push(...validateCin(ret, collectionPeriod(year)));
  }
  return failures;
}

async function read903Folder(path: string): Promise<Ssda903Return> {
  if (!(await isFolder(path))) throw new ReturnFileError(`${path}: give the folder holding the SSDA903 CSV files, not one file`);
  const names = (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
  if (!names.length) throw new ReturnFileError(`${path}: the folder has no .csv files`);
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readText(join(path, name));
  return parse903Files(files);
}

async function validate903Folder(path: string, yearFlag: string | undefined, previousPath: string | undefined, io: Io): Promise<Failure[]> {
  // The tables carry no collection year, and an episode's dates cannot tell it (an open episode runs on).
  if (yearFlag === undefined) throw new ReturnsUsageError('validate 903 needs --year: the SSDA903 files do not say which collection year they are, like --year 2025');
  const year = yearOf(yearFlag);
  const ret = await read903Folder(path);
  const previous = previousPath ? await read903Folder(previousPath) : null;
  io.out(`${path}: the ${year} SSDA903, ${count(ret.Header.length, 'child', 'children')}`);
  if (!previous) io.out('No --previous folder: the rules comparing with last year’s return were checked against nothing.');
  return validate903(ret, collectionPeriod(year), previous);
}

function summary(failures: readonly Failure[]): string {
  const errors = failures.filter((f) => f.severity === 'error');
  const rules = (list: Failure[]) => new Set(list.map((f) => f.rule)).size;
  const queries = failures.filter((f) => f.severity === 'query');
  return `Validation: ${count(errors.length, 'error')} (${count(rules(errors), 'rule')}), ${count(queries.length, 'query', 'queries')} (${count(rules(queries), 'rule')}).`;
}

/** Failures by rule (errors first), each with its children; then the summary line. */
export function report(failures: readonly Failure[], all: boolean, perRule = 20): string {
  const lines: string[] = [];
  for (const group of failuresByRule(failures)) {
    const children = new Set(group.failures.map((f) => f.child)).size;
    lines.push('', `Rule ${group.rule} (${group.severity}): ${count(group.failures.length, 'failure')}, ${count(children, 'child', 'children')}`, `  ${group.message}`);
    const shown = all ? group.failures : group.failures.slice(0, perRule);
    for (const f of shown) lines.push(`  ${(f.child ?? '(the whole return)').padEnd(20)}  ${f.location || 'the child'} › ${f.field}`);
    if (shown.length < group.failures.length) lines.push(`  … and ${group.failures.length - shown.length} more (--all lists them all)`);
  }
  lines.push('', summary(failures));
  return lines.join('\n').trimStart();
}
