import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import { contextFor, recordContact, someChildren } from './fixtures.test-support.ts';

const PAT = 'pat.quinn@cairn.example';
const SAM = 'sam.rowe@cairn.example';

const contact = (children: unknown[], extra: Record<string, unknown> = {}) => ({
  children,
  source: 'school',
  referrer: { name: 'Pat Quinn', role: 'Designated safeguarding lead', email: 'pat.quinn@cairn.example' },
  reason: 'Disclosed that her stepfather hits her when he has been drinking.',
  presentingNeeds: ['physical_abuse', 'parental_substance_misuse'],
  consent: 'overridden',
  consentOverrideReason: 'Telling the parents first could put her at greater risk.',
  urgency: 'immediate',
  ...extra,
});

/** A signed-in API client that can send any header (the shared test client sends only its own). */
async function apiSession(t: TestApp, email: string) {
  const cookies = new Map<string, string>();
  const keep = (r: { cookies: { name: string; value: string }[] }) => r.cookies.forEach((c) => cookies.set(c.name, c.value));
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  keep(await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookie() }, payload: { _csrf: csrf, email, password: DEMO_PASSWORD } }));
  return async (payload: unknown, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf, cookie: cookie(), ...headers } });
    return { statusCode: r.statusCode, json: <T>() => r.json() as T, headers: r.headers };
  };
}

