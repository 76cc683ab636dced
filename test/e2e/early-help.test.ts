import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { thresholdFramework, type ThresholdFramework } from '../../src/domains/front-door/service.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { anotherPage, type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const KIT = 'kit.ellery@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const JO = 'jo.nyland@cairn.example';
const ALEX = 'alex.brent@cairn.example';

describe('early help in a browser', () => {
  let b: BrowserApp;
  let framework: ThresholdFramework;
  let child: { id: string; name: string };
  let stepDownChild: { id: string; name: string };

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    framework = await thresholdFramework(b.t.db);
    const eh = (await b.t.db.selectFrom('agencies').select('id').where('kind', '=', 'early_help').executeTakeFirstOrThrow()).id;
    // A child the early help service already knows (the family agreed to share), and one open to social care.
    const id = await insertTestPerson(b.t.db, { givenName: 'Wren', familyName: 'Hollowell', postcode: 'ZZ99 4AB', dateOfBirth: '2017-02-14' });
    await b.t.db.insertInto('involvements').values({ person_id: id, agency_id: eh, basis: 'consent', detail: 'Mother agreed to sharing with early help' }).execute();
    child = { id, name: 'Wren Hollowell' };
    stepDownChild = { id: await insertTestPerson(b.t.db, { givenName: 'Ossian', familyName: 'Brightwater', postcode: 'ZZ99 8CD', dateOfBirth: '2014-09-30' }), name: 'Ossian Brightwater' };
  });
  after(() => b?.close());

  it('runs a case end to end: start, assess, Team Around the Child, plan, review, step up', () =>
    b.journey(async (page) => {
      await page.goto('/early-help');
      await signIn(page, KIT);
      assert.equal(pathOf(page), '/early-help');
      await expectAccessible(page);

      // Find the child and start early help, leading it.
      await follow(page, 'Start early help for a child');
      await expectAccessible(page);
      await submit(page, 'Find child');
      assert.match(await problems(page), /Enter the child’s name/);
      await expectAccessible(page);
      await page.getByLabel('Child’s name').fill('Wren Hollowell');
      await submit(page, 'Find child');
      await expectAccessible(page);
      await follow(page, `Early help for ${child.name}`);
      assert.equal(pathOf(page), `/people/${child.id}/early-help`);
      await expectAccessible(page);
      await follow(page, 'Start early help');
      assert.equal(await heading(page), 'Start early help');
      assert.ok(await page.getByLabel('Central and East').isChecked(), 'the locality comes from the address');
      await expectAccessible(page);
      await submit(page, 'Start early help');
      assert.match(await problems(page), /Select whether you will be the lead professional/);
      await expectAccessible(page);
      await page.getByLabel('Yes, I will lead').check();
      await submit(page, 'Start early help');
      assert.match(pathOf(page), /^\/early-help\/cases\/[0-9a-f-]{36}$/);
      const caseUrl = pathOf(page);
      assert.match(await mainText(page), /Assessment in progress/);
      assert.match(await mainText(page), /Kit Ellery/);
      await expectAccessible(page);

      // The assessment: the register button explains what is missing; a draft saves; then it registers.
      await follow(page, 'Start the assessment');
      await expectAccessible(page);
      await submit(page, 'Register assessment');
      const missing = await problems(page);
      assert.match(missing, /Record the family’s consent before registering the assessment/);
      assert.match(missing, /Enter a summary of the assessment/);
      await expectAccessible(page);
      const [first, ...rest] = framework.domains;
      await page.getByLabel(`Needs: ${first!.name}`).fill('Attendance 82% and late most mornings');
      await submit(page, 'Save draft');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Draft/);
      await follow(page, 'Continue the assessment');
      assert.equal(await page.getByLabel(`Needs: ${first!.name}`).inputValue(), 'Attendance 82% and late most mornings');
      for (const d of [first!, ...rest]) {
        await page.getByLabel(`Strengths: ${d.name}`).fill(`Good things in ${d.name.toLowerCase()}`);
        await page.locator(`input[name="level-${d.id}"][value="2"]`).check();
      }
      await page.getByLabel('The child’s views').fill('Likes art club; mornings are shouty.');
      await page.getByLabel('The family’s views').fill('Mum wants help with routines.');
      await page.getByLabel('Summary', { exact: true }).fill('Needs at level 2: routines and attendance, with a Team Around the Child.');
      await page.getByLabel('Yes', { exact: true }).check();
      await page.getByLabel('Who gave consent').fill('Amber Hollowell (mother)');
      await fillDate(page, 'consentOn', ukToday());
      await submit(page, 'Register assessment');
      assert.equal(pathOf(page), caseUrl);
      const registered = await mainText(page);
      assert.match(registered, /Registered on/);
      assert.match(registered, /Plan active/);
      assert.ok(registered.includes(`Next review`));

      // Jo Nyland from health joins the Team Around the Child.
      await follow(page, 'Add a member');
      await expectAccessible(page);
      await page.getByLabel('Their agency').selectOption({ label: 'Brackenshire Community Health NHS Trust' });
      await submit(page, 'Choose agency');
      await submit(page, 'Add to the team');
      const teamMissing = await problems(page);
      assert.match(teamMissing, /Select the person joining the team/);
      assert.match(teamMissing, /Enter their role in the team/);
      await expectAccessible(page);
      await page.getByLabel('Person from Brackenshire Community Health NHS Trust').selectOption({ label: 'Jo Nyland' });
      await page.getByLabel('Their role in the team').fill('Health visitor');
      await submit(page, 'Add to the team');
      assert.match(await mainText(page), /Jo Nyland Brackenshire Community Health NHS Trust Health visitor/);

      // An outcome, and an action for Jo towards it.
      await follow(page, 'Add an outcome');
      await expectAccessible(page);
      await submit(page, 'Save outcome');
      assert.match(await problems(page), /Enter what will be better for the child/);
      await expectAccessible(page);
      await page.getByLabel('What will be better for the child?').fill('Wren gets to school on time every day');
      await submit(page, 'Save outcome');
      await follow(page, 'Add an action');
      await expectAccessible(page);
      await page.getByLabel('Action', { exact: true }).fill('Morning routine chart with Mum');
      await submit(page, 'Save action');
      const actionMissing = await problems(page);
      assert.match(actionMissing, /Select who will do it/);
      assert.match(actionMissing, /Enter the date it is due by/);
      await expectAccessible(page);
      await page.getByLabel('Outcome it works towards').selectOption({ label: 'Wren gets to school on time every day' });
      await page.getByLabel('Who will do it').selectOption({ label: 'Jo Nyland (Health visitor, Brackenshire Community Health NHS Trust)' });
      await fillDate(page, 'dueOn', addCalendarDays(ukToday(), 14));
      await submit(page, 'Save action');
      assert.match(await mainText(page), /Morning routine chart with Mum/);

      // A review: 6 weeks to the next one unless chosen.
      await follow(page, 'Record a review');
      await expectAccessible(page);
      await submit(page, 'Record review');
      assert.match(await problems(page), /Enter the progress made against the plan/);
      await expectAccessible(page);
      await page.getByLabel('Progress against the plan').fill('Three late marks in two weeks, down from nine.');
      await page.getByLabel('Continue with the plan').check();
      await submit(page, 'Record review');
      assert.match(await mainText(page), /Three late marks in two weeks/);

      // Step up: the front door gets the contact with the case, the team is told.
      await follow(page, 'Step up to the front door');
      await expectAccessible(page);
      await page.getByLabel('Consent not sought or overridden for the child’s safety').check();
      await submit(page, 'Step up to the front door');
      const stepMissing = await problems(page);
      assert.match(stepMissing, /Enter why the case needs to go to the front door/);
      assert.match(stepMissing, /Enter why consent was not sought or was overridden/);
      await expectAccessible(page);
      await page.getByLabel('Why does this need the front door now?').fill('Wren told her teacher she was hit with a belt.');
      await page.getByLabel('Today').check();
      await page.getByLabel('Why was consent not sought or overridden?').fill('Telling the parents could put Wren at greater risk.');
      await submit(page, 'Step up to the front door');
      assert.equal(pathOf(page), caseUrl);
      assert.match(await mainText(page), /Stepped up to the front door/);
      await expectAccessible(page);
    }));

  it('tells the team and puts the step up in the front door’s queue', async () => {
    await b.journey(async (page) => {
      await page.goto('/alerts');
      await signIn(page, JO);
      assert.match(await mainText(page), /An early help case you are part of was stepped up to the front door/);
      assert.doesNotMatch(await mainText(page), /Wren Hollowell was/);
      await page.goto('/early-help');
      assert.match(await mainText(page), /Cases you work on/);
      assert.match(await mainText(page), /Wren Hollowell/);
      await expectAccessible(page);
    });
    await b.journey(async (page) => {
      await page.goto('/contacts');
      await signIn(page, SAM);
      assert.match(await mainText(page), /Wren Hollowell/);
      const chronology = await b.t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', child.id).execute();
      for (const type of ['early_help.opened', 'early_help.assessment_registered', 'early_help.tac_joined', 'early_help.review_held', 'early_help.stepped_up', 'contact.received']) {
        assert.ok(chronology.some((c) => c.entry_type === type), `the chronology has ${type}`);
      }
    });
  });

  it('steps a case down from social care, allocates it, refuses a stale change, closes it read-only', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${stepDownChild.id}/step-down`);
      await signIn(page, SAM);
      await expectAccessible(page);
      await submit(page, 'Step down to early help');
      const missing = await problems(page);
      assert.match(missing, /Select why the case is stepping down/);
      assert.match(missing, /Enter the summary of the social care assessment/);
      await expectAccessible(page);
      await page.getByLabel('Child in need plan ended').check();
      await page.getByLabel('Summary of the social care assessment').fill('Housing resolved; the children are thriving. Help wanted with behaviour at school.');
      await page.getByLabel('Suggested lead agency (optional)').selectOption({ label: 'Fernhollow Academy' });
      await submit(page, 'Step down to early help');
      const caseUrl = pathOf(page);
      assert.match(await mainText(page), /Housing resolved; the children are thriving/);
      assert.match(await mainText(page), /Awaiting allocation/);
      await page.goto(`/people/${stepDownChild.id}/step-down`);
      assert.match(await mainText(page), /already has an open early help case/);
      await expectAccessible(page);

      // Kit allocates, in two tabs: the second, stale, allocation is refused.
      await page.context().clearCookies();
      await page.goto(`${caseUrl}/allocate`);
      await signIn(page, KIT);
      assert.equal(pathOf(page), `${caseUrl}/allocate`);
      await expectAccessible(page);
      const other = await anotherPage(page);
      await other.goto(`${caseUrl}/allocate`);
      await submit(page, 'Allocate');
      assert.match(await problems(page), /Select the lead professional/);
      await expectAccessible(page);
      await page.getByLabel('Lead professional').selectOption({ label: 'Kit Ellery (Brackenshire Early Help)' });
      await submit(page, 'Allocate');
      assert.equal(pathOf(page), caseUrl);
      await other.getByLabel('Lead professional').selectOption({ label: 'Jo Nyland (Brackenshire Community Health NHS Trust)' });
      await submit(other, 'Allocate');
      assert.equal(await heading(other), 'This record was changed by someone else');
      await expectAccessible(other);
      await other.close();

      await follow(page, 'Close the case');
      await expectAccessible(page);
      await submit(page, 'Close case');
      assert.match(await problems(page), /Select why the case is closing/);
      await expectAccessible(page);
      await page.getByLabel('Transferred to another service').check();
      await page.getByLabel('Closing summary').fill('Transferred to the school’s pastoral team.');
      await submit(page, 'Close case');
      assert.match(await mainText(page), /This case was closed on/);
      await expectAccessible(page);
      await page.goto(`${caseUrl}/reviews/new`);
      assert.equal(await heading(page), 'This early help case is closed');
      await expectAccessible(page);
    }));

  it('shows early help figures to an analyst', () =>
    b.journey(async (page) => {
      await page.goto('/early-help/figures');
      await signIn(page, ALEX);
      assert.equal(await heading(page), 'Early help assessments registered');
      assert.match(await mainText(page), /Who completed it/);
      await expectAccessible(page);
    }));
});
