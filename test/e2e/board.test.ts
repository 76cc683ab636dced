import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { attendanceChart } from '../../src/domains/board/chart.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const TESS = 'tess.marlow@cairn.example';
const BEA = 'bea.tollard@cairn.example';

describe('board business in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    // Vega loads at the first chart and is large: drawn once here so the attendance page is not timed against it.
    await attendanceChart([{ agencyName: 'Warm-up', percent: 50 }], 'warm-up');
  });
  after(() => b?.close());

  it('the business manager records a meeting with attendance and a decision, and completes an action with evidence', () =>
    b.journey(async (page) => {
      await page.goto('/partnership');
      await signIn(page, TESS);
      await follow(page, 'Board business');
      assert.equal(await heading(page), 'Board business');
      assert.match(await mainText(page), /Actions by priority and RAG status/);
      await expectAccessible(page);

      await follow(page, 'Meetings');
      await expectAccessible(page);
      await submit(page, 'Record a meeting');
      assert.equal(await heading(page), 'Record a meeting');
      await expectAccessible(page);
      await fillDate(page, 'heldOn', addCalendarDays(ukToday(), -1));
      await page.getByLabel('Extraordinary meeting').check();
      await submit(page, 'Save the meeting');
      assert.match(await problems(page), /Enter the agenda items/);
      await expectAccessible(page);
      await page.getByLabel('Agenda').fill('Appointment of an independent chair\nAny other business');
      await submit(page, 'Save the meeting');
      assert.match(pathOf(page), /^\/board\/meetings\/[0-9a-f-]{36}$/);
      const meetingUrl = pathOf(page);
      assert.match(await mainText(page), /Appointment of an independent chair/);
      await expectAccessible(page);

      await submit(page, 'Record attendance');
      assert.equal(await heading(page), 'Record attendance');
      await expectAccessible(page);
      const groups = page.locator('fieldset');
      const count = await groups.count();
      for (let i = 0; i < count; i++) await groups.nth(i).getByLabel(i === 0 ? 'Sent apologies' : 'Attended', { exact: true }).check();
      await submit(page, 'Save attendance');
      assert.equal(pathOf(page), meetingUrl);
      let text = await mainText(page);
      assert.match(text, /Sent apologies/);
      assert.doesNotMatch(text, /Not recorded/);

      await submit(page, 'Record a decision');
      await expectAccessible(page);
      await page.getByLabel('Decision', { exact: true }).fill('Advertise for an independent chair');
      await page.getByLabel('Lead').fill('Business manager');
      await fillDate(page, 'dueOn', addCalendarDays(ukToday(), 45));
      await submit(page, 'Save the decision');
      assert.equal(pathOf(page), meetingUrl);
      assert.match(await mainText(page), /Advertise for an independent chair/);

      await follow(page, 'Back to meetings');
      await follow(page, 'Business plans');
      await expectAccessible(page);
      await follow(page, /^Business plan \d{4} to \d{4}$/);
      text = await mainText(page);
      assert.match(text, /1 action is overdue/);
      await expectAccessible(page);
      await follow(page, 'Audit the use of the Quality of Care tool in early help');
      assert.equal(await heading(page), 'Business plan action');
      assert.match(await mainText(page), /Overdue/);
      await expectAccessible(page);
      await submit(page, 'Update progress');
      await expectAccessible(page);
      await page.getByLabel('Complete').check();
      await page.getByLabel('Progress update').fill('Audit of 30 early help plans finished.');
      await fillDate(page, 'completedOn', ukToday());
      await submit(page, 'Save the update');
      assert.match(await problems(page), /Enter the evidence that the action is complete/);
      await expectAccessible(page);
      await page.getByLabel('Evidence of completion').fill('Audit report to the Quality and Effectiveness Group: tool used in 24 of 30 plans.');
      await submit(page, 'Save the update');
      text = await mainText(page);
      assert.match(text, /Complete/);
      assert.match(text, /tool used in 24 of 30 plans/);
      assert.doesNotMatch(text, /Overdue/);
    }));

  it('a board member reads the plan summary and attendance, and is offered no changes', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      await signIn(page, BEA);
      await page.goto('/partnership');
      await follow(page, 'Board business');
      let text = await mainText(page);
      assert.match(text, /Actions by priority and RAG status/);
      assert.match(text, /Tackle neglect earlier/);
      await follow(page, 'Attendance');
      assert.equal(await heading(page), 'Attendance at board meetings');
      text = await mainText(page);
      assert.match(text, /Attendance by agency \(the figures in the chart\)/);
      assert.match(text, /Brackenshire Police/);
      assert.equal(await page.locator('svg[role="img"]').count(), 1);
      await expectAccessible(page);
      await follow(page, 'Budget');
      assert.match(await mainText(page), /Share of the budget/);
      await expectAccessible(page);
      await follow(page, 'Sub-groups');
      await follow(page, 'Quality and Effectiveness Group');
      assert.match(await mainText(page), /Terms of reference/);
      await expectAccessible(page);
      await follow(page, 'Back to sub-groups');
      await follow(page, 'Decisions log');
      assert.match(await mainText(page), /Advertise for an independent chair/);
      await expectAccessible(page);
      await follow(page, 'Members');
      assert.equal(await heading(page), 'Board members');
      assert.match(await mainText(page), /Bea Tollard/);
      assert.equal(await page.getByRole('button', { name: 'Add a member' }).count(), 0);
      await expectAccessible(page);
    }));
});
