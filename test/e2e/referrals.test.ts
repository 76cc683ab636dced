import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';

describe('referral, assessment and child in need plan in a browser', () => {
  let b: BrowserApp;
  let child: string;
  let other: string;
  let episodeUrl = '';
  let otherUrl = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    child = await insertTestPerson(b.t.db, { givenName: 'Tamsin', familyName: 'Larkspur', postcode: 'ZZ99 5EF', dateOfBirth: '2016-06-01' });
    other = await insertTestPerson(b.t.db, { givenName: 'Bryn', familyName: 'Larkspur', postcode: 'ZZ99 5EF', dateOfBirth: '2018-02-11' });
  });
  after(() => b?.close());

  it('sam.rowe records a referral, starts the assessment, records disability and submits it', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child}/referrals/new`);
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Record a referral');
      await expectAccessible(page);
      await page.getByLabel('Reasons for the referral').fill('GP worried about weight loss and missed appointments');
      await submit(page, 'Record referral');
      assert.match(await problems(page), /Select who made the referral/);
      assert.equal(await page.getByLabel('Reasons for the referral').inputValue(), 'GP worried about weight loss and missed appointments');
      await expectAccessible(page);
      await page.getByLabel('Who made the referral').selectOption('3A');
      await submit(page, 'Record referral');
      assert.match(pathOf(page), /^\/referrals\/[0-9a-f-]{36}$/);
      episodeUrl = pathOf(page);
      assert.match(await mainText(page), /Referred by GP/);
      await expectAccessible(page);

      await follow(page, 'Change primary need');
      await expectAccessible(page);
      await page.getByLabel('Family in acute stress (N4)').check();
      await submit(page, 'Save primary need');
      assert.match(await mainText(page), /Primary need Family in acute stress/);

      await follow(page, 'Start the assessment');
      assert.equal(await heading(page), 'Start the child and family assessment');
      await expectAccessible(page);
      await submit(page, 'Start assessment');
      assert.match(pathOf(page), /^\/assessments\//);
      await expectAccessible(page);
      await follow(page, 'Record disability');
      await expectAccessible(page);
      await page.getByLabel('No disability').check();
      await submit(page, 'Save disability');
      assert.match(pathOf(page), /^\/assessments\//, 'back to the assessment');

      await submit(page, 'Submit for authorisation');
      assert.match(await problems(page), /Enter the date the child was seen/);
      await expectAccessible(page);
      await fillDate(page, 'childSeenDate', ukToday());
      await page.getByLabel('The child’s views').fill('Says home is noisy and she is hungry at school');
      await page.getByLabel('The family’s views').fill('Mum agrees she needs help');
      await page.getByLabel('Analysis').fill('Needs are significant; the family engage; a plan should meet them');
      await page.locator('#factor-16A').check();
      await page.locator('#factor-4B').check();
      await page.getByLabel('Child in need plan').check();
      await submit(page, 'Submit for authorisation');
      assert.match(await mainText(page), /Submitted for authorisation/);
      await expectAccessible(page);

      // A second referral for the manager to close with no further action.
      await page.goto(`/people/${other}/referrals/new`);
      await page.getByLabel('Who made the referral').selectOption('1D');
      await page.getByLabel('Reasons for the referral').fill('Neighbour heard shouting late at night');
      await submit(page, 'Record referral');
      otherUrl = pathOf(page);
    }));

  it('morgan.hale authorises into a plan; the plan gets an outcome, an action and a review; the episode closes', () =>
    b.journey(async (page) => {
      await page.goto('/referrals');
      await signIn(page, MORGAN);
      assert.equal(await heading(page), 'Referrals and assessments');
      await expectAccessible(page);
      assert.match(await mainText(page), /Tamsin Larkspur.*Awaiting authorisation/);

      await page.goto(otherUrl);
      await follow(page, 'No further action');
      await expectAccessible(page);
      await page.getByLabel('Why no further action is needed').fill('Advice given to the family; no concerns for the child');
      await submit(page, 'Close with no further action');
      assert.match(await mainText(page), /No further action was needed/);

      await page.goto(episodeUrl);
      await follow(page, 'Authorise or return it');
      assert.equal(await heading(page), 'Authorise the assessment');
      await expectAccessible(page);
      await page.getByLabel('Yes, authorise it').check();
      await submit(page, 'Save decision');
      assert.match(pathOf(page), /^\/cin-plans\//);
      assert.match(await mainText(page), /Family in acute stress/, 'the primary need from the worker was kept');
      await expectAccessible(page);

      await follow(page, 'Add an outcome');
      await expectAccessible(page);
      await page.getByLabel('What the plan aims for').fill('Tamsin is at school every day');
      await submit(page, 'Save');
      await follow(page, 'Add an action');
      await page.getByLabel('What will be done').fill('Parenting programme at the family hub');
      await submit(page, 'Save');
      assert.match(await problems(page), /Enter who will do it/);
      await expectAccessible(page);
      await page.getByLabel('Who').fill('Mother');
      await fillDate(page, 'dueDate', ukToday());
      await submit(page, 'Save');
      assert.match(await mainText(page), /Parenting programme at the family hub Mother/);

      await follow(page, 'Record a review');
      await expectAccessible(page);
      await page.getByLabel('Progress against the plan').fill('Attendance up; mum on the programme');
      await page.getByLabel('End the plan').check();
      await submit(page, 'Record review');
      assert.equal(await heading(page), 'End the child in need plan');
      await expectAccessible(page);
      await page.getByLabel('The child is no longer in need').check();
      await submit(page, 'End plan');
      assert.equal(pathOf(page), episodeUrl);

      await follow(page, 'Close the episode');
      await expectAccessible(page);
      await page.getByLabel('Closed after assessment: no further action (RC8)').check();
      await submit(page, 'Close episode');
      assert.match(await problems(page), /had a plan or child protection enquiries/);
      await expectAccessible(page);
      await page.getByLabel('Services ceased for any other reason, including no longer in need (RC7)').check();
      await submit(page, 'Close episode');
      assert.match(await mainText(page), /This episode closed on/);
      await expectAccessible(page);
    }));

  it('an assessment that finds significant harm leads to the strategy discussion', () =>
    b.journey(async (page) => {
      const third = await insertTestPerson(b.t.db, { givenName: 'Ivo', familyName: 'Larkspur', postcode: 'ZZ99 5EF', dateOfBirth: '2019-09-09' });
      await page.goto(`/people/${third}/referrals/new`);
      await signIn(page, SAM);
      await page.getByLabel('Who made the referral').selectOption('6');
      await page.getByLabel('Reasons for the referral').fill('Police called to the home; the child has a bruise on his face');
      await submit(page, 'Record referral');
      const url = pathOf(page);
      await follow(page, 'Start the assessment');
      await submit(page, 'Start assessment');
      await follow(page, 'Record disability');
      await page.getByLabel('No disability').check();
      await submit(page, 'Save disability');
      await fillDate(page, 'childSeenDate', ukToday());
      await page.getByLabel('The child’s views').fill('Would not say how he was hurt');
      await page.getByLabel('The family’s views').fill('Father says he fell');
      await page.getByLabel('Analysis').fill('An unexplained injury to a young child: reasonable cause to suspect significant harm');
      await page.locator('#factor-18C').check();
      await page.getByLabel('Strategy discussion').check();
      await submit(page, 'Submit for authorisation');
      await submit(page, 'Sign out');

      await signIn(page, MORGAN);
      await page.goto(url);
      await follow(page, 'Authorise or return it');
      await page.getByLabel('Abuse or neglect (N1)').check();
      await page.getByLabel('Yes, authorise it').check();
      await submit(page, 'Save decision');
      await follow(page, 'Record the strategy discussion');
      assert.equal(await heading(page), 'Record a strategy discussion');
      await expectAccessible(page);
    }));
});
