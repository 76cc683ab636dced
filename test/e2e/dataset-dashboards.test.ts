import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDashboardYear } from '../../src/domains/dataset/dashboard-fixtures.test-support.ts';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const MORGAN = 'morgan.hale@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const INDICATOR = 'Children on a child protection plan at the period end';

describe('the partnership dataset in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    await seedDashboardYear(b.t.db);
  });
  after(() => b?.close());

  it('a manager reads the dashboard, a service’s trends and an indicator, then opens the records behind a figure', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, MORGAN);
      await follow(page, 'Partnership dataset');
      assert.equal(await heading(page), 'Partnership dataset');
      await expectAccessible(page);

      await page.getByLabel('Period').selectOption({ label: 'April 2001 to March 2002' });
      await submit(page, 'Show the figures');
      assert.match(page.url(), /year=2001/);
      assert.match(await mainText(page), new RegExp(`${INDICATOR} 10 10 8 per 10,000 9.5 per 10,000 11 per 10,000 Neither higher nor lower is better`));
      await expectAccessible(page);

      await follow(page, 'Child protection dashboard with trends');
      assert.equal(await heading(page), 'Child protection dashboard');
      const chart = page.getByRole('img', { name: `${INDICATOR} by month` });
      assert.equal(await chart.count(), 1, 'the chart is named');
      assert.match((await chart.getAttribute('aria-labelledby')) ?? '', /-desc$/, 'and described');
      await page.getByText('Show the figures as a table').first().click();
      assert.match(await mainText(page), /31 Mar 2002 10/);
      await expectAccessible(page);

      await page.getByRole('link', { name: INDICATOR, exact: true }).first().click();
      assert.equal(await heading(page), INDICATOR);
      await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'Age' });
      await submit(page, 'Show the figures');
      assert.match(page.url(), /by=age_band/);
      assert.match(await mainText(page), /1 to 4 \* \(a small number, not shown\)/);
      assert.equal(await page.getByRole('img', { name: /by age/ }).count(), 1);
      await expectAccessible(page);

      await page.locator('a[href*="key=10to15"]').click();
      assert.equal(pathOf(page), '/dataset/indicators/cp_plans_at_end/records');
      assert.equal(await heading(page), 'Records behind the figure');
      const text = await mainText(page);
      assert.match(text, /7 records/);
      assert.match(text, /Older Fixturechild3/);
      await expectAccessible(page);

      await page.goto('/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=5to9');
      assert.match(await mainText(page), /A child you may not open/);
      assert.doesNotMatch(await mainText(page), /Hidden Fixturechild/);
      await expectAccessible(page);
    }));

  it('a board member sees the same figures without names or records links, and is refused the records', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, BEA);
      await page.goto('/dataset?year=2001');
      assert.match(await mainText(page), new RegExp(`${INDICATOR} 10 10`));
      await expectAccessible(page);

      await page.goto('/dataset/indicators/cp_plans_at_end?year=2001&by=age_band&then=quarter');
      assert.equal(await heading(page), INDICATOR);
      assert.equal(await page.locator('a[href*="/records"]').count(), 0, 'no records links');
      assert.doesNotMatch(await mainText(page), /Fixturechild/);
      await expectAccessible(page);

      await page.goto('/dataset/indicators/cp_plans_at_end?year=2001&by=agency');
      assert.match(await problems(page), /Choose how to split the figure from the list/);
      await expectAccessible(page);

      const refused = await page.goto('/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=10to15');
      assert.equal(refused?.status(), 403);
      assert.doesNotMatch(await mainText(page), /Fixturechild/);

      await page.goto('/dataset/indicators');
      assert.equal(await heading(page), 'Indicator library');
      await expectAccessible(page);
    }));
});
