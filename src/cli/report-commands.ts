import { access, mkdir, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Connection } from '../db/connection.ts';
import { buildAnnualReport, FIRST_YEAR, isReportYear, LAST_YEAR } from '../domains/dataset/report/build.ts';
import { reportFiles } from '../domains/dataset/report/document.ts';
import { closePrintBrowser } from '../platform/pdf/print.ts';

export const REPORT_USAGE = `  report                  Write the annual report for a financial year as HTML, PDF and XLSX files.
      --year <yyyy>           The year it starts in: 2012 for April 2012 to March 2013. Required.
      --out <folder>          Where to write annual-report-2012-13.html, .pdf and .xlsx (made if missing). Required.`;

export class ReportUsageError extends Error {}

/** `report`: the annual report worked out from the configured database, written as three files into a folder. */
export async function reportCommand(args: string[], connection: Connection, chromiumPath: string, io: { out(text: string): void }): Promise<void> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.year === undefined) throw new ReportUsageError('--year is required: the year the financial year starts in, like 2012 for 2012/13');
  const year = /^\d{4}$/.test(values.year.trim()) ? Number(values.year.trim()) : NaN;
  if (!isReportYear(year)) throw new ReportUsageError(`--year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}, like 2012 for April 2012 to March 2013 (got "${values.year}")`);
  if (!values.out?.trim()) throw new ReportUsageError('--out is required: the folder to write the report into');
  const folder = resolve(values.out.trim());
  // The folder is made and checked before the report is worked out, so a typo fails at once, not after the work.
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new ReportUsageError(`Cannot write to the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const report = await buildAnnualReport(connection.db, year);
  // The command prints once: the browser is closed straight after, rather than left for its idle minute.
  const files = await reportFiles(report, chromiumPath).finally(() => closePrintBrowser());
  const written = [`${files.name}.html`, `${files.name}.pdf`, `${files.name}.xlsx`];
  try {
    await writeFile(join(folder, written[0]!), files.html);
    await writeFile(join(folder, written[1]!), files.pdf);
    await writeFile(join(folder, written[2]!), files.xlsx);
  } catch (error) {
    throw new ReportUsageError(`Cannot write the report into ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const withData = report.sections.filter((s) => !s.noData).map((s) => s.title);
  const without = report.sections.filter((s) => s.noData).map((s) => s.title);
  io.out(`Annual report ${report.name} (${report.label}), small numbers suppressed at ${report.threshold}.`);
  io.out(`Sections with figures: ${withData.join(', ') || 'none'}.`);
  if (without.length) io.out(`No data recorded in Cairn for: ${without.join(', ')}.`);
  io.out(`Wrote ${written.join(', ')} to ${folder}`);
}
