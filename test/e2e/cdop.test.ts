import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const RUTH = 'ruth.amesbury@cairn.example';

describe('a child death review in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    await insertTestPerson(b.t.db, { givenName: 'Wilf', familyName: 'Ashcombe', dateOfBirth: addCalendarDays(ukToday(), -150) });
  });
  after(() => b?.close());

  it('the CDOP manager notifies a death, asks an agency, records its reply, completes the review and sees the figures', () =>
    b.journey(async (page) => {
      await page.goto('/cdop');
      await signIn(page, RUTH);
      assert.equal(await heading(page), 'Child deaths');
      await expectAccessible(page);

      await submit(page, 'Notify a child’s death');
      assert.equal(await heading(page), 'Which child has died?');
      await expectAccessible(page);
      await page.getByLabel('Name').fill('Ashcombe');
      await submit(page, 'Search');
      await submit(page, 'Choose Wilf Ashcombe as the child who died');
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'About the death');
      await expectAccessible(page);

      // Bad input: nothing filled in but the date notified.
      await page.getByLabel('Time of death (optional)').fill('half past');
      await submit(page, 'Record the notification');
      const shown = await problems(page);
      assert.match(shown, /Enter the date the child died/);
      assert.match(shown, /Select where the child died/);
      assert.match(shown, /Enter the time of death as a real time/);
      await expectAccessible(page);

      await fillDate(page, 'diedOn', addCalendarDays(ukToday(), -3));
      await page.getByLabel('Time of death (optional)').fill('05:50');
      await page.getByLabel('Home (the child’s usual residence or another home)').check();
      await page.getByLabel('Unexpected', { exact: true }).check();
      await page.getByLabel('A joint agency response was held').check();
      await page.getByLabel('What is known').fill('Found unresponsive in his cot early in the morning.');
      await page.getByLabel('Notifying agency').selectOption('ambulance');
      await page.getByLabel('Notified by').fill('Paramedic crew lead');
      await submit(page, 'Record the notification');
      assert.match(pathOf(page), /^\/cdop\/[0-9a-f-]{36}$/);
      const caseUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Death of Wilf Ashcombe/);
      assert.match(text, /Gathering information/);
      assert.match(text, /at 05:50, aged 0/);
      await expectAccessible(page);

      await submit(page, 'Request information from an agency');
      assert.equal(await heading(page), 'Request information from an agency');
      await expectAccessible(page);
      await page.getByLabel('Agency', { exact: true }).selectOption('police');
      await page.getByLabel('Who was asked (optional)').fill('Child abuse investigation team');
      await submit(page, 'Save the request');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /1 of 1 still to reply/);

      await follow(page, /^Record the reply/);
      assert.equal(await heading(page), 'Record an agency’s reply');
      await expectAccessible(page);
      await page.getByLabel('Summary of what they hold').fill('Attended the home with the ambulance; no previous police involvement with the family.');
      await submit(page, 'Save the reply');
      assert.equal(pathOf(page), caseUrl);
      text = await mainText(page);
      assert.match(text, /Every agency has replied/);
      assert.match(text, /Awaiting panel review/);
      await expectAccessible(page);

      await submit(page, 'Record the panel’s review');
      assert.equal(await heading(page), 'Record the panel’s review');
      await expectAccessible(page);
      await page.getByLabel('Sudden unexpected, unexplained death').check();
      await page.getByLabel('Yes: modifiable factors identified').check();
      await page.getByLabel('Parenting capacity').check();
      await page.getByLabel('The modifiable factors (only if identified)').fill('Baby placed to sleep on his front.');
      await page.getByLabel('Learning').fill('Safer sleep advice repeated at every health visitor contact.');
      await page.getByLabel('Yes', { exact: true }).check();
      await submit(page, 'Complete the review');
      assert.equal(pathOf(page), caseUrl);
      text = await mainText(page);
      assert.match(text, /Reviewed by the panel on/);
      assert.match(text, /Reviewed by the panel: Sudden unexpected, unexplained death; yes: modifiable factors identified/);
      await expectAccessible(page);

      await page.goto('/cdop?status=reviewed');
      assert.match(await mainText(page), /Wilf Ashcombe/);
      await expectAccessible(page);
      await follow(page, 'Figures by year');
      assert.equal(await heading(page), 'Child death figures');
      assert.match(await mainText(page), /Reviews completed by category of death/);
      await expectAccessible(page);
    }));
});
