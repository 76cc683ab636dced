import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const NIA = 'nia.brooks@cairn.example';
const IRIS = 'iris.fenwick@cairn.example';

describe('children in care in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; name: string };
  const today = ukToday();

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    // A 17-year-old not yet known to social care: looked after long enough to leave care as a care leaver.
    const id = await insertTestPerson(b.t.db, { givenName: 'Linden', familyName: 'Marchbank', postcode: 'ZZ99 4AB', dateOfBirth: addMonths(today, -12 * 17 - 3) });
    child = { id, name: 'Linden Marchbank' };
  });
  after(() => b?.close());

  it('a child becomes looked after, moves placement, the IRO reviews, and they leave care as a care leaver', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child.id}/care`);
      await signIn(page, NIA);
      assert.equal(pathOf(page), `/people/${child.id}/care`);
      await expectAccessible(page);

      // Becoming looked after: the form explains what the 903 needs, then records it.
      await submit(page, 'Record becoming looked after'); // a GOV.UK button link
      assert.equal(await heading(page), 'Becoming looked after');
      await expectAccessible(page);
      await page.getByLabel('Legal status').selectOption('V2');
      await page.getByLabel('Placement type').selectOption('U6');
      await page.getByLabel('Carer or setting (optional)').fill('Mr and Mrs Hazelwood');
      await submit(page, 'Record becoming looked after');
      const missing = await problems(page);
      assert.match(missing, /Select the category of need/);
      assert.match(missing, /Select whether the child is an unaccompanied asylum-seeking child/);
      assert.equal(await page.getByLabel('Carer or setting (optional)').inputValue(), 'Mr and Mrs Hazelwood', 'what was typed is kept');
      await expectAccessible(page);
      await fillDate(page, 'startDate', addMonths(today, -6));
      await page.getByLabel('Placement provider').selectOption('PR1');
      await page.getByLabel('Ofsted URN').fill('SC401122');
      await page.getByLabel('Placement postcode').fill('ZZ99 3HA');
      await page.getByLabel('Postcode of the child’s home').fill('ZZ99 4AB');
      await page.getByLabel(/Family in acute stress/).check();
      await page.getByLabel('No', { exact: true }).check();
      await page.getByLabel('Independent reviewing officer').selectOption({ label: 'Iris Fenwick' });
      await page.getByLabel('Where the referral came from').selectOption('5A');
      await submit(page, 'Record becoming looked after');
      assert.match(pathOf(page), /^\/care\/[0-9a-f-]{36}$/);
      const periodUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Mr and Mrs Hazelwood/);
      assert.match(text, /Started to be looked after \(S\)/);
      assert.match(text, /Iris Fenwick/);
      await expectAccessible(page);

      // A placement move: the reason is required; the old episode ends X1 with it.
      await submit(page, 'Change legal status or placement'); // a GOV.UK button link
      await expectAccessible(page);
      await fillDate(page, 'date', addMonths(today, -1));
      await page.getByLabel('Carer or setting (optional)').fill('Ms Wychwood');
      await page.getByLabel('Placement postcode').fill('ZZ99 7QR');
      await submit(page, 'Record the change');
      assert.match(await problems(page), /Select the reason for the change of placement/);
      await expectAccessible(page);
      await page.getByLabel('No, new carers').check();
      await page.getByLabel('Reason for the change of placement').selectOption('CARPL');
      await submit(page, 'Record the change');
      assert.equal(pathOf(page), periodUrl);
      text = await mainText(page);
      assert.match(text, /Change of placement and carer \(P\)/);
      assert.match(text, /Episode ends and a new one starts the same day/);

      // The IRO records the first review.
      await page.context().clearCookies();
      await page.goto(periodUrl);
      await signIn(page, IRIS);
      await follow(page, 'Record a review');
      await expectAccessible(page);
      await submit(page, 'Record the review');
      assert.match(await problems(page), /Select how the child took part/);
      await fillDate(page, 'heldOn', addCalendarDays(addMonths(today, -6), 15));
      await page.getByLabel(/Attended and spoke for themselves/).check();
      await page.getByLabel('Summary of the review and its decisions').fill('Settled with Ms Wychwood; pathway planning to start.');
      await submit(page, 'Record the review');
      assert.equal(pathOf(page), periodUrl);
      assert.match(await mainText(page), /Review held/);

      // Leaving care at 17 after six months in care: a relevant child, so a care leaver.
      await page.context().clearCookies();
      await page.goto(periodUrl);
      await signIn(page, NIA);
      await submit(page, 'Record leaving care'); // a GOV.UK button link
      await expectAccessible(page);
      await fillDate(page, 'date', today);
      await page.getByLabel('Why the child left care').selectOption('E17');
      await submit(page, 'Record leaving care');
      assert.match(await problems(page), /18 or over; the child is 17/);
      await page.getByLabel('Why the child left care').selectOption('E5');
      await submit(page, 'Record leaving care');
      assert.equal(pathOf(page), periodUrl);
      text = await mainText(page);
      assert.match(text, /Left care on/);
      assert.match(text, /is a care leaver \(relevant child\)/);
      await expectAccessible(page);
      await follow(page, 'Care leaver record');
      assert.match(pathOf(page), /^\/care-leavers\/[0-9a-f-]{36}$/);
    }));

  it('the children in care list shows clocks and stability, filtered by worker', () =>
    b.journey(async (page) => {
      await page.goto('/children-in-care');
      await signIn(page, NIA);
      assert.equal(await heading(page), 'Children in care');
      await expectAccessible(page);
      await page.getByLabel('Social worker').selectOption({ index: 0 });
      await submit(page, 'Show');
      assert.equal(pathOf(page), '/children-in-care');
      await expectAccessible(page);
    }));
});
