import { type Sheet, toXlsx } from '../../../platform/downloads/spreadsheet.ts';
import { htmlToPdf } from '../../../platform/pdf/print.ts';
import { createViewEnvironment } from '../../../platform/views/render.ts';
import { sheetOf } from '../published-table.ts';
import type { AnnualReport } from './build.ts';
import { present, type ShownReport } from './present.ts';
import { sheetNameOf } from './sections.ts';

/**
 * The published annual report, as files: a standalone HTML document (inline styles, no scripts, nothing fetched),
 * the same document printed to an A4 PDF with page numbers, and a workbook of its tables (one sheet a table, each
 * headed by the indicator's definition). Section commentary not yet written is left out of all three: a published
 * report does not say "to be written". The page, the routes and the command line all use these.
 */
const documents = createViewEnvironment();
const PARTNERSHIP = 'Safeguarding children partnership';

/** "annual-report-2012-13": the files' name, from the financial year. */
export const reportFileName = (report: Pick<AnnualReport, 'name'>) => `annual-report-${report.name.replace('/', '-')}`;

export const reportHtml = (shown: ShownReport): string =>
  documents.render('domains/dataset/report/views/document.njk', { r: shown, partnership: PARTNERSHIP });

export async function reportPdf(shown: ShownReport, chromiumPath: string): Promise<Buffer> {
  return htmlToPdf(reportHtml(shown), { executablePath: chromiumPath, header: `${PARTNERSHIP} annual report ${shown.name}` });
}

/** Every table of every section (Section 11 and training included), each on its own sheet. */
export function reportSheets(report: AnnualReport): Sheet[] {
  const sheets: Sheet[] = [];
  for (const section of report.sections) {
    for (const table of section.tables) sheets.push({ ...sheetOf(table), name: sheetNameOf(table.id) ?? table.title });
    for (const table of section.extra?.noData === false ? section.extra.tables : []) {
      sheets.push({ name: table.title, preface: [table.title, `${report.period.from} to ${report.period.to}`, section.extra!.caption], head: table.head, rows: table.rows });
    }
  }
  return sheets;
}

export const reportXlsx = (report: AnnualReport): Promise<Buffer> => toXlsx(reportSheets(report), report.generatedAt);

/** All three files' contents for one report (the command line writes them to a folder). */
export async function reportFiles(report: AnnualReport, chromiumPath: string): Promise<{ name: string; html: string; pdf: Buffer; xlsx: Buffer }> {
  const shown = await present(report);
  const html = reportHtml(shown);
  const [pdf, xlsx] = await Promise.all([htmlToPdf(html, { executablePath: chromiumPath, header: `${PARTNERSHIP} annual report ${shown.name}` }), reportXlsx(report)]);
  return { name: reportFileName(report), html, pdf, xlsx };
}
