import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { contextFor, recordContact, someChildren } from '../front-door/fixtures.test-support.ts';
import { ADA, agencyId, bearer, createTokenAs, schoolContact } from './fixtures.test-support.ts';
import { hashToken } from './secrets.ts';

const SCHOOL = 'Fernhollow Academy';

describe('API tokens for partner systems', () => {
  let t: TestApp;
  let schoolId: string;
  let token: string;
  before(async () => {
    t = await testApp({ children: 20 });
    schoolId = await agencyId(t.db, SCHOOL);
    const admin = await t.signedIn(ADA);
    const created = await createTokenAs(admin, { name: 'Fernhollow safeguarding system', agencyId: schoolId, scopes: ['contacts:create', 'contacts:read', 'people:read'] });
    assert.equal(created.response.statusCode, 200, created.response.body.slice(0, 500));
    token = created.secret!;
  });
  after(() => t.close());

  it('shows the secret once and keeps only its SHA-256', async () => {
    assert.match(token, /^cairn_pat_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.selectFrom('api_tokens').selectAll().where('name', '=', 'Fernhollow safeguarding system').executeTakeFirstOrThrow();
    assert.equal(row.token_hash, hashToken(token));
    assert.ok(!JSON.stringify(row).includes(token.slice(10)), 'the secret itself is nowhere in the row');
    assert.deepEqual(row.scopes, ['contacts:create', 'contacts:read', 'people:read']);
    const list = await (await t.signedIn(ADA)).get('/admin/api-tokens');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Fernhollow safeguarding system') && list.body.includes(row.token_hint));
    assert.ok(!list.body.includes(token), 'the list never shows the secret');
  });

  it('acts for its agency: submits a contact and sees only its own agency’s contacts', async () => {
    const [child] = await someChildren(t.db, 1);
    const created = await bearer(t.app, token, 'POST', '/api/v1/contacts', schoolContact([{ personId: child }]), { 'idempotency-key': randomUUID() });
    assert.equal(created.statusCode, 201, created.body);
    const contact = created.json<{ id: string; madeByAgency: string; frontDoor: unknown; record: unknown }>();
    assert.equal(contact.madeByAgency, SCHOOL);
    assert.equal(contact.frontDoor, null, 'a partner’s view, not the front door’s');
    assert.equal(contact.record, null);
    // A contact made by the health visitors is not the school's to see.
    const [other] = await someChildren(t.db, 1);
    const healthContact = await recordContact(await contextFor(t.db, 'jo.nyland@cairn.example'), [other!]);
    const listed = await bearer(t.app, token, 'GET', '/api/v1/contacts');
    assert.equal(listed.statusCode, 200);
    const ids = listed.json<{ contacts: { id: string; madeByAgency: string }[] }>().contacts;
    assert.ok(ids.some((c) => c.id === contact.id));
    assert.ok(ids.every((c) => c.madeByAgency === SCHOOL), 'only the school’s contacts');
    assert.ok(!ids.some((c) => c.id === healthContact));
    // The child the school made a contact about is open to it; another child is not.
    assert.equal((await bearer(t.app, token, 'GET', `/api/v1/people/${child}`)).statusCode, 200);
    assert.equal((await bearer(t.app, token, 'GET', `/api/v1/people/${other}`)).statusCode, 403);
  });

  it('is named in the access audit: its machine user, “API client: …”', async () => {
    const [child] = await someChildren(t.db, 1);
    const created = await bearer(t.app, token, 'POST', '/api/v1/contacts', schoolContact([{ personId: child }]));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await bearer(t.app, token, 'GET', `/api/v1/people/${child}`)).statusCode, 200);
    const rows = await t.db
      .selectFrom('access_audit')
      .innerJoin('users', 'users.id', 'access_audit.user_id')
      .select(['users.name', 'users.disabled', 'users.password_hash', 'access_audit.action', 'access_audit.outcome'])
      .where('access_audit.person_id', '=', child!)
      .where('access_audit.action', '=', 'person.view')
      .execute();
    assert.ok(rows.length >= 1, 'the read is audited');
    assert.ok(rows.every((r) => r.name === 'API client: Fernhollow safeguarding system' && r.outcome === 'allowed'));
    assert.ok(rows.every((r) => r.disabled && r.password_hash === null), 'the machine user has no password and cannot sign in');
  });

  it('refuses an unknown, malformed, expired or revoked token with 401 and says why', async () => {
    const call = (secret: string) => bearer(t.app, secret, 'GET', '/api/v1/contacts');
    const unknown = await call(`cairn_pat_${'A'.repeat(43)}`);
    assert.equal(unknown.statusCode, 401);
    assert.match(unknown.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(unknown.json<{ detail: string }>().detail, /not recognised/);
    assert.match(unknown.headers['www-authenticate'] as string, /Bearer error="invalid_token"/);
    assert.equal((await call('not-a-token')).statusCode, 401);

    const admin = await t.signedIn(ADA);
    const expiring = await createTokenAs(admin, { name: 'Expiring system', agencyId: schoolId, scopes: ['contacts:read'], expiresOn: ukToday() });
    assert.equal((await call(expiring.secret!)).statusCode, 200, 'works until the end of its last day');
    await t.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('name', '=', 'Expiring system').execute();
    const expired = await call(expiring.secret!);
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json<{ detail: string }>().detail, /expired/);

    const revoking = await createTokenAs(admin, { name: 'Revoked system', agencyId: schoolId, scopes: ['contacts:read'] });
    assert.equal((await call(revoking.secret!)).statusCode, 200);
    const row = await t.db.selectFrom('api_tokens').select(['id', 'version']).where('name', '=', 'Revoked system').executeTakeFirstOrThrow();
    const confirm = await admin.get(`/admin/api-tokens/${row.id}/revoke`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Revoke the token/);
    assert.equal((await admin.post(`/admin/api-tokens/${row.id}/revoke`, { version: String(row.version) })).statusCode, 303);
    const revoked = await call(revoking.secret!);
    assert.equal(revoked.statusCode, 401);
    assert.match(revoked.json<{ detail: string }>().detail, /revoked/);
    const again = await admin.post(`/admin/api-tokens/${row.id}/revoke`, { version: String(row.version) });
    assert.equal(again.statusCode, 409, 'revoking twice is refused, not repeated');
  });

  it('refuses a route its scopes do not cover with 403 naming the scope, and routes no token may use', async () => {
    const search = await bearer(t.app, token, 'POST', '/api/v1/people/search', { name: 'Smith' });
    assert.equal(search.statusCode, 403);
    assert.match(search.json<{ detail: string }>().detail, /people:search/);
    const [child] = await someChildren(t.db, 1);
    const change = await bearer(t.app, token, 'PATCH', `/api/v1/people/${child}`, { givenName: 'Changed' });
    assert.equal(change.statusCode, 403);
    assert.match(change.json<{ detail: string }>().detail, /cannot use this endpoint/);
    assert.equal((await bearer(t.app, token, 'GET', '/api/v1/no-such-thing')).statusCode, 404);
  });

  it('needs no CSRF token with a bearer token; a session cookie still does', async () => {
    const [child] = await someChildren(t.db, 1);
    const withToken = await bearer(t.app, token, 'POST', '/api/v1/contacts', schoolContact([{ personId: child }]));
    assert.equal(withToken.statusCode, 201, withToken.body);
    const pat = await t.signedIn('pat.quinn@cairn.example');
    // The signed-in client sends its CSRF token; without it the same request is refused.
    const ok = await pat.api('POST', '/api/v1/contacts', schoolContact([{ personId: child }]));
    assert.equal(ok.statusCode, 201, ok.body);
    const sessionCookie = await sessionCookieOf(t, 'pat.quinn@cairn.example');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { cookie: sessionCookie, 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify(schoolContact([{ personId: child }])) });
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.json<{ detail: string }>().detail, /x-csrf-token/);
  });

  it('cannot be used to open pages, and an administrator’s pages are administrators’ alone', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/contacts', headers: { authorization: `Bearer ${token}`, accept: 'text/html' } });
    assert.equal(page.statusCode, 302, 'a page ignores the token and asks for a sign-in');
    const pat = await t.signedIn('pat.quinn@cairn.example');
    assert.equal((await pat.get('/admin/api-tokens')).statusCode, 403);
    assert.equal((await pat.get('/admin/api-tokens/new')).statusCode, 403);
  });

  it('is described in the OpenAPI document as a bearer scheme', async () => {
    const response = await bearer(t.app, token, 'GET', '/api/docs/openapi.json');
    assert.equal(response.statusCode, 200, 'a token may read the description whatever its scopes');
    const doc = response.json<{ components: { securitySchemes: Record<string, { type: string; scheme?: string }> }; security: object[]; info: { description: string } }>();
    assert.deepEqual({ type: doc.components.securitySchemes.apiToken!.type, scheme: doc.components.securitySchemes.apiToken!.scheme }, { type: 'http', scheme: 'bearer' });
    assert.ok(doc.security.some((s) => 'apiToken' in s));
    assert.match(doc.info.description, /Authorization: Bearer cairn_pat_/);
    assert.match(doc.info.description, /contacts:create/);
  });

  it('records when it was last used, at most once a minute', async () => {
    const before = await t.db.selectFrom('api_tokens').select(['last_used_at', 'version']).where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    assert.ok(before.last_used_at, 'set by the calls above');
    await bearer(t.app, token, 'GET', '/api/v1/contacts');
    const after = await t.db.selectFrom('api_tokens').select(['last_used_at', 'version']).where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    assert.equal(after.last_used_at!.getTime(), before.last_used_at!.getTime(), 'not written again within the minute');
    assert.equal(after.version, before.version, 'using a token does not move its version (a revoke in progress still applies)');
    await t.db.updateTable('api_tokens').set({ last_used_at: new Date(Date.now() - 61_000) }).where('token_hash', '=', hashToken(token)).execute();
    await bearer(t.app, token, 'GET', '/api/v1/contacts');
    const later = await t.db.selectFrom('api_tokens').select('last_used_at').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    assert.ok(Date.now() - later.last_used_at!.getTime() < 10_000);
  });

  it('keeps the form’s answers and says what is wrong; a double submit makes one token', async () => {
    const admin = await t.signedIn(ADA);
    const bad = await createTokenAs(admin, { name: '', agencyId: '', scopes: [], expiresOn: addMonths(ukToday(), 13) });
    assert.equal(bad.response.statusCode, 400);
    for (const message of ['Enter the name of the system', 'Select the agency the system acts for', 'Select at least one thing', 'within 12 months']) assert.match(bad.response.body, new RegExp(message));
    const key = randomUUID();
    const first = await createTokenAs(admin, { name: 'Twice sent', agencyId: schoolId, scopes: ['contacts:read'], idempotencyKey: key });
    const second = await createTokenAs(admin, { name: 'Twice sent', agencyId: schoolId, scopes: ['contacts:read'], idempotencyKey: key });
    assert.ok(first.secret);
    assert.equal(second.secret, null, 'the secret is not shown a second time');
    assert.match(second.response.body, /already been created/);
    assert.equal((await t.db.selectFrom('api_tokens').select('id').where('name', '=', 'Twice sent').execute()).length, 1);
  });

  it('keeps its machine user out of the pages, whatever is done to it', async () => {
    const row = await t.db.selectFrom('api_tokens').select('user_id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ disabled: false, password_hash: 'anything' }).where('id', '=', row.user_id).execute();
    const user = await t.db.selectFrom('users').select(['disabled', 'password_hash', 'email']).where('id', '=', row.user_id).executeTakeFirstOrThrow();
    assert.equal(user.disabled, true);
    assert.equal(user.password_hash, null);
    const client = await t.client();
    const signIn = await client.post('/sign-in', { email: user.email, password: DEMO_PASSWORD });
    assert.notEqual(signIn.statusCode, 302);
  });
});

