import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Connection } from '../db/connection.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { financialYearStart } from '../platform/calendar/financial-year.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { testDatabase } from '../../test/support/database.ts';
import { runCliForTest } from './run.test-support.ts';

const run = promisify(execFile);
/** The demo's last complete financial year. */
const YEAR = financialYearStart(ukToday()) - 1;
const NAME = `annual-report-${YEAR}-${String((YEAR + 1) % 100).padStart(2, '0')}`;

describe('the cairn command line: report', () => {
  let database: Connection;
  let folder: string;
  before(async () => {
    database = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
    await database.db.insertInto('report_commentary').values({ year: YEAR, section: 'missing', body: 'The board notes the missing episodes.\n\nA second paragraph.' }).execute();
    folder = await mkdtemp(join(tmpdir(), 'cairn-report-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
    await database.close();
  });

  const cli = (argv: string[]) => runCliForTest(argv, { open: async () => database });

  it('is in the help', async () => {
    assert.match((await cli(['--help'])).out, /report {2,}Write the annual report for a financial year as HTML, PDF and XLSX files/);
  });

  it('writes the HTML, PDF and XLSX into a folder it makes, and says what it wrote', async () => {
    const out = join(folder, 'new', 'reports');
    const result = await cli(['report', '--year', String(YEAR), '--out', out]);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, new RegExp(`Wrote ${NAME}.html, ${NAME}.pdf, ${NAME}.xlsx to ${out}`));
    assert.deepEqual((await readdir(out)).sort(), [`${NAME}.html`, `${NAME}.pdf`, `${NAME}.xlsx`]);

    // The PDF, read back as text: the title, a table's caption, the board's words, and page numbers.
    const { stdout: text } = await run('pdftotext', ['-layout', join(out, `${NAME}.pdf`), '-']);
    assert.match(text, new RegExp(`Annual report ${YEAR}/`));
    assert.match(text, /Early help assessments by age/);
    assert.match(text, /No data recorded for this in Cairn/, 'the demo records no child protection plans');
    assert.match(text, /The board notes the missing episodes\./);
    assert.match(text, /Early help assessments were started by a wider range of agencies/, 'the demo’s commentary');
    assert.match(text, /How each figure is counted/);
    assert.match(text, /Page 1 of \d+/);
    // And drawn: the first page renders to an image.
    await run('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', join(out, `${NAME}.pdf`), join(folder, 'page')]);
    assert.ok((await readdir(folder)).some((f) => f.startsWith('page') && f.endsWith('.png')));

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, `${NAME}.xlsx`));
    const names = book.worksheets.map((w) => w.name);
    for (const name of ['EH by month', 'EH by gender', 'CP plans by age', 'CP plans by ethnicity', 'Children in care', 'Missing incidents', 'LADO referrals by agency']) assert.ok(names.includes(name), name);
    const sheet = book.getWorksheet('EH by gender')!;
    assert.equal(sheet.getCell('A1').value, 'Early help assessments by gender');
    assert.match(String(sheet.getCell('A3').value), /^Definition: /);
    assert.deepEqual([sheet.getCell('A6').value, sheet.getCell('B6').value], ['Gender', 'Number']);
    assert.equal(sheet.getCell('A7').value, 'Male');
    // The workbook's figures are the report's: the total of the early help assessments, as the page shows it.
    const total = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((row) => row.getCell(1).value === 'Total');
    assert.equal(typeof total?.getCell(2).value, 'number');
  });

  it('refuses a bad year or a folder it cannot write to, with a message and a failing code', async () => {
    for (const year of ['12', '1800', '3000', 'next', '2012.5']) {
      const r = await cli(['report', '--year', year, '--out', folder]);
      assert.equal(r.code, 1, year);
      assert.match(r.err, /--year must be a year from 1990 to 2099/);
    }
    assert.match((await cli(['report', '--out', folder])).err, /--year is required/);
    assert.match((await cli(['report', '--year', '2012'])).err, /--out is required/);
    const file = join(folder, 'a-file');
    await writeFile(file, 'not a folder');
    const r = await cli(['report', '--year', String(YEAR), '--out', join(file, 'inside')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /Cannot write to the folder .*a-file\/inside: ENOTDIR/);
    if (process.getuid?.() !== 0) {
      const locked = join(folder, 'locked');
      await run('mkdir', [locked]);
      await chmod(locked, 0o500);
      const refused = await cli(['report', '--year', String(YEAR), '--out', locked]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Cannot write to the folder .*locked: EACCES/);
    }
  });
});
