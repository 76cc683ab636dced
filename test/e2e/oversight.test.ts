import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, errorSummary, expectAccessible, follow, heading, mainText, pathOf, signIn, startBrowserApp, submit } from '../support/browser.ts';

interface Child {
  id: string;
  givenName: string;
  familyName: string;
  dob: string;
  sex: string;
}

const MORGAN = 'morgan.hale@cairn.example';
const nameOf = (c: Child) => `${c.givenName} ${c.familyName}`;

describe('a manager’s oversight of records, and an analyst’s figures, in a browser', () => {
  let b: BrowserApp;
  /** A child to restrict, a child to merge a duplicate into, and a child allocated to Morgan's team whom Pat opens in an emergency. */
  let toRestrict: Child;
  let survivor: Child;
  let openedInEmergency: Child;

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    const columns = sql`p.id, p.given_name AS "givenName", p.family_name AS "familyName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob, p.sex`;
    const allocated = await sql<Child>`
      SELECT ${columns} FROM people p JOIN teams t ON t.id = p.allocated_team_id
      WHERE t.name = 'Assessment Team North' AND p.person_type = 'child' AND NOT p.restricted AND p.merged_into IS NULL
        AND NOT EXISTS (SELECT 1 FROM involvements i JOIN agencies a ON a.id = i.agency_id
                        WHERE i.person_id = p.id AND a.name = 'Fernhollow Academy')
      ORDER BY p.family_name, p.given_name, p.id LIMIT 1`.execute(b.t.db);
    assert.ok(allocated.rows[0], 'the demo data has a child allocated to Assessment Team North whom the school does not know');
    openedInEmergency = allocated.rows[0];
    const others = await sql<Child>`
      SELECT ${columns} FROM people p
      WHERE p.person_type = 'child' AND NOT p.restricted AND p.merged_into IS NULL AND p.date_of_birth IS NOT NULL AND p.id <> ${openedInEmergency.id}
      ORDER BY p.family_name, p.given_name, p.id LIMIT 2`.execute(b.t.db);
    assert.equal(others.rows.length, 2, 'the demo data has two more children');
    [toRestrict, survivor] = others.rows as [Child, Child];
  });
  after(() => b?.close());

  it('restricts a record to named people, after explaining what is missing', () =>
    b.journey(async (page) => {
      await page.goto(`/people/${toRestrict.id}`);
      await signIn(page, MORGAN);
      await follow(page, 'Restrict this record');
      assert.equal(pathOf(page), `/people/${toRestrict.id}/restrict`);
      assert.equal(await heading(page), `Who can see ${nameOf(toRestrict)}’s record`);
      await expectAccessible(page);

      await page.getByLabel('Yes, restrict it to named people').check();
      await page.getByLabel('Sam Rowe').check();
      await submit(page, 'Save');
      assert.match((await errorSummary(page)) ?? '', /Enter the reason/);
      assert.ok(await page.getByLabel('Sam Rowe').isChecked(), 'the choices are kept');
      await expectAccessible(page);
      assert.equal((await b.t.db.selectFrom('people').select('restricted').where('id', '=', toRestrict.id).executeTakeFirstOrThrow()).restricted, false);

      await page.getByLabel('Reason').fill('A parent works in the local authority');
      await submit(page, 'Save');
      assert.equal(pathOf(page), `/people/${toRestrict.id}`);
      assert.match(await heading(page), /Restricted$/);
      assert.match(await mainText(page), /Only these people can open this record: Morgan Hale Sam Rowe/);
      assert.equal(await page.getByRole('link', { name: 'Change who can see this restricted record' }).count(), 1);
      await expectAccessible(page);

      const named = await b.t.db
        .selectFrom('restricted_access')
        .innerJoin('users', 'users.id', 'restricted_access.user_id')
        .select('users.email')
        .where('restricted_access.person_id', '=', toRestrict.id)
        .orderBy('users.email')
        .execute();
      assert.deepEqual(named.map((n) => n.email), [MORGAN, 'sam.rowe@cairn.example']);
      assert.equal((await b.t.db.selectFrom('people').select('restricted').where('id', '=', toRestrict.id).executeTakeFirstOrThrow()).restricted, true);
    }));

  it('merges a duplicate into a record, and the duplicate then points to the record in use', async () => {
    // Someone added the same child twice.
    const morgan = await b.t.signedIn(MORGAN);
    const [year, month, day] = survivor.dob.split('-');
    const created = await morgan.post('/people/new', {
      idempotencyKey: randomUUID(),
      personType: 'child',
      givenName: survivor.givenName,
      familyName: survivor.familyName,
      'dateOfBirth-day': day!,
      'dateOfBirth-month': month!,
      'dateOfBirth-year': year!,
      sex: survivor.sex ?? 'U',
      duplicatesShown: 'yes',
      confirmDifferent: 'yes',
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const duplicateId = String(created.headers.location).split('/')[2]!.split('?')[0]!;

    await b.journey(async (page) => {
      await page.goto(`/people/${survivor.id}`);
      await signIn(page, MORGAN);
      await follow(page, 'Merge a duplicate record into this one');
      assert.equal(pathOf(page), `/people/${survivor.id}/merge`);
      assert.equal(await heading(page), 'Merge a duplicate record');
      await expectAccessible(page);

      await submit(page, 'Search');
      assert.match((await errorSummary(page)) ?? '', /Enter a name to search for/);
      await expectAccessible(page);

      await page.getByLabel('Name of the duplicate').fill(nameOf(survivor));
      await submit(page, 'Search');
      assert.equal(await page.locator(`a[href="/people/${survivor.id}/merge/${survivor.id}"]`).count(), 0, 'a record is not offered as its own duplicate');
      const duplicateLink = page.locator(`a[href="/people/${survivor.id}/merge/${duplicateId}"]`);
      assert.equal(await duplicateLink.innerText(), nameOf(survivor));
      await expectAccessible(page);

      await Promise.all([page.waitForEvent('load'), duplicateLink.click()]);
      assert.equal(await heading(page), 'Check before you merge');
      const table = page.locator('table');
      assert.match(await table.locator('thead').innerText(), /Record that stays in use\s+Duplicate to merge into it/);
      assert.match(await table.innerText(), new RegExp(`Name\\s+${nameOf(survivor)}\\s+${nameOf(survivor)}`));
      await expectAccessible(page);
      assert.equal((await b.t.db.selectFrom('people').select('merged_into').where('id', '=', duplicateId).executeTakeFirstOrThrow()).merged_into, null);

      await submit(page, 'Merge records');
      assert.equal(pathOf(page), `/people/${survivor.id}`);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Records merged/);
      assert.match(await mainText(page), new RegExp(`${nameOf(survivor)} \\(name from a merged record\\)`));
      await expectAccessible(page);
      assert.equal((await b.t.db.selectFrom('people').select('merged_into').where('id', '=', duplicateId).executeTakeFirstOrThrow()).merged_into, survivor.id);

      await page.goto(`/people/${duplicateId}`);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /This record was merged into another record/);
      assert.equal(await page.getByRole('link', { name: 'Change details' }).count(), 0, 'a merged record can no longer be changed');
      await expectAccessible(page);
      await follow(page, `Go to the record now in use: ${nameOf(survivor)}`);
      assert.equal(pathOf(page), `/people/${survivor.id}`);
    });
  });

  it('alerts the manager when a partner uses emergency access, and shows who has seen the record', async () => {
    const reason = 'Pupil arrived with an unexplained injury and says they are scared to go home';
    const pat = await b.t.signedIn('pat.quinn@cairn.example');
    assert.equal((await pat.get(`/people/${openedInEmergency.id}`)).statusCode, 403, 'the school is refused the record at first');
    assert.equal((await pat.post(`/people/${openedInEmergency.id}/break-glass`, { reason, declaration: 'yes' })).statusCode, 303);
    assert.equal((await pat.get(`/people/${openedInEmergency.id}`)).statusCode, 200);

    await b.journey(async (page) => {
      await signIn(page, MORGAN);
      await follow(page, 'Alerts (1 new)');
      assert.equal(pathOf(page), '/alerts');
      assert.equal(await heading(page), 'Alerts');
      const alert = page.locator('.cairn-alerts li').first();
      assert.match(await alert.innerText(), new RegExp(`New[\\s\\S]*Pat Quinn \\(Fernhollow Academy\\) used emergency access to a record on .+\\. Reason given: ${reason}`));
      await expectAccessible(page);

      await submit(page, 'Mark as read');
      assert.equal(pathOf(page), '/alerts');
      assert.doesNotMatch(await alert.innerText(), /New/);
      assert.equal(await page.getByRole('button', { name: 'Mark all as read' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Alerts', exact: true }).count(), 1, 'the navigation no longer counts it');
      const unread = await b.t.db
        .selectFrom('alerts')
        .innerJoin('users', 'users.id', 'alerts.user_id')
        .select('alerts.read_at')
        .where('users.email', '=', MORGAN)
        .where('alerts.person_id', '=', openedInEmergency.id)
        .execute();
      assert.equal(unread.length, 1);
      assert.ok(unread[0]!.read_at, 'the alert is marked read');
      await expectAccessible(page);

      await follow(page, 'See who has seen it');
      assert.equal(pathOf(page), `/people/${openedInEmergency.id}/viewers`);
      assert.equal(await heading(page), 'Who has seen this record');
      const everyAccess = page.locator('table').nth(1);
      const emergency = everyAccess.locator('tbody tr', { hasText: 'Pat Quinn' }).filter({ hasText: reason });
      assert.equal(await emergency.count(), 1, 'the emergency access is listed with its reason');
      const people = await page.locator('table').first().locator('tbody tr').allInnerTexts();
      assert.ok(people.some((r) => /^Pat Quinn\s+Fernhollow Academy\s+\d+/.test(r)), `Pat Quinn is among the viewers: ${JSON.stringify(people)}`);
      assert.ok(people.some((r) => /^Morgan Hale\s+Brackenshire Children's Social Care/.test(r)), 'looking at this page is recorded too');
      await expectAccessible(page);
    });
  });

  it('shows the person index in figures to a manager', () =>
    b.journey(async (page) => {
      await signIn(page, MORGAN);
      await follow(page, 'Partnership dataset');
      await follow(page, 'Person index in figures');
      assert.equal(pathOf(page), '/figures');
      assert.equal(await heading(page), 'Person index in figures');
      const byType = page.locator('table', { has: page.locator('caption', { hasText: 'People by type' }) });
      const childRow = byType.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Child', exact: true }) });
      const { count } = await b.t.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('person_type', '=', 'child')
        .where('merged_into', 'is', null)
        .executeTakeFirstOrThrow();
      assert.ok(Number(count) > 5, 'enough children that the count is not hidden');
      assert.equal((await childRow.locator('td').innerText()).trim(), String(count));
      await expectAccessible(page);
    }));

  it('starts an analyst at the figures and refuses them a child’s record without offering emergency access', () =>
    b.journey(async (page) => {
      await signIn(page, 'alex.brent@cairn.example');
      assert.equal(pathOf(page), '/dataset');
      assert.equal(await heading(page), 'Partnership dataset');
      assert.equal(await page.getByRole('link', { name: 'People' }).count(), 0);
      await expectAccessible(page);

      const response = await page.goto(`/people/${survivor.id}`);
      assert.equal(response?.status(), 403);
      assert.equal(await heading(page), 'You do not have access');
      const text = await mainText(page);
      assert.match(text, /Your role works with figures, not individual records\./);
      assert.doesNotMatch(text, new RegExp(survivor.familyName));
      assert.equal(await page.getByRole('link', { name: /emergency access/ }).count(), 0);
      await expectAccessible(page);
    }));
});
