import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const PAT = 'pat.quinn@cairn.example';
const TESS = 'tess.marlow@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const CURRENT = `Section 11 self-assessment ${ukToday().slice(0, 4)}`;

describe('Section 11 self-assessment in a browser', () => {
  let b: BrowserApp;
  let lastRoundTitle = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    lastRoundTitle = (await b.t.db.selectFrom('section11_rounds').select('title').orderBy('opens_on').executeTakeFirstOrThrow()).title;
  });
  after(() => b?.close());

  it('a school partner completes and submits the school’s overdue return', () =>
    b.journey(async (page) => {
      await page.goto('/section-11');
      await signIn(page, PAT);
      assert.equal(await heading(page), 'Section 11 self-assessment');
      assert.match(await mainText(page), /Overdue/);
      await expectAccessible(page);

      await follow(page, CURRENT);
      assert.equal(await heading(page), 'Fernhollow Academy: Section 11 return');
      await expectAccessible(page);
      for (let n = 1; n <= 9; n++) {
        await page.locator(`input[name="rating-${n}"][value="met"]`).check();
        await page.locator(`#evidence-${n}`).fill(`Our evidence for standard ${n}: policy and audit.`);
      }
      await page.locator('input[name="rating-5"][value="partly_met"]').check();
      await submit(page, 'Submit the return');
      assert.match(await problems(page), /Enter the improvement action for standard 5/);
      assert.equal(await page.locator('#evidence-3').inputValue(), 'Our evidence for standard 3: policy and audit.', 'what was typed is kept');
      await expectAccessible(page);

      await page.locator('#action-5').fill('Train the remaining lunchtime staff.');
      await fillDate(page, 'due5', addCalendarDays(ukToday(), 60));
      await submit(page, 'Save as draft');
      assert.match(await mainText(page), /saved as a draft/);
      await submit(page, 'Submit the return');
      const text = await mainText(page);
      assert.match(text, /Submitted .* by Pat Quinn\. It is read-only now/);
      assert.match(text, /Train the remaining lunchtime staff/);
      assert.equal(await page.getByRole('button', { name: 'Submit the return' }).count(), 0);
      await expectAccessible(page);
    }));

  it('the business manager follows the round, reads a return against last round, records challenge notes and sees the summary', () =>
    b.journey(async (page) => {
      await page.goto('/section-11');
      await signIn(page, TESS);
      await expectAccessible(page);
      await follow(page, CURRENT);
      assert.equal(await heading(page), CURRENT);
      const roundPath = pathOf(page);
      assert.match(await mainText(page), /Fernhollow Academy Submitted/);
      await expectAccessible(page);

      await follow(page, 'Brackenshire Police');
      assert.match(await mainText(page), /Services are shaped by the views of children and families Partly met Not met Improved/);
      await expectAccessible(page);
      await follow(page, 'Record challenge day notes');
      assert.equal(await heading(page), 'Challenge day notes');
      await expectAccessible(page);
      await page.getByLabel('The agency’s answer (optional)').fill('Custody feedback now goes to the quarterly review.');
      await submit(page, 'Save the notes');
      assert.match(await problems(page), /Enter what was challenged/);
      await expectAccessible(page);
      await page.getByLabel('What was challenged').fill('Standard 7: attendance at core groups has fallen.');
      await page.getByLabel('Agreed actions (optional)').fill('A named officer for each core group from April.');
      await submit(page, 'Save the notes');
      assert.match(await mainText(page), /What was challenged Standard 7: attendance at core groups has fallen\./);

      await page.goto(roundPath);
      await follow(page, 'Brackenshire Early Help');
      await follow(page, 'Agree a later due date for this agency');
      assert.equal(await heading(page), 'Agree a later due date');
      await expectAccessible(page);
      await fillDate(page, 'extendedTo', addCalendarDays(ukToday(), 10));
      await submit(page, 'Agree the new date');
      assert.match(await mainText(page), /a later date agreed/);

      await page.goto('/section-11');
      await follow(page, `Summary of ${CURRENT}`);
      assert.equal(await heading(page), `Partnership summary: ${CURRENT}`);
      assert.match(await mainText(page), /4 of 6 agencies have submitted/);
      assert.equal(await page.locator('svg[role="img"]').count(), 1);
      await expectAccessible(page);

      await page.goto('/section-11/standards');
      assert.match(await mainText(page), /9\. Neglect is recognised and addressed/);
      await expectAccessible(page);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add a standard' }).click()]);
      assert.equal(await heading(page), 'Add a standard');
      await expectAccessible(page);
      await page.goto('/section-11/rounds/new');
      assert.equal(await heading(page), 'Open a Section 11 round');
      await expectAccessible(page);
      assert.equal(pathOf(page), '/section-11/rounds/new');
    }));

  it('a board member reads the partnership summary of the last round', () =>
    b.journey(async (page) => {
      await page.goto('/section-11');
      await signIn(page, BEA);
      assert.match(await mainText(page), /Rounds/);
      await expectAccessible(page);
      await follow(page, `Summary of ${lastRoundTitle}`);
      const text = await mainText(page);
      assert.match(text, /6 of 6 agencies have submitted their return\./);
      assert.match(text, /Of 54 ratings, [\d.]+% were not met, [\d.]+% partly met, [\d.]+% met and [\d.]+% not answered/);
      assert.equal(await page.locator('svg[role="img"]').count(), 1);
      await expectAccessible(page);
      await follow(page, 'Brackenshire Family Support Trust');
      assert.match(await mainText(page), /fewer than half of volunteers/);
      await expectAccessible(page);
    }));
});
