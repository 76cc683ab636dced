import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Connection } from '../db/connection.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { latestMonthEnd } from '../domains/forecast/history.ts';
import { monthEndAfter } from '../domains/forecast/month-ends.ts';
import { createScenario } from '../domains/forecast/settings.ts';
import { STATES } from '../domains/forecast/types.ts';
import { ukToday } from '../platform/calendar/working-days.ts';
import { testDatabase } from '../../test/support/database.ts';
import { runCliForTest } from './run.test-support.ts';

describe('the cairn command line: forecast', () => {
  let database: Connection;
  let folder: string;
  before(async () => {
    database = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
    const alex = await database.db.selectFrom('users').select('id').where('email', '=', 'alex.brent@cairn.example').executeTakeFirstOrThrow();
    await createScenario(database.db, alex.id, { name: 'More kinship', adjustments: [{ kind: 'entries', to: 'care_kinship', percent: 20 }] });
    folder = await mkdtemp(join(tmpdir(), 'cairn-forecast-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
    await database.close();
  });

  const run = (argv: string[]) => runCliForTest(argv, { open: async () => database });

  it('is in the help', async () => {
    const help = await run(['--help']);
    assert.match(help.out, /forecast {2,}Forecast children by state/);
    assert.match(help.out, /--backtest/);
  });

  it('writes forecast.csv, spend.csv and forecast.xlsx and prints a summary', async () => {
    const result = await run(['forecast', '--months', '30', '--out', folder, '--scenario', 'more kinship']);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^Forecast from the records up to \d+ \w+ \d{4}, rates from the 24 months before, 30 months ahead\./);
    assert.match(result.out, /State +Now +12 months +24 months +30 months/);
    assert.match(result.out, /All children in care +\d+ +\d+ \(\d+–\d+\)/);
    assert.match(result.out, /Financial year +Baseline \(no change\) +More kinship/);
    assert.match(result.out, new RegExp(`Wrote forecast.csv, spend.csv and forecast.xlsx to ${folder}`));

    const csv = (await readFile(join(folder, 'forecast.csv'), 'utf8')).trimEnd().split('\r\n');
    assert.equal(csv[0], 'scenario,month_end,state,state_label,p5,p25,p50,p75,p95');
    assert.equal(csv.length - 1, 2 * 30 * (STATES.length + 1));
    assert.ok(csv.some((line) => line.startsWith('More kinship,')));
    const spend = (await readFile(join(folder, 'spend.csv'), 'utf8')).trimEnd().split('\r\n');
    assert.equal(spend[0], `scenario,financial_year,months,${STATES.join(',')},total`);
    // 30 months span three or four financial years, for each of the two forecasts.
    assert.ok([7, 9].includes(spend.length), `${spend.length} lines`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'forecast.xlsx'));
    assert.deepEqual(book.worksheets.map((w) => w.name), ['Counts', 'Spend', 'Inputs']);
  });

  it('backtests from a year before the latest month end, or a cut-off given, and prints MAPE by state and overall', async () => {
    const latest = latestMonthEnd(ukToday());
    const result = await run(['forecast', '--backtest', '--reference-months', '12']);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^Backtest: fitted on the 12 months to .+, forecast 12 months to .+, compared with the records\./);
    assert.match(result.out, /In care: residential +(\d+\.\d%|Not scored)/);
    assert.match(result.out, /Overall \(weighted by children\) +(\d+\.\d%|Not scored)/);
    const earlier = monthEndAfter(latest, -18);
    const chosen = await run(['forecast', '--backtest', '--cut-off', earlier]);
    assert.equal(chosen.code, 0, chosen.err);
    assert.match(chosen.out, /fitted on the 24 months to/);
  });

  it('refuses bad flags with exit code 1 and says why', async () => {
    const cases: [string[], RegExp][] = [
      [['forecast', '--months', '61'], /--months must be a whole number from 12 to 60/],
      [['forecast', '--months', 'ten'], /--months must be a whole number from 12 to 60/],
      [['forecast', '--reference-months', '6'], /--reference-months must be a whole number from 12 to 60/],
      [['forecast', '--scenario', 'Nothing like it'], /no saved scenario called "Nothing like it" \(the saved scenarios: "More kinship"\)/],
      [['forecast', '--cut-off', '2025-03-31'], /--cut-off is only used with --backtest/],
      [['forecast', '--backtest', '--months', '12'], /--months cannot be used with --backtest/],
      [['forecast', '--backtest', '--cut-off', '2025-03-30'], /--cut-off must be the last day of a month/],
      [['forecast', '--backtest', '--cut-off', latestMonthEnd(ukToday())], /choose a cut-off of \d{4}-\d{2}-\d{2} or earlier/],
      [['forecast', '--frobnicate'], /Error: .*frobnicate/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      assert.equal(result.code, 1, argv.join(' '));
      assert.match(result.err, message, argv.join(' '));
    }
  });
});
