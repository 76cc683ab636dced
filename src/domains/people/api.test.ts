import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import { insertTestPerson } from './fixtures.test-support.ts';

const body = (overrides: Record<string, unknown> = {}) => ({
  personType: 'child',
  givenName: 'Leopold',
  familyName: 'Quickthorn',
  dateOfBirth: '2017-04-09',
  sex: 'M',
  nhsNumber: '943 476 5919',
  disabilities: [],
  address: { line1: '2 Mill Yard', postcode: 'zz99 4cd', startDate: '2023-05-01' },
  ...overrides,
});

describe('the people API', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const signedIn = async (email = 'sam.rowe@cairn.example') => {
    const client = await t.signedIn(email);
    return client;
  };

  it('creates a person once per idempotency key, and answers 400 for bad input', async () => {
    const client = await signedIn();
    const first = await client.api('POST', '/api/v1/people', body());
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json<{ id: string; nhsNumber: string; version: number }>();
    assert.equal(created.nhsNumber, '9434765919');
    assert.equal(created.version, 1);

    const bad = await client.api('POST', '/api/v1/people', body({ nhsNumber: '943 476 5910', dateOfBirth: '2999-01-01', sex: 'X' }));
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    const problem = bad.json<{ detail: string; errors: { field: string }[] }>();
    assert.ok(problem.errors.some((e) => e.field === 'nhsNumber'));
    assert.ok(problem.errors.some((e) => e.field === 'sex'));
    assert.equal((await client.api('POST', '/api/v1/people', 'not json at all')).statusCode, 400);
  });

  it('warns of duplicates with 409 and honours the Idempotency-Key header', async () => {
    const client = await signedIn();
    const twin = body({ givenName: 'Leopolda', nhsNumber: undefined, address: undefined, familyName: 'Quickthorne' });
    const dup = await client.api('POST', '/api/v1/people', twin);
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json<{ possibleDuplicates: unknown[] }>().possibleDuplicates.length, 1);
    const key = randomUUID();
    const session = await signInRaw(t, 'sam.rowe@cairn.example');
    const confirmed = { ...twin, confirmedNotDuplicate: true };
    const first = await session.post('/api/v1/people', confirmed, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    const again = await session.post('/api/v1/people', confirmed, { 'idempotency-key': key });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<{ id: string }>().id, first.json<{ id: string }>().id);
    const count = await t.db.selectFrom('people').select('id').where('family_name', '=', 'Quickthorne').execute();
    assert.equal(count.length, 1);
  });

  it('searches, reads, and refuses what the role may not do', async () => {
    const sam = await signedIn();
    const found = await sam.api('POST', '/api/v1/people/search', { name: 'Leopold Quickthorn' });
    assert.equal(found.statusCode, 200);
    const [hit] = found.json<{ results: { id: string; canOpen: boolean }[] }>().results;
    assert.ok(hit?.canOpen);
    assert.equal((await sam.api('POST', '/api/v1/people/search', {})).statusCode, 400);
    const record = await sam.api('GET', `/api/v1/people/${hit!.id}`);
    assert.equal(record.statusCode, 200);
    assert.equal(record.json<{ addresses: { postcode: string }[] }>().addresses[0]?.postcode, 'ZZ99 4CD');
    assert.equal((await sam.api('GET', '/api/v1/people/not-a-uuid')).statusCode, 400);
    assert.equal((await sam.api('GET', `/api/v1/people/${randomUUID()}`)).statusCode, 404);
    const pat = await signedIn('pat.quinn@cairn.example');
    const refused = await pat.api('GET', `/api/v1/people/${hit!.id}`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json<{ breakGlass: string }>().breakGlass, /break-glass/);
    const analyst = await signedIn('alex.brent@cairn.example');
    assert.equal((await analyst.api('POST', '/api/v1/people/search', { name: 'Leopold' })).statusCode, 403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/people/${hit!.id}` });
    assert.equal(anonymous.statusCode, 401);
  });

  it('patches with a version, refusing a stale one with the current record', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Cordelia', familyName: 'Wexcombe', dateOfBirth: '2013-03-03' });
    const sam = await signedIn();
    const details = { personType: 'child', givenName: 'Cordelia', familyName: 'Wexcombe', dateOfBirth: '2013-03-03', sex: 'F', disabilities: [] };
    const saved = await sam.api('PATCH', `/api/v1/people/${id}`, { ...details, language: 'Polish', version: 1 });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json<{ version: number; language: string }>().version, 2);
    const stale = await sam.api('PATCH', `/api/v1/people/${id}`, { ...details, language: 'Urdu', version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: { language: string; version: number } }>().current.language, 'Polish');
    const person = await t.db.selectFrom('people').select(['language', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(person, { language: 'Polish', version: 2 });
    assert.equal((await sam.api('PATCH', `/api/v1/people/${id}`, { ...details })).statusCode, 400);
    const pat = await signedIn('pat.quinn@cairn.example');
    assert.equal((await pat.api('PATCH', `/api/v1/people/${id}`, { ...details, version: 2 })).statusCode, 403);
  });

  it('lists the chronology newest first, with filters, and describes itself in OpenAPI', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Ambrose', familyName: 'Fettle' });
    await t.db.insertInto('chronology').values([
      { person_id: id, occurred_at: new Date('2024-01-10T10:00:00Z'), entry_type: 'note', summary: 'First' },
      { person_id: id, occurred_at: new Date('2025-06-10T10:00:00Z'), entry_type: 'visit', summary: 'Second' },
    ]).execute();
    const sam = await signedIn();
    const all = await sam.api('GET', `/api/v1/people/${id}/chronology`);
    assert.deepEqual(all.json<{ entries: { summary: string }[] }>().entries.map((e) => e.summary), ['Second', 'First']);
    const filtered = await sam.api('GET', `/api/v1/people/${id}/chronology?type=note&from=2024-01-01&to=2024-12-31`);
    assert.deepEqual(filtered.json<{ entries: { summary: string }[] }>().entries.map((e) => e.summary), ['First']);
    assert.equal((await sam.api('GET', `/api/v1/people/${id}/chronology?from=yesterday`)).statusCode, 400);
    const token = await sam.api('GET', '/api/v1/csrf-token');
    assert.ok(token.json<{ token: string }>().token);
    const docs = await sam.api('GET', '/api/docs/openapi.json');
    assert.equal(docs.statusCode, 200, docs.body.slice(0, 200));
    const paths = Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of ['/api/v1/people/search', '/api/v1/people/{id}', '/api/v1/people', '/api/v1/people/{id}/chronology']) assert.ok(paths.includes(p), p);
    assert.deepEqual(paths.filter((p) => !p.startsWith('/api/v1/')), [], 'pages are not part of the API description');
    const page = await sam.get('/api/docs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /POST \/api\/v1\/people\/search/);
  });
});

/** A signed-in session by hand, for requests that need headers the test client does not send. */
async function signInRaw(t: TestApp, email: string) {
  const cookies = new Map<string, string>();
  const keep = (r: { cookies: { name: string; value: string }[] }) => r.cookies.forEach((c) => cookies.set(c.name, c.value));
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  keep(await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookie() }, payload: { _csrf: csrf, email, password: DEMO_PASSWORD } }));
  return {
    post: async (url: string, payload: unknown, headers: Record<string, string>) => {
      const r = await t.app.inject({ method: 'POST', url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf, cookie: cookie(), ...headers } });
      return { statusCode: r.statusCode, json: <T>() => r.json() as T };
    },
  };
}
