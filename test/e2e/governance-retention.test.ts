import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const GWEN = 'gwen.ashdown@cairn.example';
const SAM = 'sam.rowe@cairn.example';

describe('retention in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 5 });
  });
  after(() => b?.close());

  it('the data protection officer reviews the queue, places a hold, destroys a record after confirming and sees the log', () =>
    b.journey(async (page) => {
      await page.goto('/governance');
      await signIn(page, GWEN);
      await follow(page, 'Retention');
      assert.equal(await heading(page), 'Records due for review');
      assert.match(await mainText(page), /4 records due for review/);
      await expectAccessible(page);

      await follow(page, 'Retention schedule');
      assert.equal(await heading(page), 'Retention schedule');
      assert.match(await mainText(page), /Until the 75th anniversary of the date of birth/);
      await expectAccessible(page);
      await follow(page, /Change the rule for MARAC/);
      await page.getByLabel('The rule in plain English').fill('');
      await submit(page, 'Save the rule');
      assert.match(await problems(page), /Enter the rule in plain English/);
      await expectAccessible(page);

      // The mother, named in her daughter's record: a litigation hold, bad input first.
      await page.goto('/governance/retention');
      const mother = await b.t.db.selectFrom('people').select('id').where('given_name', '=', 'Imelda').where('family_name', '=', 'Pellow').executeTakeFirstOrThrow();
      await Promise.all([page.waitForEvent('load'), page.locator(`a[href="/governance/retention/people/${mother.id}"]`).click()]);
      assert.equal(await heading(page), 'Imelda Pellow');
      assert.match(await mainText(page), /Named in a relative(’|')s record/);
      await expectAccessible(page);
      await follow(page, 'Place a legal hold');
      assert.equal(await heading(page), 'Place a legal hold');
      await fillDate(page, 'fromDate', ['2026', '2', '31']);
      await submit(page, 'Place the hold');
      const summary = await problems(page);
      assert.match(summary, /Select why the record must be kept/);
      assert.match(summary, /Enter the reference/);
      await expectAccessible(page);
      await page.getByLabel('Litigation (a claim made or expected)').check();
      await page.getByLabel('Reference').fill('Claim HQ-2026-0042');
      await fillDate(page, 'fromDate', '2026-01-01');
      await submit(page, 'Place the hold');
      assert.match(await mainText(page), /Legal hold placed/);
      assert.match(await mainText(page), /A legal hold is in force/);
      await follow(page, 'Back to records due for review');
      assert.match(await mainText(page), /3 records due for review/);
      await follow(page, 'Legal holds');
      assert.match(await mainText(page), /Claim HQ-2026-0042/);
      await expectAccessible(page);

      // Her daughter's record, whose early help closed long ago: destroyed after confirming.
      await page.goto('/governance/retention');
      const daughter = await b.t.db.selectFrom('people').select('id').where('given_name', '=', 'Rowan').where('family_name', '=', 'Pellow').executeTakeFirstOrThrow();
      await Promise.all([page.waitForEvent('load'), page.locator(`a[href="/governance/retention/people/${daughter.id}"]`).click()]);
      assert.equal(await heading(page), 'Rowan Pellow');
      await follow(page, 'Destroy this record');
      assert.equal(await heading(page), 'Destroy the record of Rowan Pellow');
      assert.match(await mainText(page), /cannot be undone/);
      await expectAccessible(page);
      await submit(page, 'Destroy the record');
      assert.match(await problems(page), /Confirm that you have checked the record/);
      await page.getByLabel(/I have reviewed what is held about Rowan Pellow/).check();
      await submit(page, 'Destroy the record');
      assert.equal(pathOf(page), '/governance/retention/log');
      const log = await mainText(page);
      assert.match(log, /Record destroyed/);
      assert.match(log, /Early help \(governing\)/);
      assert.doesNotMatch(log, /Pellow/);
      await expectAccessible(page);

      // A practitioner who opens the record is told it was destroyed.
      await page.context().clearCookies();
      await page.goto(`/people/${daughter.id}`);
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Record destroyed');
      assert.match(await mainText(page), /This record was destroyed on .* under the retention schedule/);
      await expectAccessible(page);
    }));
});
