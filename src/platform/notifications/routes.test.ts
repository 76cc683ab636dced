import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { readPreferences } from './preferences.ts';

const SAM = 'sam.rowe@cairn.example';
const KIT = 'kit.ellery@cairn.example';
const ADA = 'ada.kerr@cairn.example';

describe('notification settings and the outbox pages', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5 });
  });
  after(() => t?.close());
  const idOf = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  it('a worker chooses events and text messages, is told what to correct, and a stale form is refused', async () => {
    const sam = await t.signedIn(SAM);
    const page = await sam.get('/account/notifications');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /A case is allocated to me/);
    assert.match(page.body, /To sam\.rowe@cairn\.example/);
    assert.match(page.body, /cannot send email or text messages yet/, 'nothing is configured in tests');

    const bad = await sam.post('/account/notifications', { events: ['case_allocated', 'review_overdue'], channel: 'sms', mobile: '01632 960001', version: '0' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#mobile">Enter a UK mobile number, like 07700 900 982/);
    assert.match(bad.body, /value="01632 960001"/, 'what was typed is kept');
    assert.match(bad.body, /value="review_overdue" checked/);
    const missing = await sam.post('/account/notifications', { events: 'case_allocated', channel: 'sms', mobile: '', version: '0' });
    assert.match(missing.body, /Enter your mobile number to get text messages/);
    assert.match((await sam.post('/account/notifications', { version: '0' })).body, /Select how you want to be told/);

    const saved = await sam.post('/account/notifications', { events: ['case_allocated', 'review_overdue'], channel: 'sms', mobile: '07700 900 982', version: '0' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/account/notifications?saved=1');
    const prefs = await readPreferences(t.db, await idOf(SAM));
    assert.deepEqual(prefs, { events: ['case_allocated', 'review_overdue'], channel: 'sms', mobile: '+447700900982', version: 1 });
    const shown = await sam.get('/account/notifications?saved=1');
    assert.match(shown.body, /Your notification settings have been saved/);
    assert.match(shown.body, /value="\+447700900982"/);

    const stale = await sam.post('/account/notifications', { events: [], channel: 'email', mobile: '', version: '0' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed in another window or tab/);
    assert.equal((await readPreferences(t.db, await idOf(SAM))).channel, 'sms', 'nothing overwritten');
    assert.equal((await sam.post('/account/notifications', { events: [], channel: 'email', mobile: '', version: '1' })).statusCode, 303);
    assert.deepEqual((await readPreferences(t.db, await idOf(SAM))).events, [], 'unticking everything stops messages');
  });

  it('offers each person only the events that can happen to them', async () => {
    const kit = await t.signedIn(KIT);
    const page = await kit.get('/account/notifications');
    assert.doesNotMatch(page.body, /A case is allocated to me/, 'early help is not allocated social care cases');
    assert.match(page.body, /A review is overdue/);
    await kit.post('/account/notifications', { events: ['case_allocated', 'review_overdue'], channel: 'email', mobile: '', version: '0' });
    assert.deepEqual((await readPreferences(t.db, await idOf(KIT))).events, ['review_overdue'], 'an event not offered is not saved');
    const ada = await t.signedIn(ADA);
    assert.match((await ada.get('/account/notifications')).body, /There are no messages for your role/);
  });

  it('administrators see the outbox, filter it and retry a message; nobody else may', async () => {
    const sam = await idOf(SAM);
    const [held, sent] = await t.db
      .insertInto('notification_outbox')
      .values([
        { user_id: sam, event: 'case_allocated', channel: 'email', reference: 'AB12CD34', link: '/work', status: 'held', last_error: 'Not sent: no channel configured', next_attempt_at: new Date() },
        { user_id: sam, event: 'review_overdue', channel: 'sms', reference: 'EF56AB78', link: '/work', status: 'sent', attempts: 1, sent_at: new Date(), next_attempt_at: new Date() },
      ])
      .returning(['id', 'version'])
      .execute();
    const worker = await t.signedIn(SAM);
    assert.equal((await worker.get('/admin/notifications')).statusCode, 403);
    assert.equal((await worker.post(`/admin/notifications/${held!.id}/retry`, { version: String(held!.version) })).statusCode, 403);

    const ada = await t.signedIn(ADA);
    const all = await ada.get('/admin/notifications');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /AB12CD34/);
    assert.match(all.body, /Not sent: no channel configured/);
    assert.match(all.body, /EF56AB78/);
    assert.match(all.body, /Email: not set up/);
    const onlyHeld = await ada.get('/admin/notifications?status=held');
    assert.match(onlyHeld.body, /AB12CD34/);
    assert.doesNotMatch(onlyHeld.body, /EF56AB78/);
    assert.equal((await ada.get('/admin/notifications?status=nonsense')).statusCode, 200, 'an unknown filter shows everything');
    assert.doesNotMatch(all.body, new RegExp(`notifications/${sent!.id}/retry`), 'a sent message cannot be retried');

    const retried = await ada.post(`/admin/notifications/${held!.id}/retry`, { version: String(held!.version) });
    assert.equal(retried.statusCode, 303);
    const row = await t.db.selectFrom('notification_outbox').selectAll().where('id', '=', held!.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'queued');
    const again = await ada.post(`/admin/notifications/${held!.id}/retry`, { version: String(held!.version) });
    assert.equal(again.statusCode, 409, 'a second retry from the same page is refused');
    assert.equal((await ada.post('/admin/notifications/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/retry', { version: '1' })).statusCode, 404);
  });
});