describe('the contacts API', () => {
  let t: TestApp;
  let child: string;
  let existing: { given_name: string; family_name: string; date_of_birth: string | null };
  before(async () => {
    t = await testApp({ children: 20 });
    [child] = (await someChildren(t.db, 1)) as [string];
    existing = await t.db.selectFrom('people').select(['given_name', 'family_name', 'date_of_birth']).where('id', '=', child).executeTakeFirstOrThrow();
  });
  after(() => t.close());

  it('takes a contact from a school’s system, once per Idempotency-Key, and answers with its status', async () => {
    const post = await apiSession(t, PAT);
    const key = randomUUID();
    const first = await post(contact([{ personId: child }]), { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, JSON.stringify(first.json()));
    const created = first.json<{ id: string; status: string; outcome: null; frontDoor: null; record: null; children: { personId: string }[] }>();
    assert.equal(created.status, 'awaiting_decision');
    assert.equal(created.frontDoor, null, 'a partner sees status and outcome, not the front door’s working');
    assert.equal(created.record, null);
    assert.deepEqual(created.children.map((c) => c.personId), [child]);
    assert.equal(first.headers.location, `/api/v1/contacts/${created.id}`);
    const again = await post(contact([{ personId: child }]), { 'idempotency-key': key });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<{ id: string }>().id, created.id);
    assert.equal((await t.db.selectFrom('contact_people').select('contact_id').where('person_id', '=', child).execute()).length, 1, 'one contact about the child');
  });

  it('adds new children after a duplicate check: 409 with the possible records, then confirmed', async () => {
    const post = await apiSession(t, SAM);
    const twin = { personType: 'child', givenName: existing.given_name, familyName: existing.family_name, dateOfBirth: existing.date_of_birth, sex: 'F' };
    const peopleBefore = (await t.db.selectFrom('people').select('id').execute()).length;
    const dup = await post(contact([{ person: twin }, { personId: child }]));
    assert.equal(dup.statusCode, 409);
    const problem = dup.json<{ possibleDuplicates: { id: string }[] }>();
    assert.ok(problem.possibleDuplicates.some((d) => d.id === child));
    assert.equal((await t.db.selectFrom('people').select('id').execute()).length, peopleBefore, 'nothing created while in doubt');
    const key = randomUUID();
    const confirmed = await post(contact([{ person: twin }], { confirmedNotDuplicate: true }), { 'idempotency-key': key });
    assert.equal(confirmed.statusCode, 201);
    const body = confirmed.json<{ children: { personId: string }[]; frontDoor: { decisionDue: string } | null; record: { consent: string } | null }>();
    assert.notEqual(body.children[0]!.personId, child);
    assert.ok(body.frontDoor, 'the front door sees its own working');
    assert.equal(body.record?.consent, 'overridden');
    const replay = await post(contact([{ person: twin }], { confirmedNotDuplicate: true }), { 'idempotency-key': key });
    assert.equal(replay.statusCode, 200);
    const people = await t.db.selectFrom('people').select('id').where('given_name', '=', existing.given_name).where('family_name', '=', existing.family_name).execute();
    assert.equal(people.length, 2, 'the new child was added once');
  });

  it('answers 400 with what is wrong, never 500', async () => {
    const client = await t.signedIn(PAT);
    const cases: [unknown, RegExp][] = [
      [contact([]), /children/],
      [contact([{ personId: child }], { consentOverrideReason: null }), /consentOverrideReason/],
      [contact([{ personId: child }], { urgency: 'whenever', presentingNeeds: ['bad'] }), /urgency/],
      [contact([{ personId: child }], { referrer: { name: '', email: 'nope' } }), /referrer/],
      [contact([{ personId: randomUUID() }]), /no person with the id/],
      [contact([{ personId: child, person: { personType: 'child' } }]), /children/],
      [contact([{ person: { personType: 'adult', givenName: 'Al', familyName: 'Grown', dateOfBirth: '1980-01-01', sex: 'M' } }]), /adult/],
      [contact([{ personId: child }], { household: [{ personId: child, relationship: 'mother' }] }), /once/],
      [contact([{ personId: child }], { household: [{ personId: child }] }), /household/],
    ];
    for (const [body, pattern] of cases) {
      const r = await client.api('POST', '/api/v1/contacts', body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.match(r.body, pattern);
    }
    assert.equal((await client.api('POST', '/api/v1/contacts', 'not json')).statusCode, 400);
  });

  it('lists and reads contacts under the same access rules as the pages', async () => {
    const health = await contextFor(t.db, 'jo.nyland@cairn.example');
    const healthContact = await recordContact(health, [child]);
    const pat = await t.signedIn(PAT);
    const mine = await pat.api('GET', '/api/v1/contacts');
    assert.equal(mine.statusCode, 200);
    const listed = mine.json<{ contacts: { id: string; madeByAgency: string; frontDoor: unknown }[] }>().contacts;
    assert.ok(listed.length >= 1 && listed.every((c) => c.madeByAgency === 'Fernhollow Academy' && c.frontDoor === null));
    assert.equal((await pat.api('GET', `/api/v1/contacts/${healthContact}`)).statusCode, 403);
    assert.equal((await pat.api('GET', `/api/v1/contacts/${randomUUID()}`)).statusCode, 404);
    assert.equal((await pat.api('GET', '/api/v1/contacts/not-an-id')).statusCode, 400);
    const sam = await t.signedIn(SAM);
    const queue = await sam.api('GET', '/api/v1/contacts?allocatedTo=unallocated&status=awaiting_decision');
    assert.equal(queue.statusCode, 200);
    const items = queue.json<{ contacts: { id: string; frontDoor: { clock: string; decisionDue: string } }[] }>().contacts;
    assert.ok(items.some((c) => c.id === healthContact));
    assert.ok(items.every((c) => c.frontDoor.clock && c.frontDoor.decisionDue));
    const full = await sam.api('GET', `/api/v1/contacts/${healthContact}`);
    assert.equal(full.json<{ record: { reason: string } }>().record.reason.length > 0, true);
    assert.equal((await sam.api('GET', '/api/v1/contacts?status=nonsense')).statusCode, 400);
    const analyst = await t.signedIn('alex.brent@cairn.example');
    assert.equal((await analyst.api('GET', '/api/v1/contacts')).statusCode, 403);
    const audit = await t.db.selectFrom('access_audit').select('action').where('resource_id', '=', healthContact).where('action', '=', 'contact.view').execute();
    assert.ok(audit.length >= 1, 'reading a contact through the API is audited');
  });
});
