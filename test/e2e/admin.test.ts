import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_USERS } from '../../src/demo/organisation.ts';
import { type BrowserApp, errorSummary, expectAccessible, heading, signIn, startBrowserApp, submit } from '../support/browser.ts';

describe('administration in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 20 });
  });
  after(() => b?.close());

  it('lets an administrator list the users and filter them by agency', () =>
    b.journey(async (page) => {
      await page.goto('/admin/users');
      await signIn(page, 'ada.kerr@cairn.example');
      assert.equal(new URL(page.url()).pathname, '/admin/users');
      assert.equal(await heading(page), 'Users');
      const table = page.locator('table.govuk-table');
      const users = await b.t.db.selectFrom('users').select('id').execute();
      assert.equal(await table.locator('caption').innerText(), `${users.length} users`);
      assert.match(await table.innerText(), /Sam Rowe\s+sam\.rowe@cairn\.example\s+Brackenshire Children's Social Care/);
      await expectAccessible(page);

      await page.getByLabel('Agency').selectOption({ label: 'Fernhollow Academy' });
      await submit(page, 'Filter');
      const schoolUsers = DEMO_USERS.filter((u) => u.agency === 'school').length;
      assert.equal(await table.locator('caption').innerText(), `${schoolUsers} user${schoolUsers === 1 ? '' : 's'}`);
      assert.match(await table.innerText(), /Pat Quinn/);
      assert.doesNotMatch(await table.innerText(), /Sam Rowe/);
    }));

  it('lets an administrator search the access audit', () =>
    b.journey(async (page) => {
      const other = await b.t.client();
      assert.equal((await other.signIn('lee.marsh@cairn.example')).statusCode, 302);

      await page.goto('/admin/users');
      await signIn(page, 'ada.kerr@cairn.example');
      await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Access audit' }).click()]);
      assert.equal(await heading(page), 'Access audit');
      await expectAccessible(page);

      await page.getByLabel('User’s email address').fill('lee.marsh@cairn.example');
      await page.getByLabel('Action').selectOption({ label: 'Signed in' });
      await submit(page, 'Search the audit');
      assert.match(await page.getByRole('heading', { level: 2 }).first().innerText(), /^1 entry$/);
      const rows = page.locator('table.govuk-table tbody tr');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().innerText(), /Lee Marsh[\s\S]*Signed in[\s\S]*Allowed/);
      await expectAccessible(page);

      await page.goto('/admin/audit?from-day=31&from-month=2&from-year=2026');
      assert.ok((await errorSummary(page))?.startsWith('There is a problem'), 'an impossible date is explained');
      await expectAccessible(page);
    }));

  it('refuses the users page to a practitioner', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      await signIn(page, 'sam.rowe@cairn.example');
      assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
      const response = await page.goto('/admin/users');
      assert.equal(response?.status(), 403);
      assert.doesNotMatch(await page.locator('main').innerText(), /sam\.rowe@cairn\.example|Pat Quinn/);
      await expectAccessible(page);
    }));
});
