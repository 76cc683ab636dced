import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserApp, errorSummary, expectAccessible, heading, mainText, pathOf, signIn, startBrowserApp, submit } from '../support/browser.ts';
import { freePort, startTestProvider, type TestProvider } from '../support/oidc-provider.ts';

describe('single sign-on in a browser, through a real OpenID Connect provider', () => {
  let b: BrowserApp;
  let provider: TestProvider;
  let origin: string;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ redirectUris: [`${origin}/auth/oidc/callback`], postLogoutRedirectUris: [`${origin}/sign-in?reason=signed-out`] });
    b = await startBrowserApp({ children: 10, port, env: provider.env(`${origin}/auth/oidc/callback`) });
  });
  after(async () => {
    await b?.close();
    await provider?.close();
  });

  /** At the provider's own pages: sign in as `login`, and agree to share the claims if asked. */
  async function atProvider(page: Page, login: string) {
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await Promise.all([page.waitForURL((url) => url.origin === origin || url.pathname.startsWith('/interaction/')), page.getByRole('button', { name: 'Sign-in' }).click()]);
    if (new URL(page.url()).origin === provider.issuer) {
      await Promise.all([page.waitForURL((url) => url.origin === origin), page.getByRole('button', { name: 'Continue' }).click()]);
    }
    await page.waitForLoadState('load');
  }

  it('lets an administrator map a group, then someone in it signs in with their council account and out again', async () => {
    await b.journey(async (page) => {
      await page.goto('/admin/single-sign-on');
      await signIn(page, 'ada.kerr@cairn.example');
      assert.equal(await heading(page), 'Single sign-on');
      assert.match(await mainText(page), new RegExp(`Redirect URI to register ${origin}/auth/oidc/callback`));
      await expectAccessible(page);

      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add a group mapping' }).click()]);
      assert.equal(await heading(page), 'Add a group mapping');
      await submit(page, 'Add the mapping');
      assert.match((await errorSummary(page)) ?? '', /Enter the group’s value[\s\S]*Select the agency[\s\S]*Select at least one role/);
      await expectAccessible(page);

      await page.getByLabel('Group value').fill('sg-cairn-practitioners');
      await page.getByLabel('Agency').selectOption({ label: "Brackenshire Children's Social Care" });
      await page.getByRole('checkbox', { name: 'Assessment Team North' }).check();
      await page.getByRole('checkbox', { name: 'Practitioner', exact: true }).check();
      await submit(page, 'Add the mapping');
      assert.equal(pathOf(page), '/admin/single-sign-on');
      assert.match(await mainText(page), /Group mapping added/);
      assert.match(await mainText(page), /sg-cairn-practitioners Brackenshire Children's Social Care Assessment Team North Practitioner/);
      await expectAccessible(page);
    });

    provider.accounts.set('e2e-robin', { email: 'robin.marlowe@brackenshire.example', name: 'Robin Marlowe', groups: ['sg-cairn-practitioners'] });
    await b.journey(async (page) => {
      await page.goto('/people');
      assert.equal(pathOf(page), '/sign-in');
      await page.getByRole('button', { name: 'Sign in with Brackenshire Council account' }).click();
      await atProvider(page, 'e2e-robin');
      assert.equal(pathOf(page), '/people', 'back where they were going');
      assert.match(await page.locator('body').innerText(), /Signed in as Robin Marlowe, Brackenshire Children's Social Care/);
      const user = await b.t.db.selectFrom('users').select(['roles']).where('email', '=', 'robin.marlowe@brackenshire.example').executeTakeFirstOrThrow();
      assert.deepEqual(user.roles, ['practitioner']);

      // Single sign-out: Cairn ends its session, the provider asks, then sends the browser back to Cairn.
      await Promise.all([page.waitForURL((url) => url.origin === provider.issuer), page.getByRole('button', { name: 'Sign out' }).click()]);
      await Promise.all([page.waitForURL((url) => url.origin === origin), page.getByRole('button', { name: 'Yes, sign me out' }).click()]);
      await page.waitForLoadState('load');
      assert.equal(pathOf(page), '/sign-in');
      assert.match(await mainText(page), /You have signed out/);
      await page.goto('/people');
      assert.equal(pathOf(page), '/sign-in');
    });
  });

  it('ends the Cairn session when the provider signs the user out (back-channel logout)', async () => {
    provider.accounts.set('e2e-sasha', { email: 'sasha.lyle@brackenshire.example', name: 'Sasha Lyle', groups: ['sg-cairn-practitioners'] });
    await b.journey(async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in with Brackenshire Council account' }).click();
      await atProvider(page, 'e2e-sasha');
      assert.notEqual(pathOf(page), '/sign-in');
      assert.match(await page.locator('body').innerText(), /Signed in as Sasha Lyle/);
      // Signing out at the provider directly (another application, or the provider's own portal).
      await page.goto(`${provider.issuer}/session/end`);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Yes, sign me out' }).click()]);
      await page.goto(`${origin}/people`);
      assert.equal(pathOf(page), '/sign-in', 'the provider told Cairn, which ended the session');
      const audit = await b.t.db.selectFrom('access_audit').select('reason').where('action', '=', 'session.sign_out').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.reason, 'single sign-on: back-channel logout');
    });
  });

  it('tells someone in no mapped group that they have no access, on an accessible page', async () => {
    provider.accounts.set('e2e-nobody', { email: 'nobody.mapped@brackenshire.example', name: 'Nobody Mapped', groups: ['finance'] });
    await b.journey(async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in with Brackenshire Council account' }).click();
      await atProvider(page, 'e2e-nobody');
      assert.equal(await heading(page), 'Your account has no Cairn access');
      assert.match(await mainText(page), /Ask your administrator to give you access/);
      await expectAccessible(page);
    });
  });
});
