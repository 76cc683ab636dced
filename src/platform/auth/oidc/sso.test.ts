import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../../test/support/app.ts';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../../../test/support/oidc-provider.ts';
import { testEngine } from '../../../../test/support/database.ts';
import { signInWithIdentity } from './service.ts';

const REDIRECT = 'http://localhost/auth/oidc/callback';
const SIGNED_OUT = 'http://localhost/sign-in?reason=signed-out';

describe('single sign-on through a real OpenID Connect provider', () => {
  let provider: TestProvider;
  let t: TestApp;
  let admin: TestClient;
  let csc: { id: string; teams: Map<string, string> };
  let school: string;

  before(async () => {
    provider = await startTestProvider({ redirectUris: [REDIRECT], postLogoutRedirectUris: [SIGNED_OUT] });
    t = await testApp({ children: 5, env: provider.env(REDIRECT) });
    admin = await t.signedIn('ada.kerr@cairn.example');
    const agencies = await t.db.selectFrom('agencies').select(['id', 'name']).execute();
    const cscId = agencies.find((a) => a.name === "Brackenshire Children's Social Care")!.id;
    school = agencies.find((a) => a.name === 'Fernhollow Academy')!.id;
    const teams = await t.db.selectFrom('teams').select(['id', 'name']).where('agency_id', '=', cscId).execute();
    csc = { id: cscId, teams: new Map(teams.map((x) => [x.name, x.id])) };
    await addMapping('sg-csc-practitioners', csc.id, [csc.teams.get('Assessment Team North')!], ['practitioner']);
    await addMapping('sg-csc-managers', csc.id, [csc.teams.get('Child Protection Team')!], ['manager']);
    await addMapping('sg-school', school, [], ['partner_practitioner']);
  });
  after(async () => {
    await t?.close();
    await provider?.close();
  });

  async function addMapping(groupValue: string, agencyId: string, teamIds: string[], roles: string[]) {
    const response = await admin.post('/admin/single-sign-on/mappings/new', { groupValue, agencyId, teamIds, roles });
    assert.equal(response.statusCode, 303, response.body);
  }

  /** Starts at Cairn, signs in at the provider, and comes back to Cairn's callback in the same browser. */
  async function ssoSignIn(login: string, options: { next?: string; beforeCallback?: (callback: URL) => Promise<URL | void> } = {}) {
    const client = await t.client();
    const start = await client.get(`/auth/oidc/sign-in${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
    assert.equal(start.statusCode, 302);
    const location = new URL(String(start.headers.location));
    assert.equal(location.origin, provider.issuer);
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(location.searchParams.get('code_challenge') && location.searchParams.get('nonce') && location.searchParams.get('state'));
    const flowCookie = /cairn_oidc=([^;]+)/.exec(String(start.headers['set-cookie']))![1]!;
    assert.match(String(start.headers['set-cookie']), /HttpOnly/);
    let back = await signInAtProvider(location.href, login, REDIRECT);
    back = (await options.beforeCallback?.(back)) ?? back;
    const callback = `${back.pathname}${back.search}`;
    const response = await client.get(callback);
    return { client, response, callback, flowCookie };
  }

  const userByEmail = (email: string) =>
    t.db.selectFrom('users').select(['id', 'roles', 'agency_id', 'disabled', 'password_hash', 'name']).where('email', '=', email).executeTakeFirst();
  const teamsOf = async (userId: string) => (await t.db.selectFrom('user_teams').select('team_id').where('user_id', '=', userId).execute()).map((r) => r.team_id);
  const lastSignInAudit = () => t.db.selectFrom('access_audit').select(['user_id', 'outcome', 'reason']).where('action', '=', 'session.sign_in').orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('offers the button on the sign-in page', async () => {
    const page = await (await t.client()).get('/sign-in');
    assert.match(page.body, /Sign in with Brackenshire Council account/);
    assert.match(page.body, /href="\/auth\/oidc\/sign-in"/);
    // Signing out posts to /sign-out, which redirects to the provider: the browser holds that redirect to form-action.
    assert.match(String(page.headers['content-security-policy']), new RegExp(`form-action 'self' ${provider.issuer}`));
  });

  it('creates the user at first sign-in with the agency, team and role their groups map to', async () => {
    provider.accounts.set('subject-casey', { email: 'casey.vance@brackenshire.example', name: 'Casey Vance', groups: ['sg-csc-practitioners', 'some-unmapped-group'] });
    const { client, response } = await ssoSignIn('subject-casey', { next: '/people' });
    assert.equal(response.statusCode, 302, response.body);
    assert.equal(response.headers.location, '/people');
    const user = await userByEmail('casey.vance@brackenshire.example');
    assert.ok(user);
    assert.deepEqual(user.roles, ['practitioner']);
    assert.equal(user.agency_id, csc.id);
    assert.equal(user.password_hash, null, 'no password: they sign in through the provider');
    assert.deepEqual(await teamsOf(user.id), [csc.teams.get('Assessment Team North')]);
    const identity = await t.db.selectFrom('user_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(identity.issuer, provider.issuer);
    assert.equal(identity.subject, 'subject-casey');
    assert.equal((await client.get('/people')).statusCode, 200);
    const audit = await lastSignInAudit();
    assert.deepEqual(audit, { user_id: user.id, outcome: 'allowed', reason: 'single sign-on, account created' });
    const session = await t.db.selectFrom('sessions').select(['expires_at']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.ok(session.expires_at.getTime() <= Date.now() + 12 * 3_600_000 + 1000, 'the usual absolute session limit applies');
  });

  it('reuses the user at the next sign-in and makes roles and teams follow the groups', async () => {
    const before = (await userByEmail('casey.vance@brackenshire.example'))!;
    provider.accounts.set('subject-casey', { email: 'casey.vance@brackenshire.example', name: 'Casey Vance-Reid', groups: ['sg-csc-managers'] });
    const { response } = await ssoSignIn('subject-casey');
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/');
    const after = (await userByEmail('casey.vance@brackenshire.example'))!;
    assert.equal(after.id, before.id);
    assert.deepEqual(after.roles, ['manager']);
    assert.equal(after.name, 'Casey Vance-Reid');
    assert.deepEqual(await teamsOf(after.id), [csc.teams.get('Child Protection Team')]);
    const count = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('email', '=', 'casey.vance@brackenshire.example').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('refuses someone in no mapped group, and creates nobody', async () => {
    provider.accounts.set('subject-nomap', { email: 'no.access@brackenshire.example', name: 'Noa Access', groups: ['finance-team'] });
    const { response } = await ssoSignIn('subject-nomap');
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Your account has no Cairn access/);
    assert.match(response.body, /Ask your administrator/);
    assert.equal(await userByEmail('no.access@brackenshire.example'), undefined);
    assert.deepEqual(await lastSignInAudit(), { user_id: null, outcome: 'denied', reason: 'single sign-on: no_access' });
    assert.doesNotMatch(response.headers['set-cookie'] ? String(response.headers['set-cookie']) : '', /cairn_session=[^;]/);
  });

  it('refuses a callback whose state was tampered with, or that comes back to another browser', async () => {
    provider.accounts.set('subject-tamper', { email: 'tam.per@brackenshire.example', name: 'Tam Per', groups: ['sg-csc-practitioners'] });
    const tampered = await ssoSignIn('subject-tamper', {
      beforeCallback: async (back) => {
        back.searchParams.set('state', `${back.searchParams.get('state')}x`);
        return back;
      },
    });
    assert.equal(tampered.response.statusCode, 400);
    assert.match(tampered.response.body, /Your sign-in has expired/);
    assert.equal(await userByEmail('tam.per@brackenshire.example'), undefined);

    let stolen = '';
    await ssoSignIn('subject-tamper', {
      beforeCallback: async (back) => {
        stolen = `${back.pathname}${back.search}`;
        return new URL('/auth/oidc/callback?state=none', REDIRECT);
      },
    });
    const otherBrowser = await t.client();
    const response = await otherBrowser.get(stolen);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Your sign-in has expired/);
    assert.equal(await userByEmail('tam.per@brackenshire.example'), undefined);
  });

  it('refuses a replayed callback, a wrong nonce and a wrong PKCE verifier', async () => {
    provider.accounts.set('subject-replay', { email: 'rey.play@brackenshire.example', name: 'Rey Play', groups: ['sg-csc-practitioners'] });
    const first = await ssoSignIn('subject-replay');
    assert.equal(first.response.statusCode, 302);
    const replay = await t.app.inject({ method: 'GET', url: first.callback, headers: { accept: 'text/html', cookie: `cairn_oidc=${first.flowCookie}` } });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Your sign-in has expired/);

    const wrongNonce = await ssoSignIn('subject-replay', {
      beforeCallback: async () => {
        await t.db.updateTable('oidc_pending_sign_ins').set({ nonce: 'not-the-nonce-sent-to-the-provider' }).execute();
      },
    });
    assert.equal(wrongNonce.response.statusCode, 400);
    assert.match(wrongNonce.response.body, /Your sign-in could not be checked/);
    assert.deepEqual(await lastSignInAudit(), { user_id: null, outcome: 'denied', reason: 'single sign-on: token_rejected' });

    const wrongVerifier = await ssoSignIn('subject-replay', {
      beforeCallback: async () => {
        await t.db.updateTable('oidc_pending_sign_ins').set({ code_verifier: 'a'.repeat(64) }).execute();
      },
    });
    assert.equal(wrongVerifier.response.statusCode, 400);
    assert.match(wrongVerifier.response.body, /Your sign-in could not be checked/);
  });

  it('makes one account when the same person’s first sign-in arrives twice at once', async () => {
    const identity = { issuer: provider.issuer, subject: 'subject-twice', email: 'twi.ce@brackenshire.example', emailVerified: true, name: 'Twi Ce', groups: ['sg-school'], sid: null, idToken: 'unused' };
    // Only PostgreSQL runs two transactions at once; the embedded engine has one connection, so there they take turns.
    const results =
      testEngine === 'postgres'
        ? await Promise.all([signInWithIdentity(t.db, identity), signInWithIdentity(t.db, identity)])
        : [await signInWithIdentity(t.db, identity), await signInWithIdentity(t.db, identity)];
    assert.ok(results.every((r) => r.outcome === 'signed_in'));
    assert.equal(new Set(results.map((r) => r.userId)).size, 1);
    assert.equal(results.filter((r) => r.outcome === 'signed_in' && r.created).length, 1);
  });

  it('refuses a disabled user, even when their groups still map', async () => {
    const user = (await userByEmail('casey.vance@brackenshire.example'))!;
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', user.id).execute();
    const { response } = await ssoSignIn('subject-casey');
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Your Cairn account has been disabled/);
    assert.deepEqual(await lastSignInAudit(), { user_id: user.id, outcome: 'denied', reason: 'single sign-on: disabled' });
    await t.db.updateTable('users').set({ disabled: false }).where('id', '=', user.id).execute();
  });

  it('links an existing local account only when the email is verified and the account is in the mapped agency', async () => {
    // Pat Quinn (Fernhollow Academy) exists with a password.
    const pat = (await userByEmail('pat.quinn@cairn.example'))!;
    provider.accounts.set('subject-pat-unverified', { email: 'pat.quinn@cairn.example', name: 'Pat Quinn', emailVerified: false, groups: ['sg-school'] });
    const unverified = await ssoSignIn('subject-pat-unverified');
    assert.equal(unverified.response.statusCode, 403);
    assert.match(unverified.response.body, /Your account could not be linked/);

    provider.accounts.set('subject-pat-elsewhere', { email: 'pat.quinn@cairn.example', name: 'Pat Quinn', groups: ['sg-csc-practitioners'] });
    const otherAgency = await ssoSignIn('subject-pat-elsewhere');
    assert.equal(otherAgency.response.statusCode, 403);
    assert.equal((await userByEmail('pat.quinn@cairn.example'))!.agency_id, school, 'nothing changed');

    provider.accounts.set('subject-pat', { email: 'pat.quinn@cairn.example', name: 'Pat Quinn', groups: ['sg-school'] });
    const linked = await ssoSignIn('subject-pat');
    assert.equal(linked.response.statusCode, 302);
    assert.equal((await userByEmail('pat.quinn@cairn.example'))!.id, pat.id);
    assert.deepEqual(await lastSignInAudit(), { user_id: pat.id, outcome: 'allowed', reason: 'single sign-on, account linked' });
    const identities = await t.db.selectFrom('user_identities').select('subject').where('user_id', '=', pat.id).execute();
    assert.deepEqual(identities, [{ subject: 'subject-pat' }]);
  });

  it('refuses password sign-in for an agency that signs in with single sign-on only, and still allows partners', async () => {
    const page = await admin.get(`/admin/single-sign-on/agencies/${csc.id}`);
    assert.equal(page.statusCode, 200);
    const off = await admin.post(`/admin/single-sign-on/agencies/${csc.id}`, { passwordSignIn: 'no', version: '0' });
    assert.equal(off.statusCode, 303);
    const stale = await admin.post(`/admin/single-sign-on/agencies/${csc.id}`, { passwordSignIn: 'yes', version: '0' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed this agency’s sign-in setting/);

    const refused = await (await t.client()).signIn('sam.rowe@cairn.example');
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Your organisation signs in to Cairn with single sign-on/);
    assert.match(refused.body, /Sign in with Brackenshire Council account/);
    const wrongPassword = await (await t.client()).signIn('sam.rowe@cairn.example', 'not-the-password');
    assert.equal(wrongPassword.statusCode, 401, 'a wrong password says nothing about the agency');
    const partner = await (await t.client()).signIn('jo.nyland@cairn.example');
    assert.equal(partner.statusCode, 302);

    const missing = await admin.post(`/admin/single-sign-on/agencies/${csc.id}`, { version: '1' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select whether people in this agency may sign in with a password/);
    const on = await admin.post(`/admin/single-sign-on/agencies/${csc.id}`, { passwordSignIn: 'yes', version: '1' });
    assert.equal(on.statusCode, 303);
    assert.equal((await (await t.client()).signIn('sam.rowe@cairn.example')).statusCode, 302);
  });

  it('signs out of the provider too, with the ID token as a hint and the registered return address', async () => {
    provider.accounts.set('subject-out', { email: 'out.going@brackenshire.example', name: 'Out Going', groups: ['sg-csc-practitioners'] });
    const { client } = await ssoSignIn('subject-out');
    const idToken = (await t.db.selectFrom('oidc_sessions').innerJoin('users', 'users.id', 'oidc_sessions.user_id').select('id_token').where('users.email', '=', 'out.going@brackenshire.example').executeTakeFirstOrThrow()).id_token;
    const out = await client.post('/sign-out');
    assert.equal(out.statusCode, 302);
    const location = new URL(String(out.headers.location));
    assert.equal(`${location.origin}${location.pathname}`, `${provider.issuer}/session/end`);
    assert.equal(location.searchParams.get('id_token_hint'), idToken);
    assert.equal(location.searchParams.get('post_logout_redirect_uri'), SIGNED_OUT);
    assert.match(String((await client.get('/people')).headers.location), /^\/sign-in/);
    assert.equal((await t.db.selectFrom('oidc_sessions').select('token_hash').where('id_token', '=', idToken).execute()).length, 0);
    // The provider accepts the request (it shows its own "sign out?" page for the user to confirm).
    const atProvider = await fetch(location, { redirect: 'manual' });
    assert.equal(atProvider.status, 200);

    const local = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await local.post('/sign-out')).headers.location, '/sign-in?reason=signed-out', 'a password session signs out of Cairn only');
  });

  it('ends the sessions a valid back-channel logout token names, and refuses a forged one', async () => {
    provider.accounts.set('subject-bc', { email: 'back.channel@brackenshire.example', name: 'Bea Channel', groups: ['sg-csc-practitioners'] });
    const { client } = await ssoSignIn('subject-bc');
    assert.equal((await client.get('/people')).statusCode, 200);
    const { sid } = await t.db.selectFrom('oidc_sessions').select('sid').where('subject', '=', 'subject-bc').executeTakeFirstOrThrow();
    assert.ok(sid, 'the provider gave a session id');

    const post = (token: string) =>
      t.app.inject({ method: 'POST', url: '/auth/oidc/backchannel-logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ logout_token: token }).toString() });
    const forged = await post(`${(await provider.logoutToken({ sid })).slice(0, -4)}AAAA`);
    assert.equal(forged.statusCode, 400);
    const withNonce = await post(await provider.logoutToken({ sid, nonce: 'x' }));
    assert.equal(withNonce.statusCode, 400);
    const noEvent = await post(await provider.logoutToken({ sid, events: {} }));
    assert.equal(noEvent.statusCode, 400);
    assert.equal((await client.get('/people')).statusCode, 200, 'still signed in after refused tokens');

    const valid = await post(await provider.logoutToken({ sid, sub: 'subject-bc' }));
    assert.equal(valid.statusCode, 200);
    assert.match(String((await client.get('/people')).headers.location), /^\/sign-in/);
  });

  it('lets only administrators keep the group mappings, with validation, one record per double submit and 409 on conflict', async () => {
    const practitioner = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await practitioner.get('/admin/single-sign-on')).statusCode, 403);
    assert.equal((await practitioner.post('/admin/single-sign-on/mappings/new', { groupValue: 'x', agencyId: csc.id, roles: 'administrator' })).statusCode, 403);

    const list = await admin.get('/admin/single-sign-on');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /sg-csc-practitioners/);
    assert.match(list.body, /Redirect URI to register/);

    const empty = await admin.post('/admin/single-sign-on/mappings/new', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Enter the group’s value/);
    assert.match(empty.body, /Select at least one role/);
    const wrongTeam = await admin.post('/admin/single-sign-on/mappings/new', { groupValue: 'sg-new', agencyId: school, teamIds: csc.teams.get('Child Protection Team')!, roles: 'partner_practitioner' });
    assert.equal(wrongTeam.statusCode, 400);
    assert.match(wrongTeam.body, /Select only teams in Fernhollow Academy/);
    assert.match(wrongTeam.body, /value="sg-new"/, 'what was typed is kept');
    const duplicate = await admin.post('/admin/single-sign-on/mappings/new', { groupValue: 'sg-school', agencyId: school, roles: 'partner_practitioner' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /This group already has a mapping/);

    const key = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    for (let i = 0; i < 2; i++) {
      const created = await admin.post('/admin/single-sign-on/mappings/new', { groupValue: 'sg-twice', agencyId: school, roles: 'partner_practitioner', idempotencyKey: key });
      assert.equal(created.statusCode, 303);
    }
    const twice = await t.db.selectFrom('sso_group_mappings').select(['id', 'version']).where('group_value', '=', 'sg-twice').execute();
    assert.equal(twice.length, 1);
    const id = twice[0]!.id;

    const edit = await admin.get(`/admin/single-sign-on/mappings/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.equal((await admin.post(`/admin/single-sign-on/mappings/${id}/edit`, { groupValue: 'sg-twice', agencyId: school, roles: ['partner_practitioner', 'analyst'], version: '1' })).statusCode, 303);
    const conflict = await admin.post(`/admin/single-sign-on/mappings/${id}/edit`, { groupValue: 'sg-twice-renamed', agencyId: school, roles: 'partner_practitioner', version: '1' });
    assert.equal(conflict.statusCode, 409);
    assert.match(conflict.body, /sg-twice-renamed/, 'what was entered is shown back');
    const saved = await t.db.selectFrom('sso_group_mappings').select(['group_value', 'roles', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { group_value: 'sg-twice', roles: ['partner_practitioner', 'analyst'], version: 2 });

    assert.equal((await admin.get(`/admin/single-sign-on/mappings/${id}/delete`)).statusCode, 200);
    assert.equal((await admin.post(`/admin/single-sign-on/mappings/${id}/delete`, { version: '1' })).statusCode, 409);
    assert.equal((await admin.post(`/admin/single-sign-on/mappings/${id}/delete`, { version: '2' })).statusCode, 303);
    assert.equal((await admin.get(`/admin/single-sign-on/mappings/${id}/edit`)).statusCode, 404);
    const audit = await t.db.selectFrom('access_audit').select('action').where('resource_id', '=', id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['sso.mapping_created', 'sso.mapping_changed', 'sso.mapping_deleted']);
  });
});
