import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { anotherPage, type BrowserApp, errorSummary, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

interface Child {
  id: string;
  givenName: string;
  familyName: string;
  dob: string;
}

const SAM = 'sam.rowe@cairn.example';

/** Types a date into a GOV.UK date input by its id prefix. */
describe('recording a person and their details in a browser', () => {
  let b: BrowserApp;
  /** A child already in the index, whose name and date of birth the new person shares. */
  let existing: Child;
  /** Another child, to record a relationship with. */
  let sibling: Child;
  /** The person the first journey adds; the later journeys change their record. */
  let addedId = '';

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    const rows = await sql<Child>`
      SELECT id, given_name AS "givenName", family_name AS "familyName", to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM people
      WHERE person_type = 'child' AND NOT restricted AND merged_into IS NULL AND date_of_birth IS NOT NULL
      ORDER BY family_name, given_name, id LIMIT 2`.execute(b.t.db);
    assert.equal(rows.rows.length, 2, 'the demo data has two children with dates of birth');
    [existing, sibling] = rows.rows as [Child, Child];
  });
  after(() => b?.close());

  it('adds a person, explaining each problem and warning of a possible duplicate', () =>
    b.journey(async (page) => {
      await signIn(page, SAM);
      await follow(page, 'People');
      await follow(page, 'Add a person');
      assert.equal(pathOf(page), '/people/new');
      assert.equal(await heading(page), 'Add a person');
      await expectAccessible(page);

      await submit(page, 'Add person');
      const empty = await problems(page);
      for (const message of ['Select whether this is a child, an unborn child or an adult', 'Enter the given name', 'Enter the family name', 'Select the sex']) {
        assert.ok(empty.includes(message), `summary lacks "${message}": ${empty}`);
      }
      await expectAccessible(page);

      // Some fixed, some still wrong: a date that does not exist, and half an address.
      await page.getByLabel('Child', { exact: true }).check();
      await page.getByLabel('Given name').fill(existing.givenName);
      await page.getByLabel('Family name').fill(existing.familyName);
      await fillDate(page, 'dateOfBirth', ['2015', '2', '31']);
      await page.getByLabel('Female').check();
      await page.getByLabel('Main language (optional)').fill('Polish');
      await page.getByLabel('Address line 1').fill('4 Quarry Lane');
      await submit(page, 'Add person');
      const partial = await problems(page);
      assert.match(partial, /Date of birth must be a real date/);
      assert.match(partial, /Enter the postcode/);
      assert.doesNotMatch(partial, /Enter the given name|Select the sex/);
      assert.equal(await page.getByLabel('Given name').inputValue(), existing.givenName, 'what was typed is kept');
      assert.equal(await page.locator('#dateOfBirth-day').inputValue(), '31', 'the impossible date is shown as typed');
      assert.equal(await page.getByLabel('Address line 1').inputValue(), '4 Quarry Lane');
      assert.ok(await page.getByLabel('Female').isChecked());
      await expectAccessible(page);

      await fillDate(page, 'dateOfBirth', existing.dob);
      await page.getByLabel('Postcode').fill('PE1 1AA');
      await fillDate(page, 'addressStartDate', '2024-09-01');
      await submit(page, 'Add person');
      assert.equal(await errorSummary(page), null, 'a possible duplicate is a warning, not an error');
      assert.match(await page.locator('#duplicates').innerText(), /This person may already have a record/);
      const duplicateLink = page.locator('main').getByRole('link', { name: `${existing.givenName} ${existing.familyName}` });
      assert.equal(await duplicateLink.getAttribute('href'), `/people/${existing.id}`);
      await expectAccessible(page);

      // Sent again without the box ticked: the warning becomes an error.
      await submit(page, 'Add person');
      assert.match(await problems(page), /Confirm you have checked that this is a different person/);
      await expectAccessible(page);
      const before = await b.t.db.selectFrom('people').select('id').where('given_name', '=', existing.givenName).where('family_name', '=', existing.familyName).execute();
      assert.equal(before.length, 1, 'nothing is saved until the user confirms');

      await page.getByLabel('I have checked: this is a different person').check();
      await submit(page, 'Add person');
      assert.match(pathOf(page), /^\/people\/[0-9a-f-]{36}$/);
      addedId = pathOf(page).split('/')[2]!;
      assert.notEqual(addedId, existing.id);
      assert.match(await heading(page), new RegExp(`^${existing.givenName} ${existing.familyName}`));
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Person added/);
      const record = await mainText(page);
      assert.match(record, /Main language Polish/);
      assert.match(record, /4 Quarry Lane PE1 1AA Current 1 September 2024 to now/);
      await expectAccessible(page);

      const saved = await b.t.db.selectFrom('people').selectAll().where('id', '=', addedId).executeTakeFirstOrThrow();
      assert.equal(saved.language, 'Polish');
      assert.equal(saved.sex, 'F');
    }));

  it('saves a change, and shows both versions when someone else saved first', () =>
    b.journey(async (page) => {
      assert.ok(addedId, 'the person was added by the journey before');
      await page.goto(`/people/${addedId}`);
      await signIn(page, SAM);
      await follow(page, 'Change details');
      assert.equal(pathOf(page), `/people/${addedId}/edit`);
      assert.equal(await heading(page), `Change details for ${existing.givenName} ${existing.familyName}`);
      await expectAccessible(page);

      await page.getByLabel('Gender (optional)').fill('Girl');
      await submit(page, 'Save changes');
      assert.equal(pathOf(page), `/people/${addedId}`);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Changes saved/);
      assert.match(await mainText(page), /Gender Girl/);

      // Two copies of the form, opened at the same version.
      await page.goto(`/people/${addedId}/edit`);
      const other = await anotherPage(page);
      await other.goto(`/people/${addedId}/edit`);

      await page.getByLabel('Main language (optional)').fill('Welsh');
      await submit(page, 'Save changes');
      assert.match(await mainText(page), /Main language Welsh/);

      await other.getByLabel('Main language (optional)').fill('Urdu');
      const [response] = await Promise.all([
        other.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/people/${addedId}/edit`),
        submit(other, 'Save changes'),
      ]);
      assert.equal(response.status(), 409);
      assert.equal(await heading(other), 'This record was changed by someone else');
      assert.match(await mainText(other), /Nothing you entered has been saved/);
      const language = other.locator('table.cairn-conflict tr', { has: other.getByRole('rowheader', { name: /^Language/ }) });
      assert.deepEqual(await language.locator('td').allInnerTexts(), ['Urdu', 'Welsh'], 'yours, then the saved version');
      assert.match(await language.getAttribute('class') ?? '', /cairn-changed/);
      await expectAccessible(other);

      const row = await b.t.db.selectFrom('people').select(['language', 'gender', 'version']).where('id', '=', addedId).executeTakeFirstOrThrow();
      assert.equal(row.language, 'Welsh', 'the first save stands');
      assert.equal(row.gender, 'Girl');
    }));

  it('adds another name, an address, a relationship and sharing with an agency', () =>
    b.journey(async (page) => {
      assert.ok(addedId, 'the person was added by the first journey');
      await page.goto(`/people/${addedId}`);
      await signIn(page, SAM);

      await follow(page, 'Add another name');
      assert.equal(await heading(page), 'Add another name');
      await expectAccessible(page);
      await submit(page, 'Add name');
      const nameProblems = await problems(page);
      assert.match(nameProblems, /Enter the given name/);
      assert.match(nameProblems, /Enter the family name/);
      await expectAccessible(page);
      await page.getByLabel('Previous name').check();
      await page.getByLabel('Given name').fill('Zofia');
      await page.getByLabel('Family name').fill('Nowak');
      await submit(page, 'Add name');
      assert.equal(pathOf(page), `/people/${addedId}`);
      assert.match(await mainText(page), /Zofia Nowak \(previous name\)/);

      await follow(page, 'Add an address');
      assert.equal(await heading(page), 'Add an address');
      await expectAccessible(page);
      await page.getByLabel('Address line 1').fill('12 Mill Street');
      await page.getByLabel('Postcode').fill('NOT A POSTCODE');
      await submit(page, 'Add address');
      const addressProblems = await problems(page);
      assert.match(addressProblems, /Enter a real postcode, like PE1 1AA/);
      assert.match(addressProblems, /Enter the date they started living at this address/);
      assert.equal(await page.getByLabel('Address line 1').inputValue(), '12 Mill Street');
      await expectAccessible(page);
      await page.getByLabel('Postcode').fill('PE2 5BB');
      await fillDate(page, 'startDate', '2026-01-05');
      await submit(page, 'Add address');
      assert.equal(pathOf(page), `/people/${addedId}`);
      const addresses = page.locator('table', { has: page.locator('caption', { hasText: 'Addresses, current first' }) });
      assert.match(await addresses.locator('tbody tr').first().innerText(), /12 Mill Street\s+PE2 5BB\s+Current/);
      assert.match(await addresses.locator('tbody tr').nth(1).innerText(), /4 Quarry Lane[\s\S]*Previous[\s\S]*to 4 January 2026/);

      await follow(page, 'Add a relationship');
      assert.equal(await heading(page), 'Add a relationship');
      await expectAccessible(page);
      await submit(page, 'Search');
      assert.match(await problems(page), /Enter a name to search for/);
      await expectAccessible(page);
      await page.getByLabel('Find the other person by name').fill(`${sibling.givenName} ${sibling.familyName}`);
      await submit(page, 'Search');
      await page.getByLabel(`${sibling.givenName} ${sibling.familyName}`, { exact: true }).check();
      await page.getByLabel(`The other person is ${existing.givenName}’s…`).selectOption({ label: 'Sibling' });
      await expectAccessible(page);
      await submit(page, 'Add relationship');
      assert.equal(pathOf(page), `/people/${addedId}`);
      const related = page.locator('table', { has: page.locator('caption', { hasText: /^People related to/ }) });
      assert.match(await related.innerText(), new RegExp(`Sibling\\s+${sibling.givenName} ${sibling.familyName}`));

      await follow(page, 'Share with an agency');
      assert.equal(await heading(page), 'Share with an agency');
      await expectAccessible(page);
      await page.getByLabel('Agency').selectOption({ label: 'Fernhollow Academy' });
      await page.getByLabel('Shared with consent').check();
      await submit(page, 'Share record');
      const shareProblems = await problems(page);
      assert.match(shareProblems, /Enter the date sharing starts/);
      await expectAccessible(page);
      await page.getByLabel('Detail').fill('Mother agreed by phone on 2 March 2026');
      await fillDate(page, 'startDate', '2026-03-02');
      await submit(page, 'Share record');
      assert.equal(pathOf(page), `/people/${addedId}`);
      const sharing = page.locator('table', { has: page.locator('caption', { hasText: 'Agencies this record is shared with' }) });
      assert.match(await sharing.innerText(), /Fernhollow Academy\s+Shared with consent\s+Mother agreed by phone on 2 March 2026\s+2 March 2026 to now/);
      await expectAccessible(page);

      const involvements = await b.t.db
        .selectFrom('involvements')
        .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
        .select(['agencies.name', 'involvements.basis'])
        .where('involvements.person_id', '=', addedId)
        .execute();
      assert.deepEqual(involvements, [{ name: 'Fernhollow Academy', basis: 'consent' }]);
    }));

  it('shows the chronology these changes wrote, filtered, and explains a date that does not exist', () =>
    b.journey(async (page) => {
      assert.ok(addedId, 'the person was added by the first journey');
      await page.goto(`/people/${addedId}`);
      await signIn(page, SAM);
      await follow(page, 'Chronology');
      assert.equal(pathOf(page), `/people/${addedId}/chronology`);
      assert.equal(await heading(page), 'Chronology');
      const stored = await b.t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', addedId).execute();
      assert.equal(stored.length, 7, `created, changed twice, a name, an address, a relationship, shared: ${JSON.stringify(stored)}`);
      assert.equal(await page.getByRole('heading', { level: 2, name: /entries/ }).innerText(), '7 entries');
      const whatHappened = (await page.locator('table tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      for (const entry of [
        'Record created Record created in the person index',
        'Record changed Details changed: gender',
        'Record changed Details changed: language',
        'Name added Added a previous name',
        'Address added Moved to a new address; previous address ended',
        `Relationship added Relationship recorded: ${sibling.givenName} ${sibling.familyName} (sibling)`,
        'Record shared with an agency Record shared with Fernhollow Academy (shared with consent)',
      ]) {
        assert.ok(whatHappened.includes(entry), `the chronology lacks "${entry}": ${JSON.stringify(whatHappened)}`);
      }
      assert.match(await page.locator('table tbody tr').first().innerText(), /Sam Rowe/);
      await expectAccessible(page);

      await page.getByLabel('Type').selectOption({ label: 'Record changed' });
      await submit(page, 'Apply filters');
      assert.equal(await page.getByRole('heading', { level: 2, name: /entr/ }).innerText(), '2 entries match');
      assert.deepEqual(
        (await page.locator('table tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')),
        ['Record changed Details changed: language', 'Record changed Details changed: gender'],
        'newest first',
      );
      await expectAccessible(page);

      await fillDate(page, 'from', ['2026', '2', '30']);
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === `/people/${addedId}/chronology`),
        submit(page, 'Apply filters'),
      ]);
      assert.equal(response.status(), 400);
      assert.match(await problems(page), /Date from must be a real date/);
      assert.equal(await page.locator('table').count(), 0, 'no entries are passed off as filtered');
      assert.equal(await page.locator('#from-day').inputValue(), '30');
      await expectAccessible(page);

      await follow(page, 'Clear filters');
      assert.equal(await page.getByRole('heading', { level: 2, name: /entries/ }).innerText(), '7 entries');
    }));
});
