import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedChildProtectionDemo } from '../../src/domains/child-protection/demo.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const TESS = 'tess.marlow@cairn.example';
const SAM = 'sam.rowe@cairn.example';

/** Follows a GOV.UK button that is a link (role="button"), waiting for the page it leads to. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

describe('surveys and the child’s voice in a browser', () => {
  let b: BrowserApp;
  let oneTimeLinks: string[] = [];
  let planId = '';
  let childId = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    // Children on child protection plans, as the demo has them.
    const db = b.t.db;
    const children: string[] = [];
    for (let i = 0; i < 12; i += 1) children.push(await insertTestPerson(db, { givenName: `Wren${'ABCDEFGHIJKL'[i]}`, familyName: 'Hollowell', dateOfBirth: `201${i % 8}-04-1${i % 9}` }));
    const org = {
      agencyIds: Object.fromEntries((await db.selectFrom('agencies').select(['id', 'kind']).execute()).map((a) => [{ social_care: 'csc', early_help: 'eh' }[a.kind as string] ?? a.kind, a.id])),
      teamIds: Object.fromEntries((await db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.name, r.id])),
      userIds: Object.fromEntries((await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id])),
    };
    await seedChildProtectionDemo(db, org, ukToday(), children);
    const plan = await db.selectFrom('cp_plans').select(['id', 'person_id']).where('end_date', 'is', null).where('person_id', 'in', children).orderBy('start_date', 'desc').executeTakeFirstOrThrow();
    planId = plan.id;
    childId = plan.person_id;
  });
  after(() => b?.close());

  it('the business manager builds a children’s survey, opens it and makes one-time links', () =>
    b.journey(async (page) => {
      await page.goto('/partnership');
      await signIn(page, TESS);
      await follow(page, 'Surveys');
      assert.equal(await heading(page), 'Surveys');
      assert.match(await mainText(page), /Feeling safe: what do you think\?/, 'the demo survey is listed');
      await expectAccessible(page);

      await press(page, 'Create a survey');
      assert.equal(await heading(page), 'Create a survey');
      await expectAccessible(page);
      await page.getByLabel('Children and young people').check();
      await page.getByLabel('No, practitioners are named').check();
      await submit(page, 'Save the survey');
      const found = await problems(page);
      assert.match(found, /Enter a title for the survey/);
      assert.match(found, /always anonymous/);
      await expectAccessible(page);
      await page.getByLabel('Title').fill('Your school and you');
      await page.getByLabel('Introduction').fill('We would like to know how you feel about school. It takes 2 minutes.');
      await page.getByLabel('Yes', { exact: true }).check();
      await submit(page, 'Save the survey');
      assert.match(pathOf(page), /^\/surveys\/[0-9a-f-]{36}$/);
      const surveyUrl = pathOf(page);
      assert.match(await heading(page), /Your school and you/);
      await expectAccessible(page);

      await press(page, 'Add a question');
      await expectAccessible(page);
      await page.getByLabel('Question', { exact: true }).fill('How do you feel about school?');
      await page.getByLabel('A scale from 1 to 5').check();
      await page.getByLabel('Yes', { exact: true }).check();
      await submit(page, 'Add the question');
      await press(page, 'Add a question');
      await page.getByLabel('Question', { exact: true }).fill('What is the best thing about school?');
      await page.getByLabel('Choose one answer').check();
      await page.getByLabel('Yes', { exact: true }).check();
      await submit(page, 'Add the question');
      assert.match(await problems(page), /Enter at least 2 answers to choose from/);
      await expectAccessible(page);
      await page.getByLabel('Answers to choose from, one on each line').fill('My friends\nLessons\nClubs');
      await submit(page, 'Add the question');
      assert.equal(pathOf(page), surveyUrl);
      await press(page, 'Add a question');
      await page.getByLabel('Question', { exact: true }).fill('Is there anything else you want to tell us?');
      await page.getByLabel('Their own words (free text)').check();
      await page.getByLabel('No, it can be skipped').check();
      await submit(page, 'Add the question');
      const text = await mainText(page);
      assert.match(text, /How do you feel about school\?.*What is the best thing about school\?.*Is there anything else/);

      await submit(page, 'Open the survey');
      assert.match(await heading(page), /Open/);
      await page.getByLabel('How many links to make').fill('0');
      await submit(page, 'Make the links');
      assert.match(await problems(page), /Make at least 1 link/);
      await expectAccessible(page);
      await page.getByLabel('How many links to make').fill('3');
      await submit(page, 'Make the links');
      assert.equal(await heading(page), 'One-time links: batch 1');
      oneTimeLinks = await page.locator('#one-time-links code').allInnerTexts();
      assert.equal(oneTimeLinks.length, 3);
      await expectAccessible(page);
    }));

  it('a child completes the survey on a 320 pixel wide phone, once', () =>
    b.journey(async (page) => {
      await page.setViewportSize({ width: 320, height: 640 });
      const link = new URL(oneTimeLinks[0]!).pathname;
      await page.goto(link);
      assert.equal(await heading(page), 'Your school and you');
      assert.equal(await page.locator('.govuk-service-navigation').count(), 0, 'no site navigation');
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(await fits(), 'nothing scrolls sideways at 320 pixels');
      await expectAccessible(page);

      await page.getByLabel('Is there anything else you want to tell us?').fill('I like art.');
      await submit(page, 'Send my answers');
      const found = await problems(page);
      assert.match(found, /Please choose an answer for “How do you feel about school\?”/);
      assert.match(found, /Please choose an answer for “What is the best thing about school\?”/);
      assert.equal(await page.getByLabel('Is there anything else you want to tell us?').inputValue(), 'I like art.', 'answers are kept');
      assert.ok(await fits());
      await expectAccessible(page);

      await page.getByRole('radio', { name: 'Happy', exact: true }).check();
      await page.getByLabel('Clubs').check();
      await submit(page, 'Send my answers');
      assert.equal(pathOf(page), '/s/thank-you');
      assert.match(await mainText(page), /Your answers have been sent/);
      await expectAccessible(page);

      const again = await page.goto(link);
      assert.equal(again?.status(), 410);
      assert.equal(await heading(page), 'This link has already been used');
      await expectAccessible(page);
    }));

  it('the business manager sees the results as a chart and a table', () =>
    b.journey(async (page) => {
      await page.goto('/surveys');
      await signIn(page, TESS);
      await follow(page, /^Results of Your school and you$/);
      const text = await mainText(page);
      assert.match(text, /1 of 3 used \(33% response rate\)/);
      assert.match(text, /Clubs 1 100%/);
      assert.match(text, /I like art\./);
      assert.equal(await page.locator('svg[role="img"]').count(), 2, 'a chart for each question with choices');
      await expectAccessible(page);
    }));

  it('a social worker records a child’s views and sees them on the child protection plan', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${childId}`);
      await signIn(page, SAM);
      await page.goto(`/people/${childId}`);
      await follow(page, 'The child’s views');
      assert.equal(await heading(page), 'The child’s views');
      await expectAccessible(page);
      await press(page, 'Record the child’s views');
      await expectAccessible(page);
      await page.getByRole('radio', { name: 'Another way' }).check();
      await submit(page, 'Save the child’s views');
      const found = await problems(page);
      assert.match(found, /Enter what the child said, in their own words/);
      assert.match(found, /Say how the child’s views were heard/);
      await expectAccessible(page);
      await page.getByLabel('What the child said, in their own words').fill('I want to stay at my school. I like my teacher.');
      await page.getByLabel('They spoke to me on their own').check();
      await page.getByRole('group', { name: /How they feel about school/ }).getByRole('radio', { name: 'Really happy' }).check();
      await page.getByLabel('What they want to happen (optional)').fill('To stay living with nan.');
      await submit(page, 'Save the child’s views');
      assert.equal(pathOf(page), `/people/${childId}/views`);
      assert.match(await mainText(page), /I want to stay at my school\. I like my teacher\./);

      await page.goto(`/child-protection/plans/${planId}`);
      const plan = await mainText(page);
      assert.match(plan, /The child’s views, in their words, on/);
      assert.match(plan, /I want to stay at my school\. I like my teacher\./);
      assert.match(plan, /School: \S* ?Really happy/);
      await expectAccessible(page);
    }));
});
