import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { QUALITY_OF_CARE } from '../../src/db/migrations/0031_practice_tools.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const TESS = 'tess.marlow@cairn.example';
const SAM = 'sam.rowe@cairn.example';

/** Every Quality of Care item given the same score. */
async function scoreEvery(page: Page, score: number) {
  for (const d of QUALITY_OF_CARE.domains) for (const i of d.items) await page.locator(`#score-${i.id}`).fill(String(score));
}

describe('practice tools in a browser', () => {
  let b: BrowserApp;
  let child = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    child = await insertTestPerson(b.t.db, { givenName: 'Marigold', familyName: 'Thistlewood', dateOfBirth: '2020-05-14' });
  });
  after(() => b?.close());

  it('the business manager looks at the default tools and creates a tool of her own', () =>
    b.journey(async (page) => {
      await page.goto('/practice-tools');
      await signIn(page, TESS);
      assert.equal(await heading(page), 'Practice tools');
      await expectAccessible(page);

      await follow(page, 'Quality of Care (neglect)');
      assert.equal(await heading(page), 'Quality of Care (neglect)');
      assert.match(await mainText(page), /Good enough care/);
      await expectAccessible(page);
      await page.goBack();

      await submit(page, 'Create a tool');
      assert.equal(await heading(page), 'Create a practice tool');
      await expectAccessible(page);
      await page.getByLabel('Name', { exact: true }).fill('School readiness check');
      await page.getByLabel('What it is for').fill('Whether a young child is ready to start school.');
      await page.getByLabel('Highest score').fill('4');
      await page.getByLabel('A higher score is better').check();
      await page.getByLabel('Domains and their items').fill('Self-care\n- Dressing\n- Toileting\nTalking and listening');
      await page.locator('#domainRule').check();
      await page.locator('#overallRule').check();
      await page.locator('#band1Label').fill('Needs support');
      await page.locator('#band1Min').fill('3');
      await page.locator('#band1Max').fill('6');
      await page.locator('#band2Label').fill('Ready');
      await page.locator('#band2Min').fill('8');
      await page.locator('#band2Max').fill('12');
      await submit(page, 'Save as a draft');
      assert.match(await problems(page), /Scores from 7 to 7 fall between “Needs support” and “Ready”/);
      assert.equal(await page.locator('#name').inputValue(), 'School readiness check', 'what was typed is kept');
      await expectAccessible(page);
      await page.locator('#band2Min').fill('7');
      await submit(page, 'Save as a draft');
      assert.equal(await heading(page), 'School readiness check');
      assert.match(await mainText(page), /Draft/);
      await expectAccessible(page);
      await submit(page, 'Publish version 1');
      assert.match(await mainText(page), /In use since/);
    }));

  it('a practitioner scores a child twice and sees the trend as a chart and a table', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child}`);
      await signIn(page, SAM);
      await follow(page, 'Practice tools');
      assert.equal(await heading(page), 'Practice tools');
      await expectAccessible(page);

      await follow(page, 'Score Quality of Care (neglect)');
      assert.equal(await heading(page), 'Score Quality of Care (neglect)');
      await expectAccessible(page);
      await scoreEvery(page, 4);
      const first = QUALITY_OF_CARE.domains[0]!.items[0]!.id;
      await page.locator(`#score-${first}`).fill('9');
      await page.getByLabel('Note on Physical care (optional)').fill('Cupboards bare at the visit.');
      await fillDate(page, 'scoredOn', addCalendarDays(ukToday(), -120));
      await submit(page, 'Save the scores');
      assert.match(await problems(page), /The score for Physical care: Food and drink must be a whole number from 1 to 5/);
      assert.equal(await page.locator(`#score-${first}`).inputValue(), '9', 'the score typed is kept');
      assert.equal(await page.getByLabel('Note on Physical care (optional)').inputValue(), 'Cupboards bare at the visit.');
      await expectAccessible(page);
      await page.locator(`#score-${first}`).fill('4');
      await submit(page, 'Save the scores');
      assert.match(pathOf(page), new RegExp(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}$`));
      assert.match(await mainText(page), /Scored once, 4\./);

      await submit(page, 'Score Marigold on this tool');
      await scoreEvery(page, 2);
      await fillDate(page, 'scoredOn', addCalendarDays(ukToday(), -1));
      await submit(page, 'Save the scores');
      const text = await mainText(page);
      assert.match(text, /Improved from 4 to 2 over (3|4) months \(lower is better; 2 scorings\)/);
      assert.match(text, /Distance travelled/);
      assert.equal(await page.getByRole('img', { name: /Quality of Care \(neglect\): overall score over time/ }).count(), 1, 'the chart is an image named by its title');
      assert.equal(await page.getByRole('table', { name: /Scores on Quality of Care \(neglect\)/ }).locator('tbody tr').count(), 2);
      await expectAccessible(page);

      await follow(page, new RegExp(`^${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${addCalendarDays(ukToday(), -120)}T12:00:00Z`))}$`));
      assert.match(await mainText(page), /Cupboards bare at the visit\./);
      await expectAccessible(page);
    }));
});
