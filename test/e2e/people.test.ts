import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserApp, errorSummary, expectAccessible, heading, signIn, startBrowserApp, submit } from '../support/browser.ts';

interface Child {
  id: string;
  name: string;
}

/** Searches the person index by name from the search page and returns the link to the given person's record. */
async function searchByName(page: Page, child: Child) {
  if (new URL(page.url()).pathname !== '/people') await page.goto('/people');
  await page.getByLabel('Name', { exact: true }).fill(child.name);
  await submit(page, 'Search');
  assert.match(await page.locator('#results').innerText(), /^(1 person|\d+ people) found$/);
  return page.locator(`a[href="/people/${child.id}?from=search"]`);
}

describe('finding and opening a child’s record in a browser', () => {
  let b: BrowserApp;
  /** A child known to children's social care but not to the school, and not restricted. */
  let unknownToSchool: Child;

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    const rows = await sql<Child>`
      SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM people p
      WHERE p.person_type = 'child' AND NOT p.restricted AND p.merged_into IS NULL
        AND NOT EXISTS (SELECT 1 FROM involvements i JOIN agencies a ON a.id = i.agency_id
                        WHERE i.person_id = p.id AND a.name = 'Fernhollow Academy')
      ORDER BY p.family_name, p.given_name, p.id LIMIT 1`.execute(b.t.db);
    assert.ok(rows.rows[0], 'the demo data has a child the school does not know');
    unknownToSchool = rows.rows[0];
  });
  after(() => b?.close());

  it('lets a social care practitioner search for a child by name and open the record', () =>
    b.journey(async (page) => {
      await signIn(page, 'sam.rowe@cairn.example');
      assert.equal(new URL(page.url()).pathname, '/work', 'a practitioner starts at their work');
      await page.getByRole('link', { name: 'People', exact: true }).click();
      assert.equal(await heading(page), 'Find a person');
      await expectAccessible(page);

      await page.getByLabel('Day').fill('31');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('2015');
      await submit(page, 'Search');
      assert.ok((await errorSummary(page))?.startsWith('There is a problem'), 'an impossible date of birth is explained');
      await expectAccessible(page);
      await page.getByLabel('Day').fill('');
      await page.getByLabel('Month').fill('');
      await page.getByLabel('Year').fill('');

      const link = await searchByName(page, unknownToSchool);
      assert.equal(await link.count(), 1, `${unknownToSchool.name} is in the results`);
      await expectAccessible(page);

      await Promise.all([page.waitForEvent('load'), link.click()]);
      assert.equal(new URL(page.url()).pathname, `/people/${unknownToSchool.id}`);
      assert.match(await heading(page), new RegExp(`^${unknownToSchool.name}`));
      await expectAccessible(page);

      // Opening a record is audited (as an open from search results, when reached from them).
      const opened = await b.t.db
        .selectFrom('access_audit')
        .innerJoin('users', 'users.id', 'access_audit.user_id')
        .select(['access_audit.action', 'access_audit.outcome'])
        .where('access_audit.person_id', '=', unknownToSchool.id)
        .where('users.email', '=', 'sam.rowe@cairn.example')
        .execute();
      assert.equal(opened.length, 1, `one audit entry for opening the record: ${JSON.stringify(opened)}`);
      assert.match(opened[0]!.action, /^person\.(view|search_open)$/);
      assert.equal(opened[0]!.outcome, 'allowed');
    }));

  it('lets a school partner refused a record open it in an emergency, with a reason that is audited', () =>
    b.journey(async (page) => {
      await signIn(page, 'pat.quinn@cairn.example');
      const link = await searchByName(page, unknownToSchool);
      assert.equal(await link.count(), 1, `${unknownToSchool.name} is in the results`);
      assert.match(await link.locator('xpath=..').innerText(), /You are not involved with this person/);

      const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === `/people/${unknownToSchool.id}`), link.click()]);
      await page.waitForLoadState('load');
      assert.equal(response.status(), 403);
      assert.equal(await heading(page), 'You do not have access');
      assert.doesNotMatch(await page.locator('main').innerText(), /Date of birth|NHS number/);
      await expectAccessible(page);

      await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'request emergency access' }).click()]);
      assert.equal(new URL(page.url()).pathname, `/people/${unknownToSchool.id}/break-glass`);
      assert.equal(await heading(page), 'Request emergency access to this record');
      await expectAccessible(page);

      await submit(page, 'Open the record');
      const problems = (await errorSummary(page)) ?? '';
      assert.match(problems, /Enter why you need emergency access to this record/);
      assert.match(problems, /Confirm that you have an urgent safeguarding reason/);
      await expectAccessible(page);

      const reason = 'Child disclosed harm at school today and may not be safe going home';
      await page.getByLabel('Why do you need to see this record now?').fill(reason);
      await page.getByLabel(/I have an urgent safeguarding reason to see this record/).check();
      await submit(page, 'Open the record');
      assert.equal(new URL(page.url()).pathname, `/people/${unknownToSchool.id}`);
      assert.match(await heading(page), new RegExp(`^${unknownToSchool.name}`));
      await expectAccessible(page);

      const audit = await b.t.db
        .selectFrom('access_audit')
        .innerJoin('users', 'users.id', 'access_audit.user_id')
        .select(['access_audit.action', 'access_audit.outcome', 'access_audit.reason'])
        .where('access_audit.person_id', '=', unknownToSchool.id)
        .where('users.email', '=', 'pat.quinn@cairn.example')
        .orderBy('access_audit.at')
        .orderBy('access_audit.id')
        .execute();
      const breakGlass = audit.filter((a) => a.action === 'person.break_glass');
      assert.equal(breakGlass.length, 1, 'one emergency access is recorded');
      assert.equal(breakGlass[0]?.outcome, 'break_glass');
      assert.equal(breakGlass[0]?.reason, reason);
      const views = audit.filter((a) => a.action === 'person.view').map((a) => a.outcome);
      assert.deepEqual(views, ['denied', 'break_glass'], 'refused first, then opened through emergency access');
    }));
});
