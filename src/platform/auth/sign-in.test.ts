import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';

describe('signing in', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5, env: { LOCKOUT_ATTEMPTS: '3' } });
  });
  after(() => t.close());

  it('signs a demo user in and out', async () => {
    const client = await t.client();
    const signedIn = await client.signIn('sam.rowe@cairn.example');
    assert.equal(signedIn.statusCode, 302);
    const cookie = String(signedIn.headers['set-cookie']);
    assert.match(cookie, /cairn_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.equal((await client.get('/account/password')).statusCode, 200);
    const out = await client.post('/sign-out');
    assert.equal(out.statusCode, 302);
    assert.equal((await client.get('/account/password')).headers.location, '/sign-in?next=%2Faccount%2Fpassword');
  });

  it('keeps the email and shows an error summary for a wrong password, without saying which was wrong', async () => {
    const client = await t.client();
    const response = await client.signIn('sam.rowe@cairn.example', 'not-the-password');
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /Enter a correct email address and password/);
    assert.match(response.body, /value="sam.rowe@cairn.example"/);
    const unknown = await client.signIn('nobody@cairn.example', 'whatever-password');
    assert.match(unknown.body, /Enter a correct email address and password/);
  });

  it('refuses a form without its CSRF token', async () => {
    const client = await t.client();
    const response = await client.post('/sign-in', { _csrf: 'forged', email: 'sam.rowe@cairn.example', password: 'x' });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Your form has expired/);
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    const client = await t.client();
    for (let i = 0; i < 2; i++) assert.equal((await client.signIn('pat.quinn@cairn.example', 'wrong-password')).statusCode, 401);
    const third = await client.signIn('pat.quinn@cairn.example', 'wrong-password');
    assert.equal(third.statusCode, 423);
    assert.match(third.body, /locked after too many failed attempts/);
    const right = await client.signIn('pat.quinn@cairn.example');
    assert.equal(right.statusCode, 423);
  });

  it('only redirects to paths on this site after signing in', async () => {
    const client = await t.client();
    const response = await client.post('/sign-in', { email: 'morgan.hale@cairn.example', password: 'demo-only-not-secret', next: '//evil.example/' });
    assert.equal(response.headers.location, '/');
  });

  it('sends strict security headers', async () => {
    const client = await t.client();
    const response = await client.get('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  it('signs out a session left idle past the idle timeout, and any session past its absolute limit', async () => {
    const idle = await t.signedIn('morgan.hale@cairn.example');
    const user = await t.db.selectFrom('users').select('id').where('email', '=', 'morgan.hale@cairn.example').executeTakeFirstOrThrow();
    await t.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', user.id).execute();
    assert.match(String((await idle.get('/people')).headers.location), /^\/sign-in/);

    const old = await t.signedIn('morgan.hale@cairn.example');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    assert.match(String((await old.get('/people')).headers.location), /^\/sign-in/);
    await t.signedIn('morgan.hale@cairn.example');
    const expired = await t.db.selectFrom('sessions').select('token_hash').where('expires_at', '<=', new Date()).execute();
    assert.equal(expired.length, 0, 'expired sessions are removed');
  });

  it('stores only a hash of the session token', async () => {
    const client = await t.client();
    const response = await client.signIn('sam.rowe@cairn.example');
    const cookie = /cairn_session=([^;]+)/.exec(String(response.headers['set-cookie']))![1]!;
    const token = decodeURIComponent(cookie).split('.')[0]!;
    const stored = await t.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(stored.length > 0);
    assert.ok(stored.every((s) => s.token_hash !== token && !s.token_hash.includes(token)));
  });
});
