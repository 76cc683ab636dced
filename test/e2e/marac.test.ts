import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const DANA = 'dana.okafor@cairn.example';

describe('a MARAC case in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    await insertTestPerson(b.t.db, { givenName: 'Perrin', familyName: 'Oakhurst', dateOfBirth: '1992-03-21', personType: 'adult' });
    await insertTestPerson(b.t.db, { givenName: 'Lowen', familyName: 'Oakhurst', dateOfBirth: '2017-08-12' });
  });
  after(() => b?.close());

  it('the coordinator refers a case, puts it on a meeting’s agenda, records the discussion and actions, closes it and sees the figures', () =>
    b.journey(async (page) => {
      await page.goto('/marac');
      await signIn(page, DANA);
      assert.equal(await heading(page), 'MARAC cases');
      await expectAccessible(page);

      await submit(page, 'Refer a case');
      assert.equal(await heading(page), 'Who is the referral about?');
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.match(await problems(page), /Choose the victim/);
      await page.getByLabel('Name').fill('Oakhurst');
      await submit(page, 'Search');
      await submit(page, 'Choose Perrin Oakhurst as the victim');
      await page.getByLabel('Name').fill('Oakhurst');
      await submit(page, 'Search');
      await submit(page, 'Add Lowen Oakhurst as a child in the household');
      await expectAccessible(page);
      await submit(page, 'Add someone new');
      await page.getByLabel('The alleged perpetrator').check();
      await page.getByLabel('Given name').fill('Darrow');
      await page.getByLabel('Family name').fill('Quennell');
      await fillDate(page, 'newDateOfBirth', '1988-12-02');
      await page.getByLabel('Male', { exact: true }).check();
      await expectAccessible(page);
      await submit(page, 'Add this person');
      assert.match(await mainText(page), /The alleged perpetrator \(optional\) Darrow Quennell/);
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'About the referral');
      await expectAccessible(page);
      await page.getByLabel('Referring agency').selectOption('idva');
      await page.getByLabel('DASH risk assessment score').check();
      await page.getByLabel('DASH score (0 to 27)').fill('29');
      await submit(page, 'Refer the case');
      assert.match(await problems(page), /Enter the name of the person who referred the case/);
      assert.match(await problems(page), /The DASH score must be a whole number from 0 to 27/);
      await expectAccessible(page);
      await page.getByLabel('Referrer’s name').fill('Hester Quayle');
      await page.getByLabel('DASH score (0 to 27)').fill('19');
      await submit(page, 'Refer the case');
      assert.match(pathOf(page), /^\/marac\/cases\/[0-9a-f-]{36}$/);
      const caseUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Perrin Oakhurst/);
      assert.match(text, /Darrow Quennell/);
      assert.match(text, /DASH score 19 of 27/);
      await expectAccessible(page);

      await page.goto('/marac');
      await follow(page, 'Meetings and agendas');
      assert.equal(await heading(page), 'MARAC meetings');
      await expectAccessible(page);
      await submit(page, 'Schedule the meeting');
      assert.match(await problems(page), /Enter the date of the meeting/);
      await expectAccessible(page);
      await fillDate(page, 'heldOn', ukToday());
      await submit(page, 'Schedule the meeting');
      assert.equal(await heading(page), 'MARAC meeting');
      await submit(page, 'Add Perrin Oakhurst to the agenda');
      await expectAccessible(page);
      await follow(page, 'Record the discussion about Perrin Oakhurst');
      assert.equal(await heading(page), 'Record the discussion');
      await expectAccessible(page);
      await page.getByLabel('Information shared').fill('The IDVA shared the victim’s account; police shared two call-outs this month.');
      await page.locator('#actionWhat0').fill('Apply for a non-molestation order');
      await page.locator('#actionOwner0').fill('Hester Quayle');
      await submit(page, 'Save the discussion');
      assert.match(await problems(page), /Select the agency that will do it/);
      assert.match(await problems(page), /Select whether the case closes or is carried/);
      await expectAccessible(page);
      await page.locator('#actionAgency0').selectOption('idva');
      await fillDate(page, 'actionDue0', addCalendarDays(ukToday(), 7));
      await page.getByLabel('Carried to the next meeting').check();
      await submit(page, 'Save the discussion');
      assert.equal(await heading(page), 'MARAC meeting');
      assert.match(await mainText(page), /Carried to the next meeting, 1 action/);

      await page.goto(caseUrl);
      text = await mainText(page);
      assert.match(text, /Apply for a non-molestation order/);
      await expectAccessible(page);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^Mark done/ }).click()]);
      assert.match(await mainText(page), /Done \d/);
      await submit(page, 'Close the case');
      assert.equal(await heading(page), 'Close the case');
      await expectAccessible(page);
      await submit(page, 'Close the case');
      assert.match(await problems(page), /Select why the case is closing/);
      await expectAccessible(page);
      await page.getByLabel('Actions complete: risk reduced').check();
      await submit(page, 'Close the case');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Closed on .*Actions complete: risk reduced/);

      await page.goto('/marac?status=closed');
      assert.match(await mainText(page), /Perrin Oakhurst/);
      await follow(page, 'Figures by year');
      assert.equal(await heading(page), 'MARAC figures');
      assert.match(await mainText(page), /Referrals by agency/);
      await expectAccessible(page);
    }));
});
