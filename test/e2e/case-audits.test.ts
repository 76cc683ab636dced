import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordChronology } from '../../src/domains/chronology/service.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const TESS = 'tess.marlow@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const BEA = 'bea.tollard@cairn.example';

describe('a multi-agency case audit in a browser', () => {
  let b: BrowserApp;
  let auditUrl = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    // The only child with a strategy discussion in 2012: the sample is exactly them. The school knows them.
    const child = await insertTestPerson(b.t.db, { givenName: 'Marigold', familyName: 'Threlkeld', dateOfBirth: '2008-02-14' });
    await recordChronology(b.t.db, { personId: child, occurredAt: new Date('2012-05-10T10:00:00Z'), entryType: 'strategy.held', summary: 'Strategy discussion held', agencyId: null, recordedBy: null });
    const school = await b.t.db.selectFrom('agencies').select('id').where('name', '=', 'Fernhollow Academy').executeTakeFirstOrThrow();
    await b.t.db.insertInto('involvements').values({ person_id: child, agency_id: school.id, basis: 'consent', detail: 'test' }).execute();
  });
  after(() => b?.close());

  it('the business manager sets up an audit and draws its sample', () =>
    b.journey(async (page) => {
      await page.goto('/partnership');
      await signIn(page, TESS);
      await follow(page, 'Multi-agency case audits');
      assert.equal(await heading(page), 'Multi-agency case audits');
      assert.match(await mainText(page), /Neglect: multi-agency audit/, 'the demo’s audits');
      await expectAccessible(page);
      await follow(page, 'Audit templates');
      assert.match(await mainText(page), /Core groups and child protection plans/);
      await expectAccessible(page);
      await page.goto('/audits');

      await submit(page, 'Set up a case audit');
      await expectAccessible(page);
      await page.getByLabel('Template').selectOption({ label: 'Strategy discussions' });
      await submit(page, 'Set up the audit');
      assert.match(await problems(page), /Enter a title for the audit/);
      assert.match(await problems(page), /Select the agencies taking part/);
      await expectAccessible(page);
      await page.getByLabel('Audit title').fill('Strategy discussions 2012');
      await page.getByLabel('Fernhollow Academy').check();
      await page.getByLabel('Brackenshire Police').check();
      await fillDate(page, 'periodFrom', '2012-01-01');
      await fillDate(page, 'periodTo', '2012-12-31');
      await fillDate(page, 'answersDueOn', '2013-02-28');
      await submit(page, 'Set up the audit');
      assert.match(pathOf(page), /^\/audits\/[0-9a-f-]{36}$/);
      auditUrl = pathOf(page);
      assert.match(await mainText(page), /Not drawn yet/);
      await expectAccessible(page);

      await submit(page, 'Draw the sample');
      await expectAccessible(page);
      await page.getByLabel('Children with a kind of event in the audit period').check();
      await page.getByLabel('Kind of event on the child’s chronology').selectOption({ label: 'Strategy discussion' });
      await page.getByLabel('How many children').fill('5');
      await submit(page, 'Draw the sample');
      assert.equal(pathOf(page), auditUrl);
      const text = await mainText(page);
      assert.match(text, /Case 1: girl aged 4/);
      assert.doesNotMatch(text, /Threlkeld/, 'the business manager sees the case reference, not the name');
      await submit(page, 'Open the audit for answers');
      assert.match(await mainText(page), /Open for answers/);
      await expectAccessible(page);
    }));

  it('a school practitioner answers for the school and submits', () =>
    b.journey(async (page) => {
      await page.goto('/audits');
      await signIn(page, PAT);
      await follow(page, 'Strategy discussions 2012');
      assert.equal(await heading(page), 'Strategy discussions 2012');
      assert.match(await mainText(page), /Marigold Threlkeld/, 'the school may open this child’s record');
      await expectAccessible(page);
      await follow(page, 'Case 1: girl aged 4');
      await expectAccessible(page);
      const grades = page.locator('input[type="radio"][value="good"]');
      for (let i = 0; i < (await grades.count()); i++) await grades.nth(i).check();
      await page.locator('input[type="radio"][value="inadequate"]').first().check();
      await submit(page, 'Save as draft');
      assert.match(await problems(page), /Say why practice on question 1 was inadequate/);
      await expectAccessible(page);
      await page.getByLabel('Commentary on question 1').fill('We were not invited to the strategy discussion.');
      await submit(page, 'Save as draft');
      assert.match(await mainText(page), /Answered/);
      await submit(page, 'Submit your agency’s answers');
      assert.match(await mainText(page), /submitted its answers/);
      await expectAccessible(page);
    }));

  it('the business manager moderates, writes findings and an action, and completes the audit', () =>
    b.journey(async (page) => {
      await page.goto(auditUrl);
      await signIn(page, TESS);
      await submit(page, 'Start moderation');
      await follow(page, 'Case 1: girl aged 4');
      assert.match(await mainText(page), /Fernhollow Academy: Inadequate/);
      await expectAccessible(page);
      await submit(page, 'Save the agreed grades');
      assert.match(await problems(page), /Select the agreed grade for question 1/);
      const grades = page.locator('input[type="radio"][value="good"]');
      for (let i = 0; i < (await grades.count()); i++) await grades.nth(i).check();
      await page.locator('input[type="radio"][value="requires_improvement"]').first().check();
      await submit(page, 'Save the agreed grades');
      assert.equal(pathOf(page), auditUrl);

      await submit(page, 'Write the key findings');
      await expectAccessible(page);
      await page.getByLabel('Key findings').fill('Schools were not routinely invited to strategy discussions.');
      await submit(page, 'Save the key findings');
      await submit(page, 'Add an action');
      await expectAccessible(page);
      await page.getByLabel('The action').fill('Invite the school to every strategy discussion about a pupil');
      await page.getByLabel('Agency that owns it').selectOption({ label: 'Brackenshire Police' });
      await page.getByLabel('Owner').fill('Detective Inspector, Public Protection Unit');
      await fillDate(page, 'dueOn', '2013-06-30');
      await submit(page, 'Add the action');
      await submit(page, 'Complete the audit');
      const text = await mainText(page);
      assert.match(text, /Complete/);
      assert.match(text, /Overdue/);
      await expectAccessible(page);
    }));

  it('a board member reads the audit and its report without seeing any child’s name', () =>
    b.journey(async (page) => {
      await page.goto(auditUrl);
      await signIn(page, BEA);
      await expectAccessible(page);
      assert.doesNotMatch(await mainText(page), /Complete the audit|Add an action/, 'board members only read');
      await follow(page, 'Report (printable)');
      const report = await mainText(page);
      assert.match(report, /Schools were not routinely invited/);
      assert.match(report, /Case 1: girl aged 4/);
      assert.doesNotMatch(report, /Threlkeld/);
      assert.ok(await page.locator('svg[role="img"]').count(), 'the chart of agreed grades');
      await expectAccessible(page);
    }));
});
