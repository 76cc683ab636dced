import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const CHRIS = 'chris.varley@cairn.example';
const PAT = 'pat.quinn@cairn.example';

describe('peer groups and the MET hub agenda in a browser', () => {
  let b: BrowserApp;
  const kids: Record<string, string> = {};

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    const db = b.t.db;
    const samId = (await db.selectFrom('users').select('id').where('email', '=', SAM).executeTakeFirstOrThrow()).id;
    const school = (await db.selectFrom('users').select('agency_id').where('email', '=', PAT).executeTakeFirstOrThrow()).agency_id;
    for (const [key, given] of Object.entries({ ori: 'Orinthia', pax: 'Paxton', quill: 'Quillon' })) {
      kids[key] = await insertTestPerson(db, { givenName: given, familyName: 'Stavely', dateOfBirth: '2010-03-14' });
      const on = addCalendarDays(ukToday(), -14);
      await db.insertInto('exploitation_screenings').values({ person_id: kids[key]!, screened_on: on, sexual_exploitation: 'none', criminal_exploitation: 'high', trafficking: 'none', summary: 'Screened.', review_due: addMonths(on, 3), created_by: samId }).execute();
    }
    // The school knows Orinthia only.
    await db.insertInto('involvements').values({ person_id: kids.ori!, agency_id: school, basis: 'consent', detail: 'test' }).execute();
    await db.insertInto('places').values({ name: 'Stavely underpass', kind: 'other', created_by: samId }).execute();
  });
  after(() => b?.close());

  it('a social worker starts a group, adds members and a place, records a MET hub discussion with actions, and the agenda groups the children', () =>
    b.journey(async (page) => {
      await page.goto('/exploitation');
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Exploitation and harm outside the home');
      let text = await mainText(page);
      assert.match(text, /Orinthia Stavely \(network of Orinthia Stavely \) Exploitation screening .*: criminal exploitation high/);
      await expectAccessible(page);

      await follow(page, 'Peer groups');
      assert.equal(await heading(page), 'Peer groups');
      await expectAccessible(page);
      await submit(page, 'Start a peer group');
      await expectAccessible(page);
      await page.getByLabel('What is known of the group (optional)').fill('Seen together at the underpass after school.');
      await submit(page, 'Start the group');
      assert.match(await problems(page), /Enter a name for the group/);
      assert.equal(await page.getByLabel('What is known of the group (optional)').inputValue(), 'Seen together at the underpass after school.');
      await expectAccessible(page);
      await page.getByLabel('Name', { exact: true }).fill('Stavely underpass group');
      await page.getByLabel('Locality').selectOption('south');
      await submit(page, 'Start the group');
      assert.match(pathOf(page), /^\/peer-groups\/[0-9a-f-]{36}$/);
      const groupUrl = pathOf(page);
      assert.equal(await heading(page), 'Stavely underpass group');
      await expectAccessible(page);

      for (const name of ['Orinthia', 'Paxton']) {
        await follow(page, 'Add a member');
        await expectAccessible(page);
        await page.getByLabel('Name').fill(`${name} Stavely`);
        await submit(page, 'Search');
        await expectAccessible(page);
        await submit(page, `Choose ${name} Stavely`);
        await fillDate(page, 'fromDate', addCalendarDays(ukToday(), -20));
        await expectAccessible(page);
        await submit(page, 'Add to the group');
        assert.equal(pathOf(page), groupUrl);
      }
      text = await mainText(page);
      assert.match(text, /Orinthia Stavely/);
      assert.match(text, /Paxton Stavely/);

      await follow(page, 'Link a place');
      await expectAccessible(page);
      await submit(page, 'Link the place');
      assert.match(await problems(page), /Select a place/);
      await page.getByLabel('Place of concern').selectOption({ label: 'Stavely underpass (Other)' });
      await submit(page, 'Link the place');
      assert.equal(pathOf(page), groupUrl);

      await submit(page, 'Record a group discussion');
      assert.equal(await heading(page), 'Record a group discussion');
      await expectAccessible(page);
      await page.getByLabel('Discussion summary').fill('Older males meet the group at the underpass.');
      await page.locator('#actionKind0').selectOption('patrols');
      await page.locator('#actionPlace0').selectOption({ label: 'Stavely underpass' });
      await page.locator('#actionWhat0').fill('Evening patrols at the underpass');
      await submit(page, 'Save the discussion');
      const errors = await problems(page);
      assert.match(errors, /Select the risk level the group presents/);
      assert.match(errors, /Select the agency that will do it/);
      assert.equal(await page.locator('#actionWhat0').inputValue(), 'Evening patrols at the underpass');
      await expectAccessible(page);
      await page.getByLabel('High').check();
      await page.locator('#actionAgency0').selectOption({ index: 1 });
      await fillDate(page, 'actionDue0', addCalendarDays(ukToday(), 21));
      await submit(page, 'Save the discussion');
      assert.equal(pathOf(page), groupUrl);
      assert.match(await mainText(page), /Evening patrols at the underpass/);
      await expectAccessible(page);

      await follow(page, /Mark done/);
      await expectAccessible(page);
      await submit(page, 'Mark done');
      assert.match(await mainText(page), /Done \d/);
      await follow(page, /End membership of Paxton Stavely/);
      await expectAccessible(page);
      await follow(page, 'Back to the peer group');
      await follow(page, 'Change the group’s details');
      await expectAccessible(page);

      await page.goto('/exploitation');
      text = await mainText(page);
      assert.match(text, /Group \d: 2 children .*Orinthia Stavely.*Paxton Stavely.*are in the peer group Stavely underpass group/);
      await expectAccessible(page);
      await follow(page, 'Stavely underpass group');
      assert.equal(pathOf(page), groupUrl);
    }));

  it('the school sees the group and the agenda with only the child it knows; the MET hub chair has the Exploitation link', async () => {
    await b.journey(async (page) => {
      await page.goto('/exploitation');
      await signIn(page, PAT);
      assert.equal(await heading(page), 'Exploitation and harm outside the home');
      let text = await mainText(page);
      assert.match(text, /Orinthia Stavely/);
      assert.doesNotMatch(text, /Paxton|Quillon/);
      await expectAccessible(page);
      await follow(page, 'Stavely underpass group');
      text = await mainText(page);
      assert.match(text, /Orinthia Stavely/);
      assert.doesNotMatch(text, /Paxton|Add a member|Record a group discussion/);
      await expectAccessible(page);
    });
    await b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, CHRIS);
      await follow(page, 'Exploitation');
      assert.equal(await heading(page), 'Exploitation and harm outside the home');
      await expectAccessible(page);
    });
  });
});
