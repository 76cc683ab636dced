import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const OWEN = 'owen.pryce@cairn.example';
const BEA = 'bea.tollard@cairn.example';

describe('a practice review in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    await insertTestPerson(b.t.db, { givenName: 'Juniper', familyName: 'Fairweather', dateOfBirth: '2022-08-17' });
  });
  after(() => b?.close());

  it('the chair refers a case, records the notification, rapid review, decision and review, agrees an action and completes it, and issues a briefing', () =>
    b.journey(async (page) => {
      await page.goto('/practice-reviews');
      await signIn(page, OWEN);
      assert.equal(await heading(page), 'Practice reviews');
      await expectAccessible(page);

      await submit(page, 'Refer a case for review');
      assert.equal(await heading(page), 'Which children is the review about?');
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.match(await problems(page), /Choose the child or children the review is about/);
      await expectAccessible(page);
      await page.getByLabel('Name').fill('Fairweather');
      await submit(page, 'Search');
      await submit(page, 'Add Juniper Fairweather as a child the review is about');
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'About the serious incident');
      await expectAccessible(page);
      await page.getByLabel('Review name').fill('Child J');
      await page.getByLabel('Referring agency').selectOption({ label: 'Brackenshire Police' });
      await fillDate(page, 'incidentOn', addCalendarDays(ukToday(), -12));
      await fillDate(page, 'awareOn', addCalendarDays(ukToday(), -10));
      await submit(page, 'Refer the case');
      assert.match(await problems(page), /Enter briefly what happened/);
      await expectAccessible(page);
      await page.getByLabel('What happened').fill('A three-year-old was admitted with burns; neglect is suspected.');
      await submit(page, 'Refer the case');
      assert.match(pathOf(page), /^\/practice-reviews\/[0-9a-f-]{36}$/);
      const reviewUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Child J/);
      assert.match(text, /Juniper Fairweather/);
      assert.match(text, /Awaiting rapid review/);
      await expectAccessible(page);

      await submit(page, 'Record the national panel notification');
      assert.equal(await heading(page), 'Notification to the national panel');
      await expectAccessible(page);
      await fillDate(page, 'notifiedOn', addCalendarDays(ukToday(), -8));
      await submit(page, 'Save the notification');
      assert.equal(pathOf(page), reviewUrl);

      await submit(page, 'Record the rapid review');
      await expectAccessible(page);
      await fillDate(page, 'heldOn', addCalendarDays(ukToday(), -2));
      await page.getByLabel('Brackenshire Police').check();
      await page.getByLabel('Brackenshire Community Health NHS Trust').check();
      await page.getByLabel('Local child safeguarding practice review').check();
      await submit(page, 'Save the rapid review');
      assert.equal(pathOf(page), reviewUrl);

      await submit(page, 'Record the decision');
      await expectAccessible(page);
      await page.getByLabel('Rationale').fill('Several agencies saw the burns risk; there is learning for all of them.');
      await submit(page, 'Save the decision');
      assert.match(await mainText(page), /Review under way/);

      await submit(page, 'Update the review and report');
      await expectAccessible(page);
      await page.locator('#reviewer1Name').fill('Dr Ottilie Brand');
      await page.locator('#reviewer1Independent').check();
      await fillDate(page, 'termsAgreedOn', ukToday());
      await submit(page, 'Save');
      assert.match(await mainText(page), /Dr Ottilie Brand \(independent\)/);

      await submit(page, 'Add a recommendation');
      await expectAccessible(page);
      await page.getByLabel('Recommendation').fill('Health visitors should check home safety when a child under five is seen with a burn.');
      await submit(page, 'Add the recommendation');
      await follow(page, /^Add an action/);
      assert.equal(await heading(page), 'Add an action');
      await expectAccessible(page);
      await page.getByLabel('The action').fill('Add home safety checks to the health visiting burns pathway');
      await page.getByLabel('Agency that owns it').selectOption({ label: 'Brackenshire Community Health NHS Trust' });
      await page.getByLabel('Owner').fill('Named Nurse for Safeguarding');
      await fillDate(page, 'dueOn', addCalendarDays(ukToday(), 60));
      await page.getByLabel('Amber: some risk to delivery').check();
      await submit(page, 'Add the action');
      assert.equal(pathOf(page), reviewUrl);
      text = await mainText(page);
      assert.match(text, /Add home safety checks/);
      assert.match(text, /Amber/);
      await expectAccessible(page);

      await follow(page, 'Add home safety checks to the health visiting burns pathway');
      assert.equal(await heading(page), 'Practice review action');
      await expectAccessible(page);
      await submit(page, 'Update progress');
      await expectAccessible(page);
      await page.getByLabel('Complete').check();
      await page.getByLabel('Progress update').fill('Pathway changed and briefed to the team.');
      await fillDate(page, 'completedOn', ukToday());
      await submit(page, 'Save the update');
      assert.match(await problems(page), /Enter the evidence that the action is complete/);
      await expectAccessible(page);
      await page.getByLabel('Evidence of completion').fill('Revised pathway v2.1 signed off by the safeguarding committee.');
      await submit(page, 'Save the update');
      text = await mainText(page);
      assert.match(text, /Complete/);
      assert.match(text, /Pathway changed and briefed to the team/);

      await page.goto('/practice-reviews/briefings');
      assert.equal(await heading(page), 'Learning briefings');
      await expectAccessible(page);
      await submit(page, 'Issue a learning briefing');
      await expectAccessible(page);
      await page.getByLabel('Title').fill('Burns in young children');
      await page.getByLabel(/Child J/).check();
      await page.getByLabel('Audience').fill('Health visitors, GPs and early years settings');
      await page.getByLabel('Key messages').fill('A burn on a child under five is a safeguarding question until shown otherwise.');
      await submit(page, 'Issue the briefing');
      assert.equal(await heading(page), 'Burns in young children');
      await expectAccessible(page);

      await page.goto('/practice-reviews/figures');
      assert.match(await mainText(page), /Reviews by year and decision/);
      await expectAccessible(page);
      await page.goto('/practice-reviews');
      assert.match(await mainText(page), /Child J/);

      // The report is published and every action complete, so the chair closes the review.
      await page.goto(reviewUrl);
      await submit(page, 'Update the review and report');
      await fillDate(page, 'reportReceivedOn', ukToday());
      await fillDate(page, 'publishedOn', ukToday());
      await submit(page, 'Save');
      await submit(page, 'Close the review');
      assert.equal(await heading(page), 'Close the review');
      await submit(page, 'Close the review');
      assert.match(await problems(page), /Enter what the review achieved/);
      await expectAccessible(page);
      await page.getByLabel('What the review achieved').fill('Burns pathway revised and briefed across the partnership.');
      await submit(page, 'Close the review');
      assert.match(await mainText(page), /Closed on .*Burns pathway revised/);
      await expectAccessible(page);
    }));

  it('a board member follows the action tracker and briefings without seeing any child', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      await signIn(page, BEA);
      await follow(page, 'Practice reviews');
      assert.equal(await heading(page), 'Practice review actions');
      await expectAccessible(page);
      await page.getByLabel('Actions').selectOption('all');
      await submit(page, 'Show actions');
      const text = await mainText(page);
      assert.match(text, /Child J/);
      assert.doesNotMatch(text, /Juniper|Fairweather/);
      await follow(page, 'Learning briefings');
      assert.match(await mainText(page), /Burns in young children/);
      await expectAccessible(page);
    }));
});
