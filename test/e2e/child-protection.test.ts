import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { referredChild } from '../../src/domains/child-protection/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ROB = 'rob.delaney@cairn.example';
const IRIS = 'iris.fenwick@cairn.example';
const today = ukToday();
const ago = (days: number) => addCalendarDays(today, -days);

async function addAttendee(page: Page, row: number, agency: string, name: string, report = false) {
  await page.locator(`#attendee-${row}-agency`).selectOption({ label: agency });
  await page.locator(`#attendee-${row}-name`).fill(name);
  if (report) await page.locator(`#attendee-${row}-report`).selectOption('yes');
}

/** A GOV.UK button that is a link (role="button"): click it and wait for the page. */
async function press(page: Page, name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function switchUser(page: Page, email: string) {
  await submit(page, 'Sign out');
  await signIn(page, email);
}

describe('child protection in a browser', () => {
  let b: BrowserApp;
  let child: { personId: string };

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    // The referral is set up through the database: this journey starts at the strategy discussion.
    child = await referredChild(b.t.db, { referredDaysAgo: 20 });
  });
  after(() => b?.close());

  it('strategy → section 47 → initial conference → plan → core group → review → plan ends', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child.personId}/child-protection`);
      await signIn(page, ROB);
      await page.goto(`/people/${child.personId}/child-protection`);
      assert.equal(await heading(page), 'Child protection');
      await expectAccessible(page);

      await press(page, 'Record a strategy discussion');
      await expectAccessible(page);
      await submit(page, 'Record the strategy discussion');
      assert.match(await problems(page), /Select what was decided/);
      await expectAccessible(page);
      await fillDate(page, 'heldOn', ago(12));
      await page.getByLabel('Strategy meeting').check();
      await page.getByLabel('Concerns discussed').fill('Bruising seen at nursery');
      await addAttendee(page, 0, "Brackenshire Children's Social Care", 'Rob Delaney');
      await addAttendee(page, 1, 'Brackenshire Police', 'DC Vale');
      await page.getByLabel('Section 47 enquiry').check();
      await page.getByLabel('Reasons for the decision').fill('Unexplained injury to a young child');
      await submit(page, 'Record the strategy discussion');
      assert.match(pathOf(page), /^\/child-protection\/enquiries\//);
      assert.match(await mainText(page), /Nobody from health took part/);
      await expectAccessible(page);

      await page.getByLabel('Findings').fill('Injuries consistent with the nursery’s account');
      await page.getByLabel(/Concerns substantiated: initial child protection conference needed/).check();
      await page.getByLabel(/Conference chair/).selectOption({ label: 'Iris Fenwick' });
      await fillDate(page, 'completedDate', ago(8));
      await submit(page, 'Record the outcome');
      assert.match(pathOf(page), /^\/child-protection\/conferences\//);
      assert.equal(await heading(page), 'Initial child protection conference');
      assert.match(await mainText(page), /The conference chair records the conference/);
      await expectAccessible(page);
      const conferenceUrl = pathOf(page);

      await switchUser(page, IRIS);
      await page.goto(conferenceUrl);
      await press(page, 'Record the conference');
      await expectAccessible(page);
      await fillDate(page, 'heldOn', ago(6));
      await addAttendee(page, 0, "Brackenshire Children's Social Care", 'Rob Delaney', true);
      await addAttendee(page, 1, 'Brackenshire Police', 'DC Vale', true);
      await page.getByLabel('Child protection plan', { exact: true }).check();
      await submit(page, 'Record the conference');
      assert.match(await problems(page), /Select at least one category/);
      await expectAccessible(page);
      await page.getByLabel('Neglect').check();
      await page.getByLabel('Emotional abuse').check();
      await page.getByLabel('Summary of the conference').fill('Continuing risk of significant harm');
      await submit(page, 'Record the conference');
      assert.match(pathOf(page), /^\/child-protection\/plans\//);
      const planUrl = pathOf(page);
      const plan = await mainText(page);
      assert.match(plan, /Initial category \(CIN census\) Multiple categories/);
      assert.match(plan, /Categories now Neglect, Emotional abuse/);
      await expectAccessible(page);

      await switchUser(page, ROB);
      await page.goto(planUrl);
      await follow(page, /Record the core group/);
      await expectAccessible(page);
      await fillDate(page, 'heldOn', ago(3));
      await addAttendee(page, 0, "Brackenshire Children's Social Care", 'Rob Delaney');
      await page.getByLabel('Progress against the plan').fill('Safety plan agreed');
      await submit(page, 'Record the core group');
      assert.match(await mainText(page), /Met on .* Safety plan agreed/);

      await switchUser(page, IRIS);
      for (const [held, decide] of [[ago(2), 'continue'], [today, 'end']] as const) {
        await page.goto(planUrl);
        // The review still to be held is the last one listed.
        await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Review child protection conference', exact: true }).last().click()]);
        await press(page, 'Record the conference');
        await fillDate(page, 'heldOn', held);
        await addAttendee(page, 0, "Brackenshire Children's Social Care", 'Rob Delaney', true);
        await page.getByLabel('Summary of the conference').fill('Review');
        if (decide === 'continue') {
          await page.getByLabel('Continue the child protection plan').check();
          await page.getByLabel('Emotional abuse').uncheck();
        } else {
          await page.getByLabel('End the child protection plan').check();
          await page.getByLabel(/a child in need plan starts/).check();
          await expectAccessible(page);
        }
        await submit(page, 'Record the conference');
      }
      await page.goto(planUrl);
      const ended = await mainText(page);
      assert.match(ended, /Ended .* the child is still in need/i);
      assert.match(ended, /Categories now Neglect/);
    }));

  it('the list of children on plans and upcoming conferences, filtered by team', () =>
    b.journey(async (page) => {
      await page.goto('/child-protection');
      await signIn(page, IRIS);
      await page.goto('/child-protection');
      assert.equal(await heading(page), 'Children on child protection plans');
      await expectAccessible(page);
      await page.getByLabel('Team').selectOption({ label: 'Child Protection Team' });
      await submit(page, 'Filter');
      assert.match(page.url(), /team=/);
      assert.match(await mainText(page), /Conferences coming up/);
      await expectAccessible(page);
    }));
});
