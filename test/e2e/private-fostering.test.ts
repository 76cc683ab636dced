import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, startBrowserApp, fillDate, heading, mainText, pathOf, problems, signIn, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';

describe('private fostering in a browser', () => {
  let b: BrowserApp;
  let child: string;
  let arrangementUrl = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    child = await insertTestPerson(b.t.db, { givenName: 'Perpetua', familyName: 'Lindqvist', postcode: 'ZZ99 6PF', dateOfBirth: addMonths(ukToday(), -(11 * 12 + 4)) });
  });
  after(() => b?.close());

  it('a social worker finds the child, records a notification, a visit, the carer checks and the decision, then ends it', () =>
    b.journey(async (page) => {
      await page.goto('/private-fostering/new');
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Record a private fostering notification');
      await expectAccessible(page);
      await page.getByLabel('Child’s name').fill('Perpetua Lindqvist');
      await submit(page, 'Search');
      await expectAccessible(page);
      await page.getByRole('link', { name: /Perpetua Lindqvist/ }).click();
      assert.equal(pathOf(page), `/people/${child}/private-fostering/new`);
      await expectAccessible(page);

      await page.getByLabel('A school').check();
      await fillDate(page, 'startDate', addCalendarDays(ukToday(), -2));
      await page.getByLabel('Carer’s name, if not in the list').fill('Ingrid Vasquez-Hale');
      await page.getByLabel('Carer’s relationship to the child', { exact: true }).selectOption({ label: 'Aunt or uncle' });
      await page.getByLabel('Parents: who they are and where they are').fill('Father overseas on contract; mother in hospital.');
      await page.getByLabel('Why the child is living with the carer').fill('Mother unwell for some months.');
      await page.getByLabel('How long it is expected to last').fill('About three months');
      await submit(page, 'Record the notification');
      assert.match(await problems(page), /Aunt or uncle is a close relative/);
      await expectAccessible(page);
      await page.getByLabel('Carer’s relationship to the child', { exact: true }).selectOption({ label: 'Friend of the family' });
      await submit(page, 'Record the notification');
      assert.match(pathOf(page), /^\/private-fostering\/[0-9a-f-]{36}$/);
      arrangementUrl = pathOf(page);
      const text = await mainText(page);
      assert.match(text, /notified after it began/);
      assert.match(text, /Ingrid Vasquez-Hale \(Friend of the family\)/);
      await expectAccessible(page);

      await submit(page, 'Record a visit');
      await expectAccessible(page);
      await submit(page, 'Save visit');
      assert.match(await problems(page), /Select whether the child was seen/);
      await expectAccessible(page);
      await page.getByRole('group', { name: 'Was the child seen?' }).getByLabel('Yes').check();
      await page.getByRole('group', { name: 'Was the child seen alone?' }).getByLabel('Yes').check();
      await page.getByLabel('Notes', { exact: true }).fill('Perpetua showed me her room; happy at school.');
      await submit(page, 'Save visit');
      assert.equal(pathOf(page), arrangementUrl);
      assert.match(await mainText(page), /On time/);

      await submit(page, 'Assess the arrangement');
      await expectAccessible(page);
      await fillDate(page, 'dbsOn', ukToday());
      await page.getByRole('group', { name: 'Result' }).first().getByLabel('Satisfactory').check();
      await page.getByLabel('Suitable with conditions').check();
      await fillDate(page, 'decisionOn', ukToday());
      await submit(page, 'Save the assessment');
      assert.match(await problems(page), /Enter the conditions/);
      await expectAccessible(page);
      await page.getByLabel('Conditions or next steps').fill('Carer to tell us of any change in the household.');
      await submit(page, 'Save the assessment');
      assert.equal(pathOf(page), arrangementUrl);
      assert.match(await mainText(page), /Awaiting a manager/);

      await submit(page, 'Change the details');
      await expectAccessible(page);
      await page.getByLabel('How long it is expected to last').fill('');
      await submit(page, 'Save the details');
      assert.match(await problems(page), /Enter how long the arrangement is expected to last/);
      await expectAccessible(page);
      await page.getByLabel('How long it is expected to last').fill('Until the end of term');
      await submit(page, 'Save the details');
      assert.equal(pathOf(page), arrangementUrl);
      assert.match(await mainText(page), /Until the end of term/);

      await page.goto(`${arrangementUrl}/end`);
      await expectAccessible(page);
      await page.goto('/private-fostering');
      assert.match(await mainText(page), /Perpetua Lindqvist/);
      await expectAccessible(page);
      await page.goto('/private-fostering?show=overdue');
      await expectAccessible(page);
      await page.goto('/private-fostering/figures');
      assert.match(await mainText(page), /Notifications received/);
      await expectAccessible(page);
      await page.goto(`/people/${child}/social-care`);
      assert.match(await mainText(page), /Privately fostered since/);
    }));

  it('a manager confirms the decision, and the social worker ends the arrangement', () =>
    b.journey(async (page) => {
      assert.ok(arrangementUrl, 'the first journey made the arrangement');
      await page.goto(`${arrangementUrl}/confirm`);
      await signIn(page, MORGAN);
      await expectAccessible(page);
      await submit(page, 'Confirm the decision');
      assert.equal(pathOf(page), arrangementUrl);
      assert.match(await mainText(page), /Confirmed by Morgan Hale/);
      await page.goto(`${arrangementUrl}/end`);
      await page.getByLabel('Returned to parents').check();
      await submit(page, 'End the arrangement');
      assert.equal(pathOf(page), arrangementUrl);
      assert.match(await mainText(page), /Ended on .*Returned to parents/);
      await expectAccessible(page);
    }));
});
