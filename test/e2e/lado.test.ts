import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addWorkingDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const LEE = 'lee.marsh@cairn.example';

describe('a LADO case in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    await insertTestPerson(b.t.db, { givenName: 'Corvin', familyName: 'Maddox', dateOfBirth: '1981-07-14', personType: 'adult' });
    await insertTestPerson(b.t.db, { givenName: 'Ebba', familyName: 'Maddox', dateOfBirth: '2015-02-03' });
  });
  after(() => b?.close());

  it('the LADO records a concern, decides it meets the threshold, holds a meeting, closes it and sees the figures', () =>
    b.journey(async (page) => {
      await page.goto('/lado');
      await signIn(page, LEE);
      assert.equal(await heading(page), 'LADO cases');
      await expectAccessible(page);

      await submit(page, 'Record a concern');
      assert.equal(await heading(page), 'Who is the concern about?');
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.match(await problems(page), /Choose the adult the concern is about/);
      await page.getByLabel('Name').fill('Maddox');
      await submit(page, 'Search');
      await submit(page, 'Choose Corvin Maddox as the adult');
      await page.getByLabel('Name').fill('Maddox');
      await submit(page, 'Search');
      await submit(page, 'Add Ebba Maddox as a child involved');
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'About the concern');
      await expectAccessible(page);
      await page.getByLabel('Role or job').fill('Swimming instructor');
      await page.getByLabel('Employer or organisation').fill('Brackenshire Leisure Centre');
      await page.getByLabel('Employing sector').selectOption('sport');
      await page.getByLabel('Referring agency').selectOption('other');
      await submit(page, 'Record the concern');
      assert.match(await problems(page), /Enter the name of the person who referred it/);
      await expectAccessible(page);
      await page.getByLabel('Referrer’s name').fill('Centre manager');
      await page.getByLabel('Physical').check();
      await page.getByLabel('What is alleged').fill('A parent saw the instructor push a child under the water.');
      await submit(page, 'Record the concern');
      assert.match(pathOf(page), /^\/lado\/[0-9a-f-]{36}$/);
      const caseUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Concern about Corvin Maddox/);
      assert.match(text, /Ebba Maddox/);
      assert.match(text, /Due .*(Due soon|On track)/);
      await expectAccessible(page);

      await submit(page, 'Change the concern’s details');
      assert.equal(await heading(page), 'Change the concern’s details');
      await expectAccessible(page);
      await page.getByLabel('Role or job').fill('Swimming teacher');
      await submit(page, 'Save changes');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Swimming teacher/);

      await submit(page, 'Record the initial consideration');
      await expectAccessible(page);
      await page.getByLabel('Threshold met: allegation management meeting').check();
      await page.getByLabel('Reasons').fill('Alleged physical harm to a child during a lesson.');
      await submit(page, 'Save the decision');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Decided in 0 working days In time/);

      await submit(page, 'Record agencies informed');
      await expectAccessible(page);
      await fillDate(page, 'policeInformedOn', ukToday());
      await submit(page, 'Save');
      assert.equal(pathOf(page), caseUrl);

      await submit(page, 'Record a meeting');
      await expectAccessible(page);
      await page.locator('#attendeeName0').fill('Lee Marsh');
      await submit(page, 'Save the meeting');
      assert.match(await problems(page), /Enter the attendee’s agency/);
      await expectAccessible(page);
      await page.locator('#attendeeAgency0').fill('LADO Service');
      await page.getByLabel('Discussion summary').fill('Police to interview the parent; employer suspends the instructor meanwhile.');
      await page.locator('#actionWhat0').fill('Police to interview the parent');
      await page.locator('#actionOwner0').fill('Police');
      await fillDate(page, 'actionDue0', addWorkingDays(ukToday(), 5));
      await submit(page, 'Save the meeting');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Police to interview the parent/);
      await expectAccessible(page);
      await follow(page, /^Mark done/);
      assert.equal(await heading(page), 'Mark an action done');
      await expectAccessible(page);
      await submit(page, 'Mark done');
      assert.match(await mainText(page), /Done \d/);

      await submit(page, 'Record the outcome and close');
      await expectAccessible(page);
      await page.getByLabel('Unsubstantiated').check();
      await page.getByLabel('Training').check();
      await submit(page, 'Close the case');
      assert.equal(pathOf(page), caseUrl);
      text = await mainText(page);
      assert.match(text, /Closed on .* Outcome: Unsubstantiated/);
      assert.match(text, /Case closed: Unsubstantiated \(Training\)/);

      await page.goto('/lado?status=closed');
      assert.match(await mainText(page), /Corvin Maddox/);
      await expectAccessible(page);
      await follow(page, 'Figures by year');
      assert.equal(await heading(page), 'LADO figures');
      assert.match(await mainText(page), /Referrals by employing sector/);
      await expectAccessible(page);
    }));
});
