import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readUnitCosts } from '../../src/domains/forecast/settings.ts';
import { anotherPage, type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ALEX = 'alex.brent@cairn.example';
const BEA = 'bea.tollard@cairn.example';

describe('the forecast’s settings in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 5 });
  });
  after(() => b?.close());

  it('an analyst changes a unit cost, is shown what to correct, the change is saved, and a stale copy of the form is refused', () =>
    b.journey(async (page) => {
      await page.goto('/forecast/costs');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Unit costs');
      assert.match(await mainText(page), /These are the costs Cairn was installed with/);
      assert.equal(await page.getByLabel('Weekly cost: In care: residential').inputValue(), '5500.00');
      await expectAccessible(page);

      await page.getByLabel('Weekly cost: In care: residential').fill('6100');
      await page.getByLabel('Weekly cost: Early help').fill('-20');
      await page.getByLabel('Annual inflation').fill('three');
      await fillDate(page, 'priceBase', ['31', '2', '2026']);
      await submit(page, 'Save the unit costs');
      const summary = await problems(page);
      assert.match(summary, /The weekly cost of early help must be £0 or more/);
      assert.match(summary, /The annual inflation rate must be a number, like 3 or 2.5/);
      assert.match(summary, /The price base date must be a real date/);
      assert.equal(await page.getByLabel('Weekly cost: In care: residential').inputValue(), '6100', 'what was typed is kept');
      assert.equal(await page.getByLabel('Annual inflation').inputValue(), 'three');
      await expectAccessible(page);

      await page.getByLabel('Weekly cost: Early help').fill('65.50');
      await page.getByLabel('Annual inflation').fill('2.5');
      await fillDate(page, 'priceBase', '2026-04-01');
      await submit(page, 'Save the unit costs');
      assert.equal(pathOf(page), '/forecast/costs');
      const text = await mainText(page);
      assert.match(text, /Unit costs saved/);
      assert.match(text, /Last changed on .* by Alex Brent/);
      assert.equal(await page.getByLabel('Weekly cost: In care: residential').inputValue(), '6100.00');
      await expectAccessible(page);
      const saved = await readUnitCosts(b.t.db);
      assert.equal(saved.weekly.care_residential, 6100);
      assert.equal(saved.weekly.early_help, 65.5);
      assert.equal(saved.annualInflationPercent, 2.5);

      // Two copies of the form open: the second save names a version that has moved on, so nothing is overwritten.
      const other = await anotherPage(page);
      await other.goto('/forecast/costs');
      await page.getByLabel('Weekly cost: Child in need').fill('135');
      await submit(page, 'Save the unit costs');
      await other.getByLabel('Weekly cost: Child in need').fill('999');
      await submit(other, 'Save the unit costs');
      assert.equal(await heading(other), 'This record was changed by someone else');
      assert.match(await mainText(other), /What you entered \(not saved\).*Child in need \(£ a week\) 999/);
      await expectAccessible(other);
      assert.equal((await readUnitCosts(b.t.db)).weekly.cin, 135);
    }));

  it('an analyst adds a scenario, corrects a change, edits it and deletes it', () =>
    b.journey(async (page) => {
      await page.goto('/forecast/scenarios');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Forecast scenarios');
      assert.match(await mainText(page), /No scenarios have been saved yet/);
      await expectAccessible(page);

      await submit(page, 'Add a scenario');
      assert.equal(await heading(page), 'Add a scenario');
      await expectAccessible(page);
      await page.getByLabel('Name').fill('Fewer residential entries');
      await page.locator('#kind1').selectOption('entries');
      await page.locator('#state1').selectOption('care_residential');
      await page.locator('#amount1').fill('-10');
      await page.locator('#kind2').selectOption('share');
      await page.locator('#state2').selectOption('care_residential');
      await page.locator('#destination2').selectOption('care_residential');
      await page.locator('#amount2').fill('5');
      await submit(page, 'Save the scenario');
      assert.match(await problems(page), /Change 2: Where the children go must be different from the state they leave/);
      assert.equal(await page.getByLabel('Name').inputValue(), 'Fewer residential entries', 'what was typed is kept');
      assert.equal(await page.locator('#amount1').inputValue(), '-10');
      await expectAccessible(page);
      await page.locator('#destination2').selectOption('care_fostering_in_house');
      await submit(page, 'Save the scenario');
      assert.equal(pathOf(page), '/forecast/scenarios');
      let text = await mainText(page);
      assert.match(text, /Scenario saved/);
      assert.match(text, /Fewer residential entries/);
      assert.match(text, /Entries into In care: residential: -10%/);
      assert.match(text, /Children leaving In care: residential who go to In care: in-house fostering: \+5 points/);
      await expectAccessible(page);

      await follow(page, 'Change Fewer residential entries');
      assert.equal(await heading(page), 'Change a scenario');
      await expectAccessible(page);
      await page.getByLabel('Name').fill('Residential: fewer in, more out');
      await page.locator('#amount1').fill('-15');
      await submit(page, 'Save the scenario');
      text = await mainText(page);
      assert.match(text, /Scenario changed/);
      assert.match(text, /Residential: fewer in, more out/);
      assert.match(text, /-15%/);

      await follow(page, 'Delete Residential: fewer in, more out');
      assert.equal(await heading(page), 'Delete the scenario “Residential: fewer in, more out”');
      await expectAccessible(page);
      await submit(page, 'Delete the scenario');
      text = await mainText(page);
      assert.match(text, /Scenario deleted/);
      assert.match(text, /No scenarios have been saved yet/);
      await expectAccessible(page);
    }));

  it('a board member is refused the settings', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      await signIn(page, BEA);
      for (const url of ['/forecast/costs', '/forecast/scenarios', '/forecast/scenarios/new']) {
        const response = await page.goto(url);
        assert.equal(response?.status(), 403, url);
        assert.match(await mainText(page), /Only analysts change unit costs and forecast scenarios/);
        await expectAccessible(page);
      }
    }));
});
