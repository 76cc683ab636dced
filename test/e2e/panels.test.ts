import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { anotherPage, type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const CHRIS = 'chris.varley@cairn.example';
const KIT = 'kit.ellery@cairn.example';
const PANEL = 'Journey MASG';

/** The agenda line for the child, and its "Record" or "Change" link. */
async function openItem(page: Page, childName: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: new RegExp(`(Record|Change) the discussion of ${childName}`) }).click()]);
}

/** Records the decision at a MASG: decision, distance travelled score, services, next review today. */
async function recordDecision(page: Page, score: string, decision: string) {
  await page.getByLabel('Discussion (optional)').fill('The lead professional presented the family’s progress.');
  await page.getByLabel('Decision', { exact: true }).fill(decision);
  await page.getByRole('group', { name: 'Distance travelled score' }).getByLabel(score, { exact: true }).check();
  await page.getByLabel('Housing advice and support').check();
  await page.getByLabel('Keep open and review at a later meeting').check();
  await fillDate(page, 'nextReviewDue', ukToday());
  await submit(page, 'Save the discussion');
}

/** A GOV.UK button that is a link (role "button"), followed to the page it leads to. */
async function press(page: Page, name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function recordChairPresent(page: Page) {
  await follow(page, 'Record attendance');
  await page.getByRole('group', { name: 'Chris Varley, Brackenshire Early Help' }).getByLabel('Present').check();
  await submit(page, 'Save attendance');
}

describe('a child through a multi-agency support group in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; name: string };
  let referralId = '';

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    const row = await b.t.db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow();
    child = { id: row.id, name: `${row.given_name} ${row.family_name}` };
    // The child is known to early help (as an early help case would make it), so the practitioner can refer.
    const eh = await b.t.db.selectFrom('agencies').select('id').where('kind', '=', 'early_help').executeTakeFirstOrThrow();
    await b.t.db.insertInto('involvements').values({ person_id: child.id, agency_id: eh.id, basis: 'consent', detail: 'Early help consent' }).execute();
  });
  after(() => b?.close());

  it('a chair sets up a MASG', () =>
    b.journey(async (page) => {
      await signIn(page, CHRIS);
      await page.goto('/panels');
      assert.equal(await heading(page), 'Panels');
      await expectAccessible(page);
      await press(page, 'Set up a panel');
      await expectAccessible(page);
      await submit(page, 'Set up panel');
      const missing = await problems(page);
      assert.match(missing, /Enter the panel’s name/);
      assert.match(missing, /Select the kind of panel/);
      await expectAccessible(page);

      await page.getByLabel('Name', { exact: true }).fill(PANEL);
      await page.getByLabel('Multi-Agency Support Group (MASG)').check();
      await page.getByLabel('Which locality does it serve?').selectOption({ label: 'North, West and Rural' });
      await submit(page, 'Set up panel');
      assert.equal(await heading(page), PANEL);
      assert.match(await mainText(page), /Chair Chris Varley/);
      await expectAccessible(page);
    }));

  it('an early help practitioner refers the child to the MASG', () =>
    b.journey(async (page) => {
      await signIn(page, KIT);
      await page.goto(`/people/${child.id}/panel-referrals/new`);
      assert.equal(await heading(page), 'Refer to a panel');
      await expectAccessible(page);
      await page.getByLabel(PANEL).check();
      await submit(page, 'Continue');
      assert.equal(await heading(page), `Refer to ${PANEL}`);
      await expectAccessible(page);

      await submit(page, 'Send referral');
      const missing = await problems(page);
      assert.match(missing, /Select an answer to “How has the child come to the MASG\?”/);
      assert.match(missing, /Select at least one of the presenting issues/);
      assert.match(missing, /Enter what the panel is asked to help with/);
      await expectAccessible(page);

      await page.getByLabel('CAF: an existing early help case making little progress').check();
      await page.getByLabel('Challenging behaviour').check();
      await page.getByLabel('Housing', { exact: true }).check();
      await page.getByLabel('What is the panel asked to help with?').fill('The family is overcrowded and the TAC cannot get a housing assessment.');
      await submit(page, 'Send referral');
      assert.match(pathOf(page), /^\/panels\/referrals\/[0-9a-f-]{36}$/);
      referralId = pathOf(page).split('/')[3]!;
      const text = await mainText(page);
      assert.match(text, /Awaiting first discussion/);
      assert.match(text, /Challenging behaviour/);
      await expectAccessible(page);
    }));

  it('the chair plans a meeting, records attendance, the decision, the score and an action, and finishes it', () =>
    b.journey(async (page) => {
      await signIn(page, CHRIS);
      await page.goto('/panels');
      await follow(page, PANEL);
      assert.match(await mainText(page), new RegExp(`Awaiting first discussion \\(1\\) .*${child.name}`));
      await press(page, 'Plan a meeting');
      await expectAccessible(page);
      await page.locator('#meetingDate-day').fill('');
      await submit(page, 'Plan meeting');
      assert.match(await problems(page), /The meeting date must include a day/);
      await expectAccessible(page);
      await fillDate(page, 'meetingDate', ukToday());
      await page.getByLabel('Where (optional)').fill('Brackenshire House, room 2');
      await submit(page, 'Plan meeting');
      assert.match(await heading(page), /^Meeting on /);
      assert.match(await mainText(page), new RegExp(`1\\. ${child.name} New referral To discuss`));
      await expectAccessible(page);

      await submit(page, 'Finish meeting');
      assert.match(await problems(page), /Record who attended before finishing the meeting/);
      await expectAccessible(page);

      await follow(page, 'Record attendance');
      await expectAccessible(page);
      await page.getByLabel('Name', { exact: true }).fill('Dana Holt');
      await submit(page, 'Add to the list');
      assert.match(await problems(page), /Enter the organisation they represent/);
      await expectAccessible(page);
      await page.getByLabel('Organisation they represent').fill('Brackenshire Housing');
      await submit(page, 'Add to the list');
      await page.getByRole('group', { name: 'Chris Varley, Brackenshire Early Help' }).getByLabel('Present').check();
      await submit(page, 'Save attendance');
      assert.match(await mainText(page), /Dana Holt, Brackenshire Housing: Present/);

      await openItem(page, child.name);
      assert.equal(await heading(page), `First discussion at the meeting on ${await formatToday(page)}`);
      await expectAccessible(page);
      await page.getByLabel('Decision', { exact: true }).fill('Housing to assess the family’s accommodation.');
      await page.getByLabel('Keep open and review at a later meeting').check();
      await submit(page, 'Save the discussion');
      assert.match(await problems(page), /Select the distance travelled score, from 1 to 10/);
      assert.equal(await page.getByLabel('Decision', { exact: true }).inputValue(), 'Housing to assess the family’s accommodation.');
      await expectAccessible(page);

      await page.getByLabel('Action', { exact: true }).fill('Complete a housing assessment');
      await page.getByLabel('Who will do it').selectOption({ label: 'Kit Ellery, Brackenshire Early Help' });
      await fillDate(page, 'dueOn', ukToday());
      await submit(page, 'Add action');
      assert.match(await mainText(page), /Complete a housing assessment: Kit Ellery, due/);

      await recordDecision(page, '4', 'Housing to assess the family’s accommodation.');
      assert.match(await mainText(page), /Decided Housing to assess the family’s accommodation\. \(distance travelled 4\/10\)/);
      await submit(page, 'Finish meeting');
      assert.match(await mainText(page), /Held/);
      await expectAccessible(page);
    }));

  it('a review meeting records a higher score, and the referral shows the distance travelled', () =>
    b.journey(async (page) => {
      await signIn(page, CHRIS);
      await page.goto(`/panels/referrals/${referralId}`);
      assert.match(await mainText(page), /: referral Open Next review/);
      await follow(page, PANEL);
      await press(page, 'Plan a meeting');
      await fillDate(page, 'meetingDate', ukToday());
      await submit(page, 'Plan meeting');
      assert.match(await mainText(page), new RegExp(`1\\. ${child.name} Review To discuss`));
      await recordChairPresent(page);
      await openItem(page, child.name);
      assert.match(await mainText(page), /Distance travelled so far 4/);
      await recordDecision(page, '7', 'Family rehoused; school attendance improving.');
      await submit(page, 'Finish meeting');
      assert.match(await mainText(page), /Held/);

      await page.goto(`/panels/referrals/${referralId}`);
      const text = await mainText(page);
      assert.match(text, /From 4 at entry to 7 now: \+3/);
      assert.match(text, /Complete a housing assessment/);
      await expectAccessible(page);
    }));

  it('the action’s owner marks it done from the referral', () =>
    b.journey(async (page) => {
      await signIn(page, KIT);
      await page.goto(`/panels/referrals/${referralId}`);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^Mark as done\s*:\s*Complete a housing assessment$/ }).click()]);
      assert.match(await mainText(page), /Complete a housing assessment Kit Ellery .* Done /);
      await expectAccessible(page);
    }));

  it('the chair changes and cancels a meeting, is shown a conflict, and closes the referral', () =>
    b.journey(async (page) => {
      await signIn(page, CHRIS);
      await page.goto(`/panels/referrals/${referralId}`);
      await follow(page, PANEL);
      await follow(page, 'Change the panel’s details');
      assert.equal(await heading(page), 'Change the panel’s details');
      await expectAccessible(page);
      await follow(page, 'Back');
      await press(page, 'Plan a meeting');
      await submit(page, 'Plan meeting');
      const meetingPath = pathOf(page);
      assert.match(await mainText(page), new RegExp(`1\\. ${child.name} Review To discuss`));

      // Two copies of the change form: the second save finds the meeting changed.
      await follow(page, 'Change the date or place');
      await expectAccessible(page);
      const other = await anotherPage(page);
      await other.goto(page.url());
      await page.getByLabel('Where (optional)').fill('Online');
      await submit(page, 'Save changes');
      await other.getByLabel('Where (optional)').fill('Town hall');
      await submit(other, 'Save changes');
      assert.equal(await heading(other), 'This record was changed by someone else');
      assert.match(await mainText(other), /Town hall/);
      await expectAccessible(other);
      await other.close();

      await page.goto(meetingPath);
      await follow(page, 'Cancel the meeting');
      await expectAccessible(page);
      await submit(page, 'Cancel meeting');
      assert.match(await problems(page), /Enter why the meeting is cancelled/);
      await expectAccessible(page);
      await page.getByLabel('Why is it cancelled?').fill('The chair is unwell.');
      await submit(page, 'Cancel meeting');
      assert.match(await mainText(page), /Cancelled: The chair is unwell\./);

      await page.goto(`/panels/referrals/${referralId}`);
      await follow(page, 'Close the referral');
      await expectAccessible(page);
      await submit(page, 'Close referral');
      assert.match(await problems(page), /Select the outcome/);
      await expectAccessible(page);
      await page.getByLabel('Needs met').check();
      await submit(page, 'Close referral');
      assert.equal(await heading(page), PANEL);
      assert.match(await mainText(page), /The referral is closed\./);
      await expectAccessible(page);
    }));
});

/** Today as the pages write it. */
async function formatToday(page: Page): Promise<string> {
  return page.evaluate(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date()));
}
