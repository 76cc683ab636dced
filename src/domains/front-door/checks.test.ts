import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addWorkingDays, ukDate, ukToday } from '../../platform/calendar/working-days.ts';
import { frontDoorWork } from './inbox.ts';
import { contextFor, recordContact, someChildren } from './fixtures.test-support.ts';

const SAM = 'sam.rowe@cairn.example';
const JO = 'jo.nyland@cairn.example';
const PAT = 'pat.quinn@cairn.example';

describe('multi-agency checks', () => {
  let t: TestApp;
  let child: string;
  let contactId: string;
  let health: string;
  let police: string;
  before(async () => {
    t = await testApp({ children: 20 });
    // A child health is not involved with, so the check is what lets its staff open the record.
    [child] = (await someChildren(t.db, 1)) as [string];
    health = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'health').executeTakeFirstOrThrow()).id;
    police = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'police').executeTakeFirstOrThrow()).id;
    await t.db.deleteFrom('involvements').where('person_id', '=', child).where('agency_id', '=', health).execute();
    contactId = await recordContact(await contextFor(t.db, PAT), [child]);
  });
  after(() => t.close());

  const checkOf = (agencyId: string) => t.db.selectFrom('contact_checks').selectAll().where('contact_id', '=', contactId).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();

  it('asks named agencies, once per submission, and lets each one open the children while the check is open', async () => {
    const jo = await t.signedIn(JO);
    assert.equal((await jo.get(`/people/${child}`)).statusCode, 403, 'health cannot see the child before it is asked');
    const sam = await t.signedIn(SAM);
    const form = await sam.get(`/contacts/${contactId}/checks/new`);
    assert.equal(form.statusCode, 200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const none = await sam.post(`/contacts/${contactId}/checks/new`, { idempotencyKey: key, question: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select at least one agency to ask/);
    assert.match(none.body, /Enter what you want the agency to check/);
    const sent = { idempotencyKey: key, agencyIds: [health, police], question: 'What do you know about the family?' };
    assert.equal((await sam.post(`/contacts/${contactId}/checks/new`, sent)).statusCode, 303);
    assert.equal((await sam.post(`/contacts/${contactId}/checks/new`, sent)).statusCode, 303);
    const checks = await t.db.selectFrom('contact_checks').selectAll().where('contact_id', '=', contactId).execute();
    assert.equal(checks.length, 2, 'a double submit asks once');
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_type', '=', 'contact_check').where('source_id', '=', (await checkOf(health)).id).executeTakeFirstOrThrow();
    assert.equal(involvement.basis, 'multi_agency_check');
    assert.equal(involvement.person_id, child);
    assert.equal(involvement.end_date, null);
    assert.equal((await jo.get(`/people/${child}`)).statusCode, 200, 'health can open the child it is asked about');
    const own = await sam.post(`/contacts/${contactId}/checks/new`, { idempotencyKey: randomUUID(), agencyIds: [(await contextFor(t.db, SAM)).actor.agencyId], question: 'x' });
    assert.equal(own.statusCode, 400);
  });

  it('shows the agency its checks, and the inbox says so, due the next working day', async () => {
    const jo = await t.signedIn(JO);
    const list = await jo.get('/contacts');
    const check = await checkOf(health);
    assert.match(list.body, /Checks for your agency/);
    assert.ok(list.body.includes(`/contacts/checks/${check.id}"`));
    const joCtx = await contextFor(t.db, JO);
    const work = await frontDoorWork({ db: t.db, userIds: [joCtx.actor.id], agencyIds: [health], frontDoor: false, today: ukToday() });
    const item = work.find((w) => w.href === `/contacts/checks/${check.id}`);
    assert.ok(item);
    assert.equal(item.title, 'Multi-agency check requested');
    assert.equal(item.assigneeId, joCtx.actor.id);
    assert.equal(item.personId, child);
    assert.equal(item.due, addWorkingDays(ukDate(new Date(check.requested_at)), 1));
  });

  it('lets only the agency asked read and answer it, and only its question and the children, not the contact', async () => {
    const check = await checkOf(health);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/contacts/checks/${check.id}`)).statusCode, 403, 'the school made the contact but was not asked');
    assert.equal((await pat.post(`/contacts/checks/${check.id}`, { response: 'x', version: String(check.version) })).statusCode, 403);
    assert.equal((await (await t.signedIn('alex.brent@cairn.example')).get(`/contacts/checks/${check.id}`)).statusCode, 403);
    const jo = await t.signedIn(JO);
    assert.equal((await jo.get(`/contacts/checks/${randomUUID()}`)).statusCode, 404);
    const page = await jo.get(`/contacts/checks/${check.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /What do you know about the family\?/);
    assert.doesNotMatch(page.body, /bruising on both arms/, 'not the contact itself');
    assert.equal((await jo.get(`/contacts/${contactId}`)).statusCode, 403, 'nor the contact page');
    const empty = await jo.post(`/contacts/checks/${check.id}`, { response: ' ', version: String(check.version) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter what your agency knows/);
  });

  it('records the answer with who and when, and ends the involvement the check gave', async () => {
    const check = await checkOf(health);
    const jo = await t.signedIn(JO);
    const answered = await jo.post(`/contacts/checks/${check.id}`, { response: 'Known to health visiting; no concerns.', version: String(check.version) });
    assert.equal(answered.statusCode, 303);
    const answer = await checkOf(health);
    assert.equal(answer.status, 'responded');
    assert.equal(answer.responded_by, (await contextFor(t.db, JO)).actor.id);
    assert.ok(answer.responded_at);
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_id', '=', check.id).executeTakeFirstOrThrow();
    assert.equal(involvement.end_date, ukToday());
    const twice = await jo.post(`/contacts/checks/${check.id}`, { response: 'Again', version: String(answer.version) });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already been answered/);
    const entries = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', child).where('entry_type', 'like', 'contact.check%').execute();
    assert.deepEqual(entries.map((e) => e.entry_type).sort(), ['contact.check_requested', 'contact.check_responded']);
    const mash = await (await t.signedIn(SAM)).get(`/contacts/${contactId}`);
    assert.match(mash.body, /Known to health visiting; no concerns./);
    const school = await (await t.signedIn(PAT)).get(`/contacts/${contactId}`);
    assert.equal(school.statusCode, 200);
    assert.doesNotMatch(school.body, /Known to health visiting/, 'the agency that made the contact does not see other agencies’ answers');
  });

  it('withdraws an unanswered check, ending its involvement; an answered one cannot be withdrawn', async () => {
    const policeCheck = await checkOf(police);
    const sam = await t.signedIn(SAM);
    const stale = await sam.post(`/contacts/${contactId}/checks/${policeCheck.id}/withdraw`, { version: '99' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await sam.post(`/contacts/${contactId}/checks/${policeCheck.id}/withdraw`, { version: String(policeCheck.version) })).statusCode, 303);
    assert.equal((await checkOf(police)).status, 'withdrawn');
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_id', '=', policeCheck.id).executeTakeFirstOrThrow();
    assert.equal(involvement.end_date, ukToday());
    const healthCheck = await checkOf(health);
    const answered = await sam.post(`/contacts/${contactId}/checks/${healthCheck.id}/withdraw`, { version: String(healthCheck.version) });
    assert.equal(answered.statusCode, 409);
    assert.match(answered.body, /already been answered/);
    assert.equal((await sam.post(`/contacts/${contactId}/checks/${randomUUID()}/withdraw`, { version: '1' })).statusCode, 404);
    assert.equal((await (await t.signedIn(JO)).post(`/contacts/${contactId}/checks/${healthCheck.id}/withdraw`, { version: '1' })).statusCode, 403);
  });
});
