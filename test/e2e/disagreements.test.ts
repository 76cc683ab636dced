import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addWorkingDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const PAT = 'pat.quinn@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';
const SOCIAL_CARE = "Brackenshire Children's Social Care";

describe('a professional disagreement in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    const child = await insertTestPerson(b.t.db, { givenName: 'Marisol', familyName: 'Quenby', dateOfBirth: '2015-09-12' });
    const school = (await b.t.db.selectFrom('agencies').select('id').where('kind', '=', 'education').executeTakeFirstOrThrow()).id;
    await b.t.db.insertInto('involvements').values({ person_id: child, agency_id: school, basis: 'consent', detail: 'e2e' }).execute();
  });
  after(() => b?.close());

  it('a school raises one with social care, social care responds, a manager escalates it to stage 2 and resolves it', () =>
    b.journey(async (page) => {
      await page.goto('/disagreements');
      await signIn(page, PAT);
      assert.equal(await heading(page), 'Professional disagreements');
      await expectAccessible(page);

      await submit(page, 'Raise a disagreement');
      assert.equal(await heading(page), 'Raise a professional disagreement');
      await expectAccessible(page);
      await submit(page, 'Raise the disagreement');
      assert.match(await problems(page), /Select the agency whose decision you disagree with/);
      await expectAccessible(page);
      await page.getByLabel('Whose decision do you disagree with?').selectOption({ label: SOCIAL_CARE });
      await page.getByLabel('The decision you disagree with').fill('Contact about bruising closed with advice to the school.');
      await page.getByLabel('Why you disagree').fill('Third bruise this term; Marisol says it happened at home.');
      await page.getByLabel('The outcome you want').fill('A strategy discussion.');
      await page.getByLabel('Name', { exact: true }).fill('Quenby');
      await submit(page, 'Search');
      assert.match(await mainText(page), /1 child found/);
      await expectAccessible(page);
      await submit(page, 'Link Marisol Quenby to this disagreement');
      assert.equal(await page.getByLabel('The outcome you want').inputValue(), 'A strategy discussion.', 'what was typed is kept');
      await submit(page, 'Raise the disagreement');
      assert.match(pathOf(page), /^\/disagreements\/[0-9a-f-]{36}$/);
      const url = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Stage 1: practitioner to practitioner/);
      assert.match(text, /Response due .*(Due soon|On track)/);
      assert.match(text, /Marisol Quenby/);
      await expectAccessible(page);

      await page.context().clearCookies();
      await page.goto(url);
      await signIn(page, SAM);
      await submit(page, 'Record a response');
      assert.equal(await heading(page), 'Record a response');
      await expectAccessible(page);
      await page.getByLabel('What was said').fill('The assessment found the bruise was from football; no strategy discussion.');
      await submit(page, 'Save the response');
      assert.equal(pathOf(page), url);
      assert.match(await mainText(page), /Answered .* In time/);

      await page.context().clearCookies();
      await page.goto(url);
      await signIn(page, MORGAN);
      await submit(page, 'Escalate to stage 2');
      assert.equal(await heading(page), 'Escalate to the next stage');
      await expectAccessible(page);
      await page.getByLabel('Why it is escalated').fill('The school still disagrees: managers to talk today.');
      await submit(page, 'Escalate');
      assert.equal(pathOf(page), url);
      assert.match(await mainText(page), /Stage 2: line managers/);
      await expectAccessible(page);

      await submit(page, 'Record the resolution');
      await expectAccessible(page);
      await submit(page, 'Record the resolution');
      assert.match(await problems(page), /Select how the disagreement was resolved/);
      await expectAccessible(page);
      await page.getByLabel('The decision was changed').check();
      await page.getByLabel('Summary of the resolution').fill('Managers agreed a strategy discussion tomorrow.');
      await submit(page, 'Record the resolution');
      assert.equal(pathOf(page), url);
      text = await mainText(page);
      assert.match(text, /Resolved on .* at stage 2, 0 working days after it was raised\. The decision was changed\./);
      assert.match(text, /escalated to stage 2/);

      await page.goto('/disagreements?view=agency&status=closed');
      assert.match(await mainText(page), /Contact about bruising closed/);
      await expectAccessible(page);
      await follow(page, 'Figures by year');
      assert.equal(await heading(page), 'Professional disagreement figures');
      assert.match(await mainText(page), /Highest stage reached/);
      await expectAccessible(page);
    }));

  it('the school withdraws one after a wrong date is refused', () =>
    b.journey(async (page) => {
      await page.goto('/disagreements/new');
      await signIn(page, PAT);
      await page.getByLabel('Whose decision do you disagree with?').selectOption({ label: SOCIAL_CARE });
      await page.getByLabel('The decision you disagree with').fill('No reply to our request for a meeting.');
      await fillDate(page, 'decisionOn', addWorkingDays(ukToday(), 3));
      await page.getByLabel('Why you disagree').fill('We asked twice.');
      await page.getByLabel('The outcome you want').fill('A meeting.');
      await submit(page, 'Raise the disagreement');
      assert.match(await problems(page), /The date of the decision must be today or in the past/);
      await expectAccessible(page);
      await fillDate(page, 'decisionOn', ukToday());
      await submit(page, 'Raise the disagreement');
      const url = pathOf(page);
      await submit(page, 'Withdraw');
      assert.equal(await heading(page), 'Withdraw the disagreement');
      await expectAccessible(page);
      await fillDate(page, 'occurredOn', ['31', '2', '2026']);
      await page.getByLabel('Why it is withdrawn').fill('A meeting has been booked.');
      await submit(page, 'Withdraw');
      assert.match(await problems(page), /real date|must be a real date|Enter a real/i);
      assert.equal(await page.getByLabel('Why it is withdrawn').inputValue(), 'A meeting has been booked.');
      await expectAccessible(page);
      await fillDate(page, 'occurredOn', ukToday());
      await submit(page, 'Withdraw');
      assert.equal(pathOf(page), url);
      assert.match(await mainText(page), /Withdrawn on/);
    }));
});
