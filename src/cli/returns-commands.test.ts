import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Connection } from '../db/connection.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { collectionYearOf } from '../domains/returns/engine.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { testDatabase } from '../../test/support/database.ts';
import { runCliForTest } from './run.test-support.ts';

describe('the cairn command line: export and validate the statutory returns', () => {
  let database: Connection;
  let folder: string;
  // The last full collection year of the demo's records.
  const year = collectionYearOf(ukToday()) - 1;
  before(async () => {
    database = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
    folder = await mkdtemp(join(tmpdir(), 'cairn-returns-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
    await database.close();
  });

  const run = (argv: string[]) => runCliForTest(argv, { open: async () => database });
  const summaryLine = (text: string) => /^Validation: .*$/m.exec(text)?.[0];

  it('is in the help', async () => {
    const help = await run(['--help']);
    assert.match(help.out, /export cin {2,}The Children in Need census XML/);
    assert.match(help.out, /validate 903 <folder>/);
  });

  it('exports the CIN census and validates the file it wrote with the same result', async () => {
    const out = join(folder, 'cin');
    const exported = await run(['export', 'cin', '--year', String(year), '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, new RegExp(`Wrote the ${year} CIN census \\(\\d+ child(ren)?\\) to .*CIN_Census_873_${year}.xml`));
    const validated = await run(['validate', 'cin', out]);
    assert.match(validated.out, new RegExp(`CIN_Census_873_${year}.xml: the ${year} CIN census`));
    assert.equal(summaryLine(validated.out), summaryLine(exported.out));
    assert.equal(validated.code, /Validation: 0 errors/.test(validated.out) ? 0 : 1);
  });

  it('exports the SSDA903 files, validates them the same, and finds a fault put into them (exit code 1)', async () => {
    const out = join(folder, '903');
    const exported = await run(['export', '903', '--year', String(year), '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    assert.deepEqual((await readdir(out)).sort(), ['ad1.csv', 'episodes.csv', 'header.csv', 'missing.csv', 'oc2.csv', 'oc3.csv', 'placed_for_adoption.csv', 'previous_permanence.csv', 'reviews.csv', 'uasc.csv']);
    const validated = await run(['validate', '903', out, '--year', String(year)]);
    assert.equal(validated.code, 0, validated.out);
    assert.equal(summaryLine(validated.out), summaryLine(exported.out));
    assert.match(validated.out, /Validation: 0 errors/);

    const header = (await readFile(join(out, 'header.csv'), 'utf8')).split(/\r?\n/);
    const cells = header[1]!.split(',');
    cells[3] = 'XXXX';
    header[1] = cells.join(',');
    await writeFile(join(out, 'header.csv'), header.join('\r\n'));
    const faulty = await run(['validate', '903', out, '--year', String(year)]);
    assert.equal(faulty.code, 1, faulty.out);
    assert.match(faulty.out, new RegExp(`Rule 103 \\(error\\): 1 failure, 1 child\\n  .*\\n  ${cells[0]} +.* › ETHNIC`));
    assert.match(faulty.out, /Validation: 1 error \(1 rule\)/);
  });

  it('says plainly when a file cannot be read (exit code 2)', async () => {
    const broken = join(folder, 'broken.xml');
    await writeFile(broken, '<Message><Header><CollectionDetails>');
    const cin = await run(['validate', 'cin', broken]);
    assert.equal(cin.code, 2);
    assert.match(cin.err, /^Cannot read the return: /);
    const missing = await run(['validate', '903', join(folder, 'nowhere'), '--year', String(year)]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /there is no such file or folder/);
    const csvs = join(folder, 'bad903');
    await rm(csvs, { recursive: true, force: true });
    await run(['export', '903', '--year', String(year), '--out', csvs]);
    await writeFile(join(csvs, 'episodes.csv'), 'CHILD,DECOM\r\nC1,not a date\r\n');
    const bad = await run(['validate', '903', csvs, '--year', String(year)]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Cannot read the return: .+/);
  });

  it('exports the Annex A workbook as at a date', async () => {
    const file = join(folder, 'annex-a.xlsx');
    const result = await run(['export', 'annex-a', '--as-at', `${year}-03-01`, '--out', file]);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, new RegExp(`Annex A lists as at ${year}-03-01`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    assert.ok(book.worksheets.length >= 5, book.worksheets.map((w) => w.name).join(', '));
  });

  it('refuses bad flags with exit code 1 and says why', async () => {
    assert.match((await run(['export', 'cin', '--out', folder])).err, /--year is required/);
    assert.match((await run(['export', 'cin', '--year', '1990', '--out', folder])).err, /--year must be a collection year from 2011 to 2035/);
    assert.match((await run(['export', 'annex-a', '--as-at', '2026-02-30', '--out', join(folder, 'a.xlsx')])).err, /--as-at must be a date/);
    assert.match((await run(['export', 'annex-a', '--out', folder])).err, /ending .xlsx/);
    assert.match((await run(['export', 'ofsted', '--out', folder])).err, /export needs the return: cin, 903 or annex-a \(got ofsted\)/);
    assert.match((await run(['validate', '903', folder])).err, /validate 903 needs --year/);
    const code = await run(['validate', 'ssda', folder]);
    assert.equal(code.code, 1);
    assert.match(code.err, /validate needs the return: cin or 903/);
  });
});
