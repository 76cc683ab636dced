import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { contextFor } from './fixtures.test-support.ts';
import { frontDoorWork } from './inbox.ts';

describe('the front door demo and its work inbox', () => {
  let t: TestApp;
  const today = ukToday();
  before(async () => {
    t = await testApp({ children: 40 });
  });
  after(() => t.close());

  it('has contacts in every state and outcome, over fourteen months, with the clock where it should be', async () => {
    const contacts = await t.db.selectFrom('contacts').selectAll().execute();
    assert.ok(contacts.length >= 38, `${contacts.length} contacts`);
    const count = (f: (c: (typeof contacts)[number]) => boolean) => contacts.filter(f).length;
    const waiting = contacts.filter((c) => c.status === 'awaiting_decision');
    assert.ok(waiting.some((c) => clockStatus(c.decision_due, today) === 'overdue'), 'some overdue');
    assert.ok(waiting.filter((c) => clockStatus(c.decision_due, today) === 'due').length >= 3, 'some due now');
    assert.ok(count((c) => c.status === 'awaiting_sign_off') >= 3);
    for (const outcome of ['no_further_action', 'advice', 'early_help', 'social_care_referral', 'strategy_discussion'] as const) {
      assert.ok(count((c) => c.status === 'decided' && c.decision_outcome === outcome) >= 1, outcome);
    }
    assert.ok(contacts.every((c) => c.early_help_case_id === null));
    const oldest = contacts.map((c) => new Date(c.received_at).getTime()).sort()[0]!;
    assert.ok(Date.now() - oldest > 365 * 86_400_000, 'the oldest is over a year old');
    const kinds = await t.db.selectFrom('contacts').innerJoin('agencies', 'agencies.id', 'contacts.made_by_agency_id').select('agencies.kind').distinct().execute();
    assert.ok(kinds.length >= 4, 'from several agencies');
    const checks = await t.db.selectFrom('contact_checks').select('status').execute();
    assert.ok(checks.some((c) => c.status === 'requested') && checks.some((c) => c.status === 'responded'));
    for (const c of contacts.filter((x) => x.status === 'decided')) {
      assert.equal(c.decision_level !== null && c.signed_off_at !== null, true);
    }
    const received = await t.db.selectFrom('chronology').select('record_id').where('entry_type', '=', 'contact.received').execute();
    assert.ok(contacts.every((c) => received.some((r) => r.record_id === c.id)), 'each contact is on its children’s chronology');
  });

  it('flags re-contacts and shows the queue to the MASH and a school its own contacts', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const queue = await sam.get('/contacts');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Overdue/);
    assert.match(queue.body, /days? overdue/);
    assert.match(queue.body, /Re-contact within 12 months/);
    const decided = await sam.get('/contacts?status=decided');
    assert.match(decided.body, /Strategy discussion/);
    const pat = await t.signedIn('pat.quinn@cairn.example');
    const mine = await pat.get('/contacts');
    assert.match(mine.body, /Contacts your agency made/);
    assert.match(mine.body, /Multi-agency check|Checks for your agency/);
  });

  it('puts the front door’s work in each inbox: decisions due, unallocated, returned, to sign off, checks', async () => {
    const sam = await contextFor(t.db, 'sam.rowe@cairn.example');
    const morgan = await contextFor(t.db, 'morgan.hale@cairn.example');
    const samWork = await frontDoorWork({ db: t.db, userIds: [sam.actor.id], agencyIds: [sam.actor.agencyId], frontDoor: true, today });
    const titles = new Set(samWork.map((w) => w.title));
    for (const title of ['Threshold decision due', 'Unallocated contact', 'Threshold decision returned by a manager']) assert.ok(titles.has(title), title);
    assert.ok(!titles.has('Threshold decision to sign off'), 'a practitioner signs nothing off');
    assert.ok(samWork.every((w) => w.assigneeId === sam.actor.id && w.due && w.status !== 'info'));
    assert.ok(samWork.some((w) => w.status === 'overdue'));
    const teamWork = await frontDoorWork({ db: t.db, userIds: [morgan.actor.id, sam.actor.id], agencyIds: [morgan.actor.agencyId], frontDoor: true, today });
    const signOff = teamWork.filter((w) => w.title === 'Threshold decision to sign off');
    assert.ok(signOff.length >= 3);
    assert.ok(signOff.every((w) => w.assigneeId === morgan.actor.id && w.href.endsWith('/sign-off')));
    assert.ok(teamWork.some((w) => w.title === 'Threshold decision due' && w.assigneeId === sam.actor.id), 'the manager sees the team’s');
    const pat = await contextFor(t.db, 'pat.quinn@cairn.example');
    const patWork = await frontDoorWork({ db: t.db, userIds: [pat.actor.id], agencyIds: [pat.actor.agencyId], frontDoor: false, today });
    assert.ok(patWork.length >= 1 && patWork.every((w) => w.title === 'Multi-agency check requested'));
    assert.deepEqual(await frontDoorWork({ db: t.db, userIds: [], agencyIds: [], frontDoor: true, today }), []);
  });
});
