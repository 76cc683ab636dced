import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCalendarDays, addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const TESS = 'tess.marlow@cairn.example';
const BEA = 'bea.tollard@cairn.example';

describe('training in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
  });
  after(() => b?.close());

  it('a practitioner books a place and joins a waiting list; the business manager marks attendance; the attendee evaluates; a board member reads the figures', async () => {
    await b.journey(async (page) => {
      await page.goto('/training');
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Training');
      await expectAccessible(page);
      await follow(page, 'The voice of the child');
      assert.equal(await heading(page), 'The voice of the child');
      await expectAccessible(page);
      await submit(page, 'Book a place');
      assert.match(await mainText(page), /You have a place on this session/);
      await expectAccessible(page);

      await page.goto('/training');
      await follow(page, 'Child sexual and criminal exploitation');
      assert.match(await mainText(page), /4 in all; 4 taken, 0 left, 2 on the waiting list/);
      await submit(page, 'Join the waiting list');
      assert.match(await mainText(page), /you are on the waiting list/);
      assert.match(await mainText(page), /Your booking On the waiting list/);
      await expectAccessible(page);
    });

    await b.journey(async (page) => {
      await page.goto('/training/courses');
      await signIn(page, TESS);
      assert.equal(await heading(page), 'Courses');
      await expectAccessible(page);
      await submit(page, 'Add a course');
      await submit(page, 'Add the course');
      assert.match(await problems(page), /Enter the title of the course/);
      await expectAccessible(page);

      await page.goto('/training/courses');
      await follow(page, 'Domestic abuse and its impact on children');
      assert.equal(await heading(page), 'Domestic abuse and its impact on children');
      await expectAccessible(page);
      await submit(page, 'Change the course');
      assert.equal(await heading(page), 'Change the course');
      await expectAccessible(page);
      await page.getByLabel('Ask attendees what changed in their practice after').fill('4');
      await submit(page, 'Save the course');
      assert.match(await mainText(page), /Impact follow-up 4 months after each session/);
      await follow(page, /\d{1,2} \w+ \d{4}/);
      assert.match(await mainText(page), /3 delegates/);
      await page.getByRole('group', { name: 'Attendance of Sam Rowe' }).getByLabel('Attended', { exact: true }).check();
      await page.getByRole('group', { name: 'Attendance of Pat Quinn' }).getByLabel('Did not attend').check();
      await submit(page, 'Save attendance');
      assert.ok(await page.getByRole('group', { name: 'Attendance of Sam Rowe' }).getByLabel('Attended', { exact: true }).isChecked());
      await expectAccessible(page);

      await follow(page, 'Back to the course');
      await submit(page, 'Add a session');
      assert.equal(await heading(page), 'Add a session');
      await submit(page, 'Add the session');
      assert.match(await problems(page), /Enter the date of the session.*Enter the venue.*Enter the name of the trainer/);
      await expectAccessible(page);
      await page.getByLabel('Venue').fill('Northminster House, Training Room 1');
      await page.getByLabel('Trainer').fill('Brackenshire Domestic Abuse Service');
      await fillDate(page, 'heldOn', addCalendarDays(ukToday(), -1));
      await submit(page, 'Add the session');
      assert.match(await problems(page), /The session must be after today/);
      await fillDate(page, 'heldOn', addCalendarDays(ukToday(), 40));
      await submit(page, 'Add the session');
      assert.match(await mainText(page), /Nobody has booked yet/);
      await follow(page, 'Cancel this session');
      assert.equal(await heading(page), 'Cancel the session');
      await expectAccessible(page);
      await page.getByLabel('Why is the session cancelled?').fill('The venue is closed for repairs.');
      await submit(page, 'Cancel the session');
      assert.match(await mainText(page), /This session was cancelled on .*The venue is closed for repairs/);

      await page.goto('/training/validation');
      await expectAccessible(page);
      await follow(page, 'Safeguarding for family support volunteers');
      await expectAccessible(page);
      await submit(page, 'Record the panel’s decision');
      await page.getByLabel('Validated', { exact: true }).check();
      await submit(page, 'Save the decision');
      assert.match(await problems(page), /Enter the date the validation expires/);
      await expectAccessible(page);
      await fillDate(page, 'expiresOn', addMonths(ukToday(), 24));
      await submit(page, 'Save the decision');
      assert.match(await mainText(page), /Validated on/);
    });

    await b.journey(async (page) => {
      await page.goto('/training');
      await signIn(page, SAM);
      await follow(page, /^Evaluate Domestic abuse and its impact on children/);
      assert.equal(await heading(page), 'Evaluate the session');
      await expectAccessible(page);
      await submit(page, 'Send your evaluation');
      assert.match(await problems(page), /Rate the content from 1 to 5/);
      await expectAccessible(page);
      for (const question of ['How good was the content of the course?', 'How good was the trainer?', 'How relevant was it to your work?', 'Overall, how would you rate the course?']) {
        await page.getByRole('group', { name: question }).getByLabel('4 Very good').check();
      }
      await page.getByLabel('What will you do differently in your work after this course?').fill('Ask about coercive control at every home visit.');
      await submit(page, 'Send your evaluation');
      assert.match(pathOf(page), /^\/training\/sessions\/[0-9a-f-]{36}$/);
      assert.match(await mainText(page), /your evaluation has been saved/);
      assert.match(await mainText(page), /You evaluated this session/);
    });

    await b.journey(async (page) => {
      await page.goto('/training');
      await signIn(page, 'kit.ellery@cairn.example');
      await follow(page, /^Say what changed in your practice after Recognising and responding to neglect/);
      assert.equal(await heading(page), 'What changed in your practice');
      await submit(page, 'Send your answer');
      assert.match(await problems(page), /Select how much your practice has changed/);
      await expectAccessible(page);
      await page.getByLabel('A little').check();
      await page.getByLabel('What has changed, or why has it not?').fill('I ask about mealtimes and routines at every visit.');
      await submit(page, 'Send your answer');
      assert.match(await mainText(page), /You told us what changed in your practice/);

      await page.goto('/training/validation');
      await submit(page, 'Submit a course for validation');
      await submit(page, 'Submit the course');
      assert.match(await problems(page), /Enter the title of the course/);
      await expectAccessible(page);
    });

    await b.journey(async (page) => {
      await page.goto('/partnership');
      await signIn(page, BEA);
      await follow(page, 'Training');
      await follow(page, 'Training figures');
      assert.equal(await heading(page), 'Training figures');
      const text = await mainText(page);
      assert.match(text, /Attendees by agency/);
      assert.match(text, /By course/);
      assert.doesNotMatch(text, /Sam Rowe/);
      await expectAccessible(page);
    });
  });
});
