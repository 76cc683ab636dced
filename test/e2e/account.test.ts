import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, errorSummary, expectAccessible, heading, signIn, startBrowserApp, submit } from '../support/browser.ts';

describe('account pages in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 20 });
  });
  after(() => b?.close());

  it('explains each problem with a new password, accessibly', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      await signIn(page, 'morgan.hale@cairn.example');
      assert.equal(await heading(page), 'Change your password');
      await expectAccessible(page);

      await submit(page, 'Change password');
      assert.match(await page.title(), /^Error: Change your password/);
      const empty = (await errorSummary(page)) ?? '';
      for (const message of ['Enter your current password', 'Enter a new password', 'Confirm your new password']) assert.ok(empty.includes(message), `summary lacks "${message}": ${empty}`);
      assert.match(await page.locator('#newPassword-error').innerText(), /Enter a new password/);
      await expectAccessible(page);

      await page.getByLabel('Current password', { exact: true }).fill('demo-only-not-secret');
      await page.getByLabel('New password', { exact: true }).fill('granite lantern orchard');
      await page.getByLabel('Confirm new password', { exact: true }).fill('granite lantern orchid');
      await submit(page, 'Change password');
      assert.match((await errorSummary(page)) ?? '', /The passwords do not match/);

      await page.getByLabel('Current password', { exact: true }).fill('not-my-password');
      await page.getByLabel('New password', { exact: true }).fill('granite lantern orchard');
      await page.getByLabel('Confirm new password', { exact: true }).fill('granite lantern orchard');
      await submit(page, 'Change password');
      assert.match((await errorSummary(page)) ?? '', /Your current password is not correct/);

      await page.getByLabel('Current password', { exact: true }).fill('demo-only-not-secret');
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('Confirm new password', { exact: true }).fill('short');
      await submit(page, 'Change password');
      assert.match((await errorSummary(page)) ?? '', /Password must be 12 characters or more/);
      await expectAccessible(page);
    }));

  it('changes a password, after which only the new one signs in', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      await signIn(page, 'alex.brent@cairn.example');
      await page.getByLabel('Current password', { exact: true }).fill('demo-only-not-secret');
      await page.getByLabel('New password', { exact: true }).fill('granite lantern orchard');
      await page.getByLabel('Confirm new password', { exact: true }).fill('granite lantern orchard');
      await submit(page, 'Change password');
      assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Password changed');
      await expectAccessible(page);

      await submit(page, 'Sign out');
      await page.goto('/sign-in?next=%2Faccount%2Fpassword');
      await page.getByLabel('Email address').fill('alex.brent@cairn.example');
      await page.getByLabel('Password', { exact: true }).fill('demo-only-not-secret');
      await submit(page, 'Sign in');
      assert.match((await errorSummary(page)) ?? '', /Enter a correct email address and password/);
      await signIn(page, 'alex.brent@cairn.example', 'granite lantern orchard');
      assert.equal(new URL(page.url()).pathname, '/account/password');
    }));

  it('shows an accessible page-not-found page', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      await signIn(page, 'sam.rowe@cairn.example');
      const response = await page.goto('/no-such-page');
      assert.equal(response?.status(), 404);
      assert.equal(await heading(page), 'Page not found');
      assert.match(await page.locator('main').innerText(), /If you typed the web address, check it is correct\./);
      await expectAccessible(page);
    }));

  it('describes the API on an accessible page reached from the footer', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      await signIn(page, 'sam.rowe@cairn.example');
      await page.getByRole('contentinfo').getByRole('link', { name: 'API' }).click();
      await page.waitForURL('**/api/docs');
      assert.equal(await heading(page), 'Cairn API');
      assert.match(await page.locator('main').innerText(), /PATCH \/api\/v1\/people\/\{id\}/);
      await expectAccessible(page);
    }));
});
