import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { financialYearStart } from '../../src/platform/calendar/financial-year.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { anotherPage, type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ALEX = 'alex.brent@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const YEAR = financialYearStart(ukToday()) - 1;
const NAME = `${YEAR}/${String((YEAR + 1) % 100).padStart(2, '0')}`;

describe('the annual report in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 5 });
  });
  after(() => b?.close());

  it('an analyst chooses a year, reads the report, and writes a section’s commentary past a mistake and a colleague’s change', () =>
    b.journey(async (page) => {
      await page.goto('/reports/annual');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Annual reports');
      await expectAccessible(page);

      await follow(page, NAME);
      assert.equal(pathOf(page), `/reports/annual/${YEAR}`);
      assert.equal(await heading(page), `Annual report ${NAME}`);
      const text = await mainText(page);
      assert.match(text, /Early help assessments were started by a wider range of agencies/, 'the demo’s commentary');
      assert.match(text, /Commentary to be written by the board/);
      assert.match(text, /No data recorded for this in Cairn/);
      await expectAccessible(page);

      await follow(page, 'Write the commentary on children missing from home and care');
      assert.equal(await heading(page), 'Commentary: Children missing from home and care');
      await expectAccessible(page);
      await page.getByLabel(/The board’s commentary/).fill('x'.repeat(10_001));
      await submit(page, 'Save the commentary');
      assert.match(await problems(page), /The commentary must be 10,000 characters or fewer/);
      await expectAccessible(page);

      // A colleague saves first, in another tab; this save is then refused with the words kept.
      const other = await anotherPage(page);
      await other.goto(page.url());
      await other.getByLabel(/The board’s commentary/).fill('A colleague’s words.');
      await submit(other, 'Save the commentary');
      assert.match(await mainText(other), /A colleague’s words\./);
      await other.close();

      await page.getByLabel(/The board’s commentary/).fill('Missing episodes rose in the summer.\n\nThe board will ask why.');
      await submit(page, 'Save the commentary');
      assert.match(await mainText(page), /Missing episodes rose in the summer\./);
      await expectAccessible(page);
      await follow(page, 'Look at the commentary as it is now');
      assert.match(await page.getByLabel(/The board’s commentary/).inputValue(), /A colleague’s words\./);
      await page.getByLabel(/The board’s commentary/).fill('Missing episodes rose in the summer.\n\nThe board will ask why.');
      await submit(page, 'Save the commentary');
      assert.equal(pathOf(page), `/reports/annual/${YEAR}`);
      assert.match(await mainText(page), /Commentary saved/);
      assert.equal(await page.locator('#missing ~ .cairn-commentary p').count(), 2, 'two paragraphs');
    }));

  it('a board member reads the report but is offered no commentary to write', () =>
    b.journey(async (page) => {
      await page.goto(`/reports/annual/${YEAR}`);
      await signIn(page, BEA);
      assert.equal(await heading(page), `Annual report ${NAME}`);
      assert.equal(await page.getByRole('link', { name: /commentary on/ }).count(), 0);
      assert.ok(await page.getByRole('link', { name: 'Download the report as a PDF' }).isVisible());
      // This year so far: Section 11, training and board attendance, each chart beside its table.
      await page.goto(`/reports/annual/${YEAR + 1}`);
      assert.match(await mainText(page), /Section 11 ratings by standard/);
      await expectAccessible(page);
    }));
});
