import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, errorSummary, expectAccessible, fillSignIn, heading, signIn, startBrowserApp, submit } from '../support/browser.ts';

describe('signing in and out in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 20, env: { LOCKOUT_ATTEMPTS: '3' } });
  });
  after(() => b?.close());

  it('shows an accessible sign-in page with GOV.UK Frontend running under the strict CSP', () =>
    b.journey(async (page) => {
      const response = await page.goto('/sign-in');
      assert.equal(response?.status(), 200);
      assert.equal(await page.title(), 'Sign in to Cairn – Cairn');
      assert.equal(await heading(page), 'Sign in to Cairn');
      // The nonce'd inline script in the GOV.UK template and the module script both ran.
      await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
      await page.locator('[data-module="govuk-password-input"][data-govuk-password-input-init]').waitFor();
      await expectAccessible(page);
    }));

  it('keeps the email and shows an error summary for a wrong password', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      await fillSignIn(page, 'sam.rowe@cairn.example', 'not-the-password');
      assert.match(await page.title(), /^Error: Sign in to Cairn/);
      assert.match((await errorSummary(page)) ?? '', /There is a problem Enter a correct email address and password/);
      assert.equal(await page.getByLabel('Email address').inputValue(), 'sam.rowe@cairn.example');
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
      // GOV.UK Frontend moves focus to the summary; its link takes the user to the field.
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
      await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a correct email address and password' }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'email');
      await expectAccessible(page);
    }));

  it('locks the account after three failures, even against the right password', () =>
    b.journey(async (page) => {
      await page.goto('/sign-in');
      for (let attempt = 1; attempt <= 2; attempt++) {
        await fillSignIn(page, 'jo.nyland@cairn.example', `wrong-password-${attempt}`);
        assert.match((await errorSummary(page)) ?? '', /Enter a correct email address and password/, `attempt ${attempt}`);
      }
      await fillSignIn(page, 'jo.nyland@cairn.example', 'wrong-password-3');
      assert.match((await errorSummary(page)) ?? '', /This account is locked after too many failed attempts\. Try again after/);
      await expectAccessible(page);
      await fillSignIn(page, 'jo.nyland@cairn.example', 'demo-only-not-secret');
      assert.match((await errorSummary(page)) ?? '', /This account is locked/);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
    }));

  it('returns to the page asked for after signing in, and signs out', () =>
    b.journey(async (page) => {
      await page.goto('/account/password');
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/sign-in?next=%2Faccount%2Fpassword');
      await signIn(page, 'sam.rowe@cairn.example');
      assert.equal(new URL(page.url()).pathname, '/account/password');
      assert.equal(await heading(page), 'Change your password');
      assert.match(await page.locator('.cairn-user-bar').innerText(), /Signed in as Sam Rowe, Brackenshire Children's Social Care/);
      await expectAccessible(page);

      await submit(page, 'Sign out');
      assert.equal(new URL(page.url()).search, '?reason=signed-out');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out\./);
      assert.equal(await page.locator('.cairn-user-bar').count(), 0);
      await expectAccessible(page);

      await page.goto('/account/password');
      assert.equal(new URL(page.url()).pathname, '/sign-in');
    }));
});
