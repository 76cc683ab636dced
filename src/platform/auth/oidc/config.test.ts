import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../config.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { freePort } from '../../../../test/support/oidc-provider.ts';
import type { GroupMapping } from './repository.ts';
import { accessFromMappings } from './service.ts';

const BASE = { CAIRN_DATA_DIR: ':memory:', SESSION_SECRET: 'test-secret-test-secret-test-secret-0000' };
const FULL = {
  CAIRN_OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  CAIRN_OIDC_CLIENT_ID: 'a-client',
  CAIRN_OIDC_CLIENT_SECRET: 'a-secret',
  CAIRN_OIDC_REDIRECT_URI: 'https://cairn.example.gov.uk/auth/oidc/callback',
};

describe('single sign-on settings', () => {
  it('is off when nothing is set, and reads defaults when the four required settings are', () => {
    assert.equal(loadConfig(BASE).oidc, null);
    const oidc = loadConfig({ ...BASE, ...FULL }).oidc!;
    assert.equal(oidc.groupsClaim, 'groups');
    assert.equal(oidc.scopes, 'openid profile email');
    assert.equal(oidc.postLogoutRedirectUri.href, 'https://cairn.example.gov.uk/sign-in?reason=signed-out');
    assert.equal(oidc.allowInsecure, false);
  });

  it('stops start-up when half configured, naming what is missing', () => {
    assert.throws(() => loadConfig({ ...BASE, CAIRN_OIDC_ISSUER: FULL.CAIRN_OIDC_ISSUER, CAIRN_OIDC_CLIENT_ID: 'a' }), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /single sign-on is half configured/);
      assert.match(error.message, /CAIRN_OIDC_CLIENT_SECRET/);
      assert.match(error.message, /CAIRN_OIDC_REDIRECT_URI/);
      return true;
    });
    assert.throws(() => loadConfig({ ...BASE, CAIRN_OIDC_GROUPS_CLAIM: 'roles' }), /half configured/);
  });

  it('refuses plain http except to this machine, a redirect URI Cairn does not answer, and scopes without openid', () => {
    assert.throws(() => loadConfig({ ...BASE, ...FULL, CAIRN_OIDC_ISSUER: 'http://idp.example.org' }), /must use https/);
    assert.equal(loadConfig({ ...BASE, ...FULL, CAIRN_OIDC_ISSUER: 'http://localhost:8080' }).oidc!.allowInsecure, true);
    assert.throws(() => loadConfig({ ...BASE, ...FULL, CAIRN_OIDC_REDIRECT_URI: 'https://cairn.example.gov.uk/callback' }), /must end in \/auth\/oidc\/callback/);
    assert.throws(() => loadConfig({ ...BASE, ...FULL, CAIRN_OIDC_SCOPES: 'profile email' }), /must include openid/);
  });
});

describe('what mapped groups give', () => {
  const mapping = (agencyId: string, teamIds: string[], roles: string[]): GroupMapping => ({ id: 'm', groupValue: 'g', agencyId, teamIds, roles, version: 1, updatedBy: null, updatedAt: new Date() });

  it('gives nothing without a mapping, and refuses groups that map to two agencies', () => {
    assert.equal(accessFromMappings([]), 'none');
    assert.equal(accessFromMappings([mapping('a', [], ['practitioner']), mapping('b', [], ['manager'])]), 'conflicting');
  });

  it('gives every team and role of every mapped group, once each, and drops roles Cairn does not know', () => {
    assert.deepEqual(accessFromMappings([mapping('a', ['t2', 't1'], ['practitioner', 'retired_role']), mapping('a', ['t1'], ['manager', 'practitioner'])]), {
      agencyId: 'a',
      teamIds: ['t1', 't2'],
      roles: ['manager', 'practitioner'],
    });
  });
});

describe('single sign-on when the provider cannot be reached', () => {
  let t: TestApp;
  before(async () => {
    const port = await freePort();
    t = await testApp({ children: 5, env: { ...FULL, CAIRN_OIDC_ISSUER: `http://127.0.0.1:${port}`, CAIRN_OIDC_REDIRECT_URI: 'http://localhost/auth/oidc/callback' } });
  });
  after(() => t?.close());

  it('shows a page saying so, audits the failure and keeps password sign-in working', async () => {
    const client = await t.client();
    const response = await client.get('/auth/oidc/sign-in');
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /Single sign-on is not available at the moment/);
    assert.match(response.body, /govuk-button/);
    const audit = await t.db.selectFrom('access_audit').select(['outcome', 'reason']).where('action', '=', 'session.sign_in').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(audit, { outcome: 'denied', reason: 'single sign-on: provider_unavailable' });
    assert.equal((await client.signIn('sam.rowe@cairn.example')).statusCode, 302);
  });

  it('refuses a callback nobody started without calling the provider', async () => {
    const response = await (await t.client()).get('/auth/oidc/callback?code=abc&state=def');
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Your sign-in has expired/);
  });
});

describe('single sign-on when it is not set up', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5 });
  });
  after(() => t?.close());

  it('shows no button and answers its routes with a page, not an error', async () => {
    const client = await t.client();
    assert.doesNotMatch((await client.get('/sign-in')).body, /auth\/oidc/);
    const start = await client.get('/auth/oidc/sign-in');
    assert.equal(start.statusCode, 404);
    assert.match(start.body, /Single sign-on is not set up/);
    const back = await t.app.inject({ method: 'POST', url: '/auth/oidc/backchannel-logout', payload: 'logout_token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(back.statusCode, 404);
  });
});

describe('password sign-in without single sign-on', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5 });
  });
  after(() => t?.close());

  it('cannot be turned off while single sign-on is not switched on, which would lock the agency out', async () => {
    const admin = await t.signedIn('ada.kerr@cairn.example');
    const agency = await t.db.selectFrom('agencies').select('id').where('name', '=', 'Fernhollow Academy').executeTakeFirstOrThrow();
    const refused = await admin.post(`/admin/single-sign-on/agencies/${agency.id}`, { passwordSignIn: 'no', version: '0' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Single sign-on is not switched on, so password sign-in cannot be turned off/);
    assert.equal((await (await t.client()).signIn('pat.quinn@cairn.example')).statusCode, 302);
    const page = await admin.get('/admin/single-sign-on');
    assert.match(page.body, /Single sign-on is not switched on/);
  });
});
