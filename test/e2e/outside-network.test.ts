import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agencyOf } from '../../src/domains/early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const PAT = 'pat.quinn@cairn.example';

describe('a child’s network in a browser', () => {
  let b: BrowserApp;
  let child = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    const db = b.t.db;
    child = await insertTestPerson(db, { givenName: 'Marnie', familyName: 'Quillfeather', dateOfBirth: '2011-05-05' });
    await insertTestPerson(db, { givenName: 'Jory', familyName: 'Quillfeather', dateOfBirth: '2010-08-08' });
    const adult = await insertTestPerson(db, { givenName: 'Silas', familyName: 'Vantrell', dateOfBirth: '1988-02-02', personType: 'adult' });
    // The school knows Marnie, not the adult: it must never see that the two are linked.
    await db.insertInto('involvements').values({ person_id: child, agency_id: await agencyOf(db, 'education'), basis: 'consent', detail: 'test' }).execute();
    await db.insertInto('associations').values({ person_id: child, other_person_id: adult, nature: 'suspected_exploiter', source: 'police', confidence: 'likely', from_date: addCalendarDays(ukToday(), -20) }).execute();
    const place = await db.insertInto('places').values({ name: 'Kestrel Lane Chicken Shop', kind: 'shop', locality: 'South' }).returning('id').executeTakeFirstOrThrow();
    const incident = await db
      .insertInto('place_incidents')
      .values({ place_id: place.id, kind: 'sighting', occurred_at: new Date(Date.now() - 3 * 86_400_000), source: 'police', summary: 'Seen with older males late at night.' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('place_incident_people').values({ incident_id: incident.id, person_id: child }).execute();
  });
  after(() => b?.close());

  it('a social worker sees the network as a graph and tables, adds an association (errors first) and ends it', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child}`);
      await signIn(page, SAM);
      await page.goto(`/people/${child}`);
      await follow(page, 'Network: peers, adults and places');
      assert.equal(await heading(page), 'Network');
      assert.equal(await page.locator('svg[role="img"] title').textContent(), 'The network of Marnie Quillfeather');
      let text = await mainText(page);
      assert.match(text, /Silas Vantrell Adult Suspected exploiter Likely Police/);
      assert.match(text, /Kestrel Lane Chicken Shop/);
      assert.match(text, /linked to 0 young people, 1 adult, 1 place and 0 peer groups/);
      await expectAccessible(page);

      await submit(page, 'Add an association');
      assert.equal(await heading(page), 'Who are they associated with?');
      await expectAccessible(page);
      await submit(page, 'Search');
      assert.match(await problems(page), /Enter a name or date of birth to search for/);
      await expectAccessible(page);
      await page.getByLabel('Name').fill('Quillfeather');
      await submit(page, 'Search');
      assert.match(await mainText(page), /1 person found/, 'not the child themselves');
      await expectAccessible(page);
      await submit(page, 'Choose Jory Quillfeather');
      assert.equal(await heading(page), 'About the association');
      await expectAccessible(page);
      await page.getByLabel('Notes (optional)').fill('Walk home from school together most days.');
      await submit(page, 'Record the association');
      const shown = await problems(page);
      assert.match(shown, /Select how they are associated/);
      assert.match(shown, /Select where the information came from/);
      assert.equal(await page.getByLabel('Notes (optional)').inputValue(), 'Walk home from school together most days.');
      await expectAccessible(page);
      await page.getByLabel('Friend', { exact: true }).check();
      await page.getByLabel('Where did the information come from?').selectOption('school');
      await page.getByLabel('Confirmed').check();
      await fillDate(page, 'fromDate', addCalendarDays(ukToday(), -7));
      await submit(page, 'Record the association');
      assert.equal(pathOf(page), `/people/${child}/network`);
      text = await mainText(page);
      assert.match(text, /Jory Quillfeather Young person Walk home from school together most days\. Friend Confirmed School/);
      assert.match(text, /linked to 1 young person, 1 adult, 1 place/);
      assert.equal(await page.locator('svg[role="img"] g[data-kind="child"]').count(), 1);
      await expectAccessible(page);

      await follow(page, 'End the association with Jory Quillfeather');
      assert.equal(await heading(page), 'End an association');
      await expectAccessible(page);
      await fillDate(page, 'toDate', addCalendarDays(ukToday(), 3));
      await submit(page, 'End the association');
      assert.match(await problems(page), /today or in the past/);
      await expectAccessible(page);
      await fillDate(page, 'toDate', addCalendarDays(ukToday(), -1));
      await submit(page, 'End the association');
      assert.equal(pathOf(page), `/people/${child}/network`);
      text = await mainText(page);
      assert.match(text, /Ended associations .*From To Jory Quillfeather Friend Confirmed School/);
      assert.match(text, /linked to 0 young people, 1 adult/);
      await expectAccessible(page);

      await page.goto(`/people/${child}/chronology`);
      text = await mainText(page);
      assert.match(text, /An association with another young person was recorded \(confirmed\)/);
      assert.doesNotMatch(text, /Jory/);
    }));

  it('the school sees the child’s network without the adult it cannot see, not even counted', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${child}/network`);
      await signIn(page, PAT);
      await page.goto(`/people/${child}/network`);
      assert.equal(await heading(page), 'Network');
      const text = await mainText(page);
      assert.doesNotMatch(text, /Silas|Vantrell|Suspected exploiter/);
      assert.match(text, /linked to 0 young people, 0 adults, 1 place/);
      assert.match(text, /Kestrel Lane Chicken Shop/);
      await expectAccessible(page);
    }));
});
