import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { createScenario } from '../../src/domains/forecast/settings.ts';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ALEX = 'alex.brent@cairn.example';
const SAM = 'sam.rowe@cairn.example';

describe('the forecast in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    const alex = await b.t.db.selectFrom('users').select('id').where('email', '=', ALEX).executeTakeFirstOrThrow();
    await createScenario(b.t.db, alex.id, { name: 'Fewer residential entries', adjustments: [{ kind: 'entries', to: 'care_residential', percent: -10 }] });
  });
  after(() => b?.close());

  it('an analyst opens the forecast, changes the months, compares a scenario, downloads it and opens the backtest', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, ALEX);
      await follow(page, 'Forecast');
      assert.equal(pathOf(page), '/forecast');
      assert.equal(await heading(page), 'Demand and cost forecast');
      const chart = page.getByRole('img', { name: /All children in care: recorded and forecast/ });
      assert.equal(await chart.count(), 1);
      let text = await mainText(page);
      assert.match(text, /Forecast by state/);
      assert.match(text, /36 months \(/);
      assert.match(text, /Unit costs used/);
      await expectAccessible(page);

      await page.getByText('Show the chart as a table').click();
      const chartRows = page.locator('.govuk-details').first().locator('tbody tr');
      assert.ok((await chartRows.count()) >= 36, 'a row for every month of the forecast');
      await page.getByText('How the forecast is worked out').click();
      assert.match(await mainText(page), /drawn again at random 200 times/);
      await expectAccessible(page);

      await page.getByLabel('Months ahead').fill('24');
      await page.getByLabel('Show on the chart', { exact: true }).selectOption({ label: 'Child protection plan' });
      await page.getByLabel('Fewer residential entries').check();
      await submit(page, 'Update the forecast');
      assert.match(page.url(), /months=24/);
      assert.equal(await page.getByRole('img', { name: /Child protection plan: recorded and forecast/ }).count(), 1);
      text = await mainText(page);
      assert.match(text, /24 months \(/);
      assert.doesNotMatch(text, /36 months \(/);
      assert.match(text, /Scenarios compared with the baseline/);
      assert.match(text, /Fewer residential entries Entries into In care: residential: -10%/);
      assert.ok(await page.getByLabel('Fewer residential entries').isChecked(), 'the choice is kept');
      await expectAccessible(page);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /forecast by month and state \(CSV\)/ }).click()]);
      assert.match(download.suggestedFilename(), /^forecast-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
      assert.equal(csv[0], 'scenario,month_end,state,state_label,p5,p25,p50,p75,p95');
      assert.equal(csv.length - 1, 2 * 24 * 10, 'the baseline and the scenario, 24 months, nine states and all in care');

      await page.getByLabel('Months ahead').fill('100');
      await page.getByLabel('Reference window').fill('six');
      await submit(page, 'Update the forecast');
      const summary = await problems(page);
      assert.match(summary, /Months ahead must be a whole number from 12 to 60/);
      assert.match(summary, /The reference window must be a whole number from 12 to 60/);
      assert.equal(await page.getByLabel('Months ahead').inputValue(), '100', 'what was typed is kept');
      assert.equal(await page.getByRole('img').count(), 0, 'no chart for a forecast that was not worked out');
      await expectAccessible(page);

      await page.getByLabel('Months ahead').fill('36');
      await page.getByLabel('Reference window').fill('24');
      await submit(page, 'Update the forecast');
      await follow(page, 'How accurate has the forecast been?');
      assert.equal(await heading(page), 'How accurate the forecast has been');
      text = await mainText(page);
      assert.match(text, /Months compared 12/);
      assert.match(text, /Error over all states (\d+\.\d%|Not scored)/);
      assert.match(text, /Mean absolute percentage error by state/);
      assert.equal(await page.getByRole('img', { name: /All children in care: forecast against recorded/ }).count(), 1);
      await expectAccessible(page);
      await page.getByLabel('Reference window').fill('3');
      await submit(page, 'Run the backtest');
      assert.match(await problems(page), /The reference window must be a whole number from 12 to 60/);
      await expectAccessible(page);
      await page.getByLabel('Reference window').fill('12');
      await page.getByLabel('Show on the chart', { exact: true }).selectOption({ label: 'Early help' });
      await submit(page, 'Run the backtest');
      assert.equal(await page.getByRole('img', { name: /Early help: forecast against recorded/ }).count(), 1);
      await expectAccessible(page);
    }));

  it('a practitioner is refused the forecast and does not see it in the navigation', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, SAM);
      assert.equal(await page.getByRole('link', { name: 'Forecast', exact: true }).count(), 0);
      const response = await page.goto('/forecast');
      assert.equal(response?.status(), 403);
      assert.equal(await heading(page), 'You do not have access');
      assert.match(await mainText(page), /Only analysts, managers and board members see the demand forecast/);
      await expectAccessible(page);
      assert.equal((await page.goto('/forecast/backtest'))?.status(), 403);
    }));
});
