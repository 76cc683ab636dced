import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const NIA = 'nia.brooks@cairn.example';

describe('a care leaver in a browser', () => {
  let b: BrowserApp;
  let person: string;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    person = await insertTestPerson(b.t.db, { givenName: 'Rowan', familyName: 'Ellsworth', postcode: 'ZZ99 5EF', dateOfBirth: addMonths(ukToday(), -(18 * 12 + 2)) });
  });
  after(() => b?.close());

  it('a personal adviser opens the record, records a pathway plan and a keeping-in-touch contact', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${person}/care-leaver/new`);
      await signIn(page, NIA);
      assert.equal(await heading(page), 'Open a care leaver record');
      await expectAccessible(page);
      await page.getByLabel('Former relevant').check();
      await page.getByLabel('Personal adviser (optional)').selectOption({ label: 'Nia Brooks' });
      await submit(page, 'Open the record');
      assert.match(pathOf(page), /^\/care-leavers\/[0-9a-f-]{36}$/);
      const recordUrl = pathOf(page);
      assert.match(await mainText(page), /First pathway plan due/);
      await expectAccessible(page);

      await submit(page, 'Record a pathway plan or review');
      await expectAccessible(page);
      await submit(page, 'Save pathway plan');
      assert.match(await problems(page), /Enter what the plan says/);
      await expectAccessible(page);
      await page.getByLabel('Accommodation (optional)').fill('Semi-independent flat; moving to own tenancy next year.');
      await page.getByLabel('The plan', { exact: true }).fill('Budgeting support, GP registration, college application.');
      await submit(page, 'Save pathway plan');
      assert.equal(pathOf(page), recordUrl);
      assert.match(await mainText(page), /Pathway plan review due/);

      await submit(page, 'Record keeping in touch');
      await expectAccessible(page);
      await page.getByLabel('In touch', { exact: true }).check();
      await page.getByLabel('Where they live').selectOption('S');
      await page.getByLabel('Suitable', { exact: true }).check();
      await page.getByLabel('Main activity').selectOption('F2');
      await submit(page, 'Save contact');
      assert.match(await problems(page), /No fixed abode or homeless is always unsuitable/);
      await expectAccessible(page);
      await page.getByLabel('Where they live').selectOption('D');
      await submit(page, 'Save contact');
      assert.equal(pathOf(page), recordUrl);
      const text = await mainText(page);
      assert.match(text, /Semi-independent or transitional accommodation \(suitable\)/);
      assert.match(text, /Recorded/, 'the contact counts for the 18th birthday');

      await page.goto('/care-leavers');
      assert.match(await mainText(page), /Rowan Ellsworth/);
      await expectAccessible(page);
      await page.goto(`${recordUrl}/adviser`);
      await expectAccessible(page);
      await page.goto(`${recordUrl}/close`);
      await expectAccessible(page);
    }));
});
