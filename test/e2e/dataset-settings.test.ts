import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { populationYear } from '../../src/domains/dataset/population.ts';
import { storedBenchmark } from '../../src/domains/dataset/benchmarks.ts';
import { INDICATORS } from '../../src/domains/dataset/indicators/index.ts';
import { suppressionThreshold } from '../../src/domains/dataset/settings.ts';
import { financialYearStart } from '../../src/platform/calendar/financial-year.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { anotherPage, type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ALEX = 'alex.brent@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const csvOf = (year: number, base: number) => ['year,age,count', ...Array.from({ length: 18 }, (_, age) => `${year},${age},${base + age}`)].join('\n');

describe('the partnership dataset’s inputs in a browser', () => {
  let b: BrowserApp;
  const thisYear = Number(ukToday().slice(0, 4));
  const fy = financialYearStart(ukToday());
  before(async () => {
    b = await startBrowserApp({ children: 5 });
  });
  after(() => b?.close());

  it('an analyst adds a year of estimates, corrects it, changes another, and imports a file after fixing its lines', () =>
    b.journey(async (page) => {
      await page.goto('/dataset/population');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Population estimates');
      assert.match(await mainText(page), new RegExp(`Rates for ${fy}/\\d{2} use the estimate for ${fy}`));
      await expectAccessible(page);

      await follow(page, `${thisYear - 1} by single year of age`);
      assert.equal(await heading(page), `Population estimates for ${thisYear - 1}`);
      assert.match(await mainText(page), /Aged under 1 \d/);
      await expectAccessible(page);
      await page.goBack();

      await submit(page, 'Add a year');
      assert.equal(await heading(page), 'Add a year’s population estimates');
      await expectAccessible(page);
      await page.getByLabel('Year', { exact: true }).fill(String(thisYear));
      for (let age = 0; age < 18; age++) await page.locator(`#age${age}`).fill(String(1500 + age));
      await page.locator('#age4').fill('many');
      await page.getByLabel('Where the figures come from').fill('ONS mid-year estimate');
      await submit(page, 'Save the estimates');
      const summary = await problems(page);
      assert.match(summary, /The number of children aged 4 must be a whole number, like 2450/);
      assert.equal(await page.locator('#age4').inputValue(), 'many', 'what was typed is kept');
      await expectAccessible(page);
      await page.locator('#age4').fill('1504');
      await submit(page, 'Save the estimates');
      assert.match(await problems(page), new RegExp(`There are already estimates for ${thisYear}`));
      await page.getByLabel('Year', { exact: true }).fill('2003');
      await submit(page, 'Save the estimates');
      assert.equal(pathOf(page), '/dataset/population');
      assert.match(await mainText(page), /Estimates for 2003 added/);
      assert.equal((await populationYear(b.t.db, 2003))!.counts[4], 1504);

      await follow(page, 'Change the estimates for 2003');
      assert.equal(await heading(page), 'Change the population estimates for 2003');
      await expectAccessible(page);
      await page.locator('#age0').fill('1600');
      await submit(page, 'Save the estimates');
      assert.match(await mainText(page), /Estimates for 2003 saved/);
      assert.equal((await populationYear(b.t.db, 2003))!.counts[0], 1600);

      await submit(page, 'Import from a CSV file');
      assert.equal(await heading(page), 'Import population estimates');
      await expectAccessible(page);
      await page.getByLabel('Or paste the figures').fill(csvOf(2004, 100).replace('2004,3,103', '2004,3,a hundred'));
      await submit(page, 'Import the estimates');
      assert.match(await problems(page), /Line 5: the count “a hundred” must be a whole number of children, 0 or more/);
      await expectAccessible(page);
      assert.equal(await populationYear(b.t.db, 2004), null, 'nothing imported');

      await page.getByLabel('Or paste the figures').fill('');
      await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'estimates.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csvOf(2004, 100)}\n${csvOf(2003, 200).split('\n').slice(1).join('\n')}`) });
      await submit(page, 'Import the estimates');
      assert.equal(await heading(page), 'Population estimates imported');
      const text = await mainText(page);
      assert.match(text, /2003 Replaced 27,253 3,753/);
      assert.match(text, /2004 Added None held 1,953/);
      await expectAccessible(page);
    }));

  it('an analyst sets a target and comparators, and the suppression threshold, and a stale copy is refused', () =>
    b.journey(async (page) => {
      await page.goto('/dataset/targets');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Targets and comparators');
      assert.match(await mainText(page), new RegExp(`Targets and comparators for ${fy}/`));
      await expectAccessible(page);

      const indicator = INDICATORS[0]!;
      await follow(page, `Change the target and comparators for ${indicator.title}`);
      assert.match(await heading(page), /target and comparators/);
      await expectAccessible(page);
      await page.getByLabel('Target', { exact: true }).fill('ten');
      await page.getByLabel('England').fill('42.5');
      await submit(page, 'Save the target and comparators');
      assert.match(await problems(page), /The target must be a number, like 74 or 53.4/);
      assert.equal(await page.getByLabel('England').inputValue(), '42.5');
      await expectAccessible(page);
      await page.getByLabel('Target', { exact: true }).fill('10');
      await page.getByLabel('Note (optional)').fill('Agreed by the board in May');
      await submit(page, 'Save the target and comparators');
      assert.equal(pathOf(page), '/dataset/targets');
      assert.match(await mainText(page), /Target and comparators for .* saved/);
      assert.match(await mainText(page), /Agreed by the board in May/);
      assert.equal((await storedBenchmark(b.t.db, indicator.id, fy)).target, 10);

      await page.goto('/dataset/settings');
      assert.equal(await heading(page), 'Suppression threshold');
      await expectAccessible(page);
      const other = await anotherPage(page);
      await other.goto('/dataset/settings');
      await page.getByLabel('Suppression threshold').fill('25');
      await submit(page, 'Save the threshold');
      assert.match(await problems(page), /between 0 and 20/);
      await expectAccessible(page);
      await page.getByLabel('Suppression threshold').fill('7');
      await submit(page, 'Save the threshold');
      assert.match(await mainText(page), /Suppression threshold saved/);
      assert.match(await mainText(page), /now in force \(7\)/);
      assert.equal(await suppressionThreshold(b.t.db), 7);

      await other.getByLabel('Suppression threshold').fill('3');
      await submit(other, 'Save the threshold');
      assert.equal(await heading(other), 'This record was changed by someone else');
      assert.match(await mainText(other), /What you entered \(not saved\).*Suppression threshold 3/);
      await expectAccessible(other);
      assert.equal(await suppressionThreshold(b.t.db), 7);
    }));

  it('a board member reads the estimates and targets but is refused every change', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      await signIn(page, BEA);
      await page.goto('/dataset/population');
      assert.equal(await heading(page), 'Population estimates');
      assert.doesNotMatch(await mainText(page), /Add a year/);
      await expectAccessible(page);
      await page.goto(`/dataset/targets?year=${fy - 1}`);
      assert.match(await mainText(page), new RegExp(`Targets and comparators for ${fy - 1}/`));
      await expectAccessible(page);
      for (const url of ['/dataset/settings', '/dataset/population/new', '/dataset/population/import', `/dataset/targets/${INDICATORS[0]!.id}/${fy}/edit`]) {
        const response = await page.goto(url);
        assert.equal(response?.status(), 403, url);
        assert.match(await mainText(page), /Only analysts change population estimates, targets and the suppression threshold/);
        await expectAccessible(page);
      }
    }));
});