describe('the per-token rate limit', () => {
  let t: TestApp;
  after(() => t.close());

  it('answers 429 with Retry-After once a token has made its requests for the minute, and counts tokens apart', async () => {
    t = await testApp({ children: 20, env: { CAIRN_API_RATE_LIMIT_PER_MINUTE: '3' } });
    const admin = await t.signedIn(ADA);
    const schoolId = await agencyId(t.db, SCHOOL);
    const one = (await createTokenAs(admin, { name: 'Busy system', agencyId: schoolId, scopes: ['contacts:read'] })).secret!;
    const two = (await createTokenAs(admin, { name: 'Quiet system', agencyId: schoolId, scopes: ['contacts:read'] })).secret!;
    for (let i = 0; i < 3; i++) assert.equal((await bearer(t.app, one, 'GET', '/api/v1/contacts')).statusCode, 200);
    const limited = await bearer(t.app, one, 'GET', '/api/v1/contacts');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.match(limited.headers['content-type'] as string, /problem\+json/);
    assert.equal((await bearer(t.app, two, 'GET', '/api/v1/contacts')).statusCode, 200, 'another token has its own allowance');
  });
});

async function sessionCookieOf(t: TestApp, email: string): Promise<string> {
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const jar = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const signIn = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: jar }, payload: { _csrf: csrf, email, password: DEMO_PASSWORD } });
  return [...page.cookies, ...signIn.cookies].map((c) => `${c.name}=${c.value}`).join('; ');
}
