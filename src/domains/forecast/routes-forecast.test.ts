import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { forecastWorkbook } from './downloads.ts';
import { latestMonthEnd } from './history.ts';
import { backtestCutOffs, readForecast } from './page.ts';
import { createScenario } from './settings.ts';
import { STATES } from './types.ts';

const ALEX = 'alex.brent@cairn.example';

describe('the forecast page and its downloads', () => {
  let t: TestApp;
  let scenarioId = '';

  before(async () => {
    t = await testApp({ children: 40 });
    const alex = await t.db.selectFrom('users').select('id').where('email', '=', ALEX).executeTakeFirstOrThrow();
    scenarioId = await createScenario(t.db, alex.id, { name: '=Fewer residential entries', adjustments: [{ kind: 'entries', to: 'care_residential', percent: -10 }] });
  });
  after(() => t.close());

  it('shows the fan chart with its table, each state’s forecast, spend, unit costs and the method', async () => {
    const client = await t.signedIn(ALEX);
    const page = await client.get('/forecast');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /<svg[^>]* role="img" aria-labelledby="forecast-chart-title forecast-chart-desc"/);
    assert.match(page.body, /<title id="forecast-chart-title">All children in care: recorded and forecast<\/title>/);
    assert.match(page.body, /Show the chart as a table/);
    assert.match(page.body, /Forecast by state/);
    assert.match(page.body, /12 months \(/);
    assert.match(page.body, /36 months \(/);
    assert.doesNotMatch(page.body, /48 months \(/);
    assert.match(page.body, /Spend by financial year/);
    assert.match(page.body, /Unit costs used/);
    assert.match(page.body, /href="\/forecast\/costs"/);
    assert.match(page.body, /How the forecast is worked out/);
    assert.match(page.body, /href="\/forecast\/download.csv\?months=36&amp;reference=24&amp;chart=in_care"/);
    assert.doesNotMatch(page.body, /Scenarios compared with the baseline/);
  });

  it('compares a chosen scenario with the baseline, and charts the state asked for', async () => {
    const client = await t.signedIn(ALEX);
    const page = await client.get(`/forecast?months=18&reference=12&chart=care_residential&scenario=${scenarioId}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Scenarios compared with the baseline/);
    assert.match(page.body, /=Fewer residential entries/);
    assert.match(page.body, /Entries into In care: residential: -10%/);
    assert.match(page.body, /<title id="forecast-chart-title">In care: residential: recorded and forecast<\/title>/);
    assert.match(page.body, /18 months \(/);
    assert.match(page.body, new RegExp(`value="${scenarioId}" checked`));
  });

  it('shows bad values against their fields, keeping what was typed', async () => {
    const client = await t.signedIn(ALEX);
    const page = await client.get('/forecast?months=100&reference=6&chart=nonsense');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /There is a problem/);
    assert.match(page.body, /href="#months">Months ahead must be a whole number from 12 to 60/);
    assert.match(page.body, /href="#reference">The reference window must be a whole number from 12 to 60/);
    assert.match(page.body, /href="#chart">Choose what to chart from the list/);
    assert.match(page.body, /name="months" type="text" spellcheck="false" value="100"/);
    assert.doesNotMatch(page.body, /<svg/);
    const gone = await client.get('/forecast?scenario=00000000-0000-4000-8000-000000000000');
    assert.equal(gone.statusCode, 400);
    assert.match(gone.body, /href="#scenario">Choose scenarios from the list: one you chose has been deleted/);
  });

  it('downloads the same forecast as CSV and as a workbook of counts, spend and inputs', async () => {
    const client = await t.signedIn(ALEX);
    const csv = await client.get(`/forecast/download.csv?months=12&reference=12&scenario=${scenarioId}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /^attachment; filename="forecast-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'scenario,month_end,state,state_label,p5,p25,p50,p75,p95');
    // Two forecasts (baseline and the scenario) × 12 months × (every state and all in care).
    assert.equal(lines.length - 1, 2 * 12 * (STATES.length + 1));
    // A name that a spreadsheet would run as a formula is written as text.
    assert.ok(lines.some((l) => l.startsWith("'=Fewer residential entries,")));

    const xlsx = await client.get('/forecast/download.xlsx?months=24');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.ok(xlsx.body.startsWith('PK'), 'a zip, as every XLSX is');

    const data = await readForecast(t.db, { months: 24, referenceMonths: 12, chart: 'in_care', scenarioIds: [scenarioId] });
    const book = new ExcelJS.Workbook();
    // exceljs declares a Buffer of its own; Node's is what it reads.
    await book.xlsx.load((await forecastWorkbook(data, new Date('2026-12-01T09:00:00Z'))) as unknown as Parameters<typeof book.xlsx.load>[0]);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['Counts', 'Spend', 'Inputs']);
    assert.equal(book.getWorksheet('Counts')!.rowCount, 1 + 2 * 24 * (STATES.length + 1));
    const spend = book.getWorksheet('Spend')!;
    assert.equal(spend.getRow(1).getCell(1).value, 'scenario');
    assert.equal(spend.rowCount - 1, data.baselineSpend.length * 2);
    assert.equal(spend.getRow(2).getCell(1).value, 'Baseline (no change)');
    assert.equal(spend.getRow(2).getCell(2).value, data.baselineSpend[0]!.financialYear);
    assert.equal(spend.getRow(2).getCell(3 + STATES.length + 1).value, Math.round(data.baselineSpend[0]!.total * 100) / 100);
    const inputs = book.getWorksheet('Inputs')!;
    const input = (label: string) => inputs.getColumn(1).values.indexOf(label);
    assert.equal(inputs.getRow(input('Months ahead')).getCell(2).value, 24);
    assert.equal(inputs.getRow(input('Reference window (months)')).getCell(2).value, 12);
    // Stored as text, not a formula, in the workbook.
    assert.equal(inputs.getRow(input('=Fewer residential entries')).getCell(2).value, 'Entries into In care: residential: -10%');

    const bad = await client.get('/forecast/download.csv?months=7');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Months ahead must be a whole number from 12 to 60/);
  });

  it('backtests from the latest cut-off whose year has passed, or one chosen, charting the state asked for', async () => {
    const client = await t.signedIn(ALEX);
    const cutOffs = backtestCutOffs(ukToday());
    const page = await client.get('/forecast/backtest');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, new RegExp(`<option value="${cutOffs[0]}" selected>`));
    assert.match(page.body, /Months compared\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*12\s*</);
    assert.match(page.body, /Mean absolute percentage error by state/);
    assert.match(page.body, /<title id="backtest-chart-title">All children in care: forecast against recorded<\/title>/);
    assert.match(page.body, /Show the chart as a table/);
    const chosen = await client.get(`/forecast/backtest?cutOff=${cutOffs[6]}&reference=12&chart=cin`);
    assert.equal(chosen.statusCode, 200);
    assert.match(chosen.body, new RegExp(`<option value="${cutOffs[6]}" selected>`));
    assert.match(chosen.body, /<title id="backtest-chart-title">Child in need: forecast against recorded<\/title>/);
  });

  it('refuses a backtest cut-off that is not offered, and a bad reference window', async () => {
    const client = await t.signedIn(ALEX);
    const page = await client.get(`/forecast/backtest?cutOff=${latestMonthEnd(ukToday())}&reference=99`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#cutOff">Choose a cut-off from the list/);
    assert.match(page.body, /href="#reference">The reference window must be a whole number from 12 to 60/);
    assert.match(page.body, /value="99"/);
  });

  it('shows a board member the forecast without the analysts’ links to change costs and scenarios', async () => {
    const client = await t.signedIn('bea.tollard@cairn.example');
    const page = await client.get('/forecast');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Unit costs used/);
    assert.doesNotMatch(page.body, /href="\/forecast\/(costs|scenarios)"/);
  });

  it('refuses a practitioner', async () => {
    const client = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await client.get('/forecast')).statusCode, 403);
    assert.equal((await client.get('/forecast?months=7')).statusCode, 403);
    assert.equal((await client.get('/forecast/download.csv')).statusCode, 403);
    assert.equal((await client.get('/forecast/download.xlsx?months=7')).statusCode, 403);
    assert.equal((await client.get('/forecast/backtest')).statusCode, 403);
  });
});
