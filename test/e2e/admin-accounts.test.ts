import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { anotherPage, type BrowserApp, expectAccessible, follow, heading, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const ADA = 'ada.kerr@cairn.example';
const NEW_USER = { name: 'Robin Ashby', email: 'robin.ashby@cairn.example' };

async function fillNewUser(page: Page) {
  await page.getByLabel('Full name').fill(NEW_USER.name);
  await page.getByLabel('Email address').fill(NEW_USER.email);
  await page.getByLabel('Agency').selectOption({ label: "Brackenshire Children's Social Care" });
  await page.getByLabel('Child Protection Team').check();
  await page.getByLabel('Practitioner', { exact: true }).check();
}

/** The one-time password on the "User added" or "Password reset" page. */
async function temporaryPassword(page: Page): Promise<string> {
  const password = (await page.locator('#temporary-password').innerText()).trim();
  assert.ok(password.length >= 12, `a temporary password is shown: "${password}"`);
  return password;
}

const userRow = (b: BrowserApp) =>
  b.t.db.selectFrom('users').select(['id', 'name', 'must_change_password', 'version']).where('email', '=', NEW_USER.email).execute();

describe('managing accounts, agencies and teams in a browser', () => {
  let b: BrowserApp;
  /** The password the last reset issued, for the new user's first sign-in. */
  let issued = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
  });
  after(() => b?.close());

  it('adds a user, refuses a second copy of the same form, changes their details, and resets their password', () =>
    b.journey(async (page) => {
      await page.goto('/admin/users');
      await signIn(page, ADA);
      await submit(page, 'Add a user'); // a link drawn as a button, with role="button"
      assert.equal(pathOf(page), '/admin/users/new');
      assert.equal(await heading(page), 'Add a user');
      await expectAccessible(page);

      await submit(page, 'Add user');
      const empty = await problems(page);
      for (const message of ['Enter the user’s full name', 'Enter the user’s email address', 'Select the user’s agency', 'Select at least one role']) {
        assert.ok(empty.includes(message), `summary lacks "${message}": ${empty}`);
      }
      await expectAccessible(page);

      await fillNewUser(page);
      const formKey = await page.locator('input[name="idempotencyKey"]').inputValue();
      await submit(page, 'Add user');
      assert.equal(await page.locator('.govuk-panel__title').innerText(), 'User added');
      assert.match(await page.locator('main').innerText(), new RegExp(`Give ${NEW_USER.name} \\(${NEW_USER.email.replace('.', '\\.')}\\) this temporary password`));
      const first = await temporaryPassword(page);
      await expectAccessible(page);
      const [created] = await userRow(b);
      assert.ok(created, 'the user is saved');
      assert.equal(created.must_change_password, true, 'they must choose their own password');

      // The same form sent again (its idempotency key and all) makes no second account.
      const again = await anotherPage(page);
      await again.goto('/admin/users/new');
      await fillNewUser(again);
      await again.locator('input[name="idempotencyKey"]').evaluate((input, key) => ((input as HTMLInputElement).value = key), formKey);
      await submit(again, 'Add user');
      assert.equal(await heading(again), 'This user has already been added');
      assert.equal(await again.locator('#temporary-password').count(), 0, 'the password is not shown twice');
      await expectAccessible(again);
      assert.equal((await userRow(b)).length, 1);
      await again.close();

      await follow(page, 'View the user');
      assert.equal(pathOf(page), `/admin/users/${created.id}/edit`);
      assert.equal(await heading(page), 'Change a user’s details');
      assert.equal(await page.getByLabel('Full name').inputValue(), NEW_USER.name);
      assert.ok(await page.getByLabel('Child Protection Team').isChecked());
      await expectAccessible(page);

      await page.getByLabel('Full name').fill('');
      await submit(page, 'Save changes');
      assert.match(await problems(page), /Enter the user’s full name/);
      await expectAccessible(page);
      await page.getByLabel('Full name').fill('Robin Ashby-Cole');
      await submit(page, 'Save changes');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The user’s details have been saved\./);
      assert.equal((await userRow(b))[0]?.name, 'Robin Ashby-Cole');
      await expectAccessible(page);

      // Two administrators with the same user open: the second save is refused and shows both.
      const other = await anotherPage(page);
      await other.goto(`/admin/users/${created.id}/edit`);
      await page.getByLabel('Assessment Team North').check();
      await submit(page, 'Save changes');
      await other.getByLabel('Full name').fill('Robin Cole');
      const [response] = await Promise.all([
        other.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/admin/users/${created.id}/edit`),
        submit(other, 'Save changes'),
      ]);
      assert.equal(response.status(), 409);
      assert.equal(await heading(other), 'This record was changed by someone else');
      const nameRow = other.locator('table tbody tr', { has: other.getByRole('rowheader', { name: 'Name', exact: true }) });
      assert.deepEqual(await nameRow.locator('td').allInnerTexts(), ['Robin Cole', 'Robin Ashby-Cole']);
      await expectAccessible(other);
      await other.close();
      assert.equal((await userRow(b))[0]?.name, 'Robin Ashby-Cole', 'the refused save wrote nothing');
      const teams = await b.t.db
        .selectFrom('user_teams')
        .innerJoin('teams', 'teams.id', 'user_teams.team_id')
        .select('teams.name')
        .where('user_teams.user_id', '=', created.id)
        .orderBy('teams.name')
        .execute();
      assert.deepEqual(teams.map((t) => t.name), ['Assessment Team North', 'Child Protection Team'], 'the first save stands');

      await page.goto(`/admin/users/${created.id}/edit`);
      await follow(page, 'Reset this user’s password');
      assert.equal(pathOf(page), `/admin/users/${created.id}/reset-password`);
      assert.equal(await heading(page), 'Reset the password for Robin Ashby-Cole');
      await expectAccessible(page);
      await submit(page, 'Reset password');
      assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Password reset');
      issued = await temporaryPassword(page);
      assert.notEqual(issued, first);
      assert.match(await page.locator('main').innerText(), /They have been signed out everywhere and their account is unlocked\./);
      await expectAccessible(page);
      // The reset was of this user's password, not of the administrator's own.
      const ada = await b.t.db.selectFrom('users').select('must_change_password').where('email', '=', ADA).executeTakeFirstOrThrow();
      assert.equal(ada.must_change_password, false);
    }));

  it('makes the new user choose their own password when they first sign in', () =>
    b.journey(async (page) => {
      assert.ok(issued, 'the journey before issued a temporary password');
      await signIn(page, NEW_USER.email, issued);
      assert.equal(pathOf(page), '/account/password');
      assert.equal(await heading(page), 'Change your password');
      assert.match(await page.locator('.govuk-inset-text').innerText(), /You need to choose a new password before you can continue\./);
      await expectAccessible(page);

      await page.goto('/people');
      assert.equal(pathOf(page), '/account/password', 'nothing else opens until the password is changed');

      await page.getByLabel('Current password', { exact: true }).fill(issued);
      await page.getByLabel('New password', { exact: true }).fill('copper meadow lighthouse');
      await page.getByLabel('Confirm new password', { exact: true }).fill('copper meadow lighthouse');
      await submit(page, 'Change password');
      assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Password changed');
      await expectAccessible(page);
      assert.equal((await userRow(b))[0]?.must_change_password, false);

      await follow(page, 'Continue');
      assert.equal(pathOf(page), '/work', 'a practitioner starts at their work');
      assert.equal(await heading(page), 'Your work');
    }));

  it('adds an agency and a team to it', () =>
    b.journey(async (page) => {
      await page.goto('/admin/users');
      await signIn(page, ADA);
      await follow(page, 'Agencies and teams');
      assert.equal(pathOf(page), '/admin/agencies');
      assert.equal(await heading(page), 'Agencies and teams');
      assert.equal(await page.getByRole('heading', { level: 2, name: /^Fernhollow Academy/ }).count(), 1);
      await expectAccessible(page);

      await submit(page, 'Add an agency');
      assert.equal(await heading(page), 'Add an agency');
      await expectAccessible(page);
      await submit(page, 'Add agency');
      const missing = await problems(page);
      assert.match(missing, /Enter the agency’s name/);
      assert.match(missing, /Select the kind of agency/);
      await expectAccessible(page);
      await page.getByLabel('Agency name').fill('Brackenshire Housing Options');
      await page.getByLabel('Housing').check();
      await submit(page, 'Add agency');
      assert.equal(pathOf(page), '/admin/agencies');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The agency has been added\./);
      const agency = await b.t.db.selectFrom('agencies').select(['id', 'kind']).where('name', '=', 'Brackenshire Housing Options').executeTakeFirstOrThrow();
      assert.equal(agency.kind, 'housing');

      await follow(page, 'Add a team to Brackenshire Housing Options');
      assert.equal(pathOf(page), `/admin/agencies/${agency.id}/teams/new`);
      assert.equal(await heading(page), 'Add a team');
      await expectAccessible(page);
      await submit(page, 'Add team');
      assert.match(await problems(page), /Enter the team’s name/);
      await expectAccessible(page);
      await page.getByLabel('Team name').fill('Homelessness Prevention');
      await submit(page, 'Add team');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The team has been added\./);
      const section = page.getByRole('heading', { level: 2, name: /^Brackenshire Housing Options/ }).locator('xpath=following-sibling::*[1]');
      assert.equal((await section.innerText()).trim(), 'Homelessness Prevention');
      await expectAccessible(page);
      const teams = await b.t.db.selectFrom('teams').select('name').where('agency_id', '=', agency.id).execute();
      assert.deepEqual(teams, [{ name: 'Homelessness Prevention' }]);
    }));
});
