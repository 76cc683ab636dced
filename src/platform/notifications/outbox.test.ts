import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { caseVersion, childSharedWith, KIT, MORGAN, openCase, registerAssessment, SAM, userIdOf } from '../../domains/early-help/fixtures.test-support.ts';
import { gather } from '../../domains/inbox/service.ts';
import { queueDailyReminders, recordIdOf, reminderFor } from '../../domains/inbox/reminders.ts';
import { addCalendarDays, ukToday } from '../calendar/working-days.ts';
import { retryDelayMs } from './dispatcher.ts';
import { notify } from './notify.ts';
import { savePreferences, ukMobile } from './preferences.ts';
import { NOTIFICATION_EVENTS } from './tables.ts';
import { renderMessage, renderText, shortReference } from './templates.ts';

const ROB = 'rob.delaney@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('queueing notifications', () => {
  let t: TestApp;
  let sam: string;
  let rob: string;
  before(async () => {
    t = await testApp({ children: 10 });
    sam = await userIdOf(t.db, SAM);
    rob = await userIdOf(t.db, ROB);
  });
  after(() => t?.close());
  beforeEach(async () => {
    await t.db.deleteFrom('notification_outbox').execute();
    await t.db.deleteFrom('notification_preferences').execute();
  });
  const queued = () => t.db.selectFrom('notification_outbox').selectAll().orderBy('created_at').execute();
  const wants = (userId: string, events = [...NOTIFICATION_EVENTS]) => savePreferences(t.db, userId, { events, channel: 'email', mobile: null, version: 0 });
  const message = { event: 'case_allocated' as const, recordId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', link: '/work' };

  it('queues in the caller’s transaction: a rolled-back change queues nothing', async () => {
    await wants(sam);
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        assert.equal(await notify(trx, { ...message, userIds: [sam] }), 1);
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal((await queued()).length, 0);
    await t.db.transaction().execute((trx) => notify(trx, { ...message, userIds: [sam] }));
    const rows = await queued();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.status, rows[0]!.channel, rows[0]!.reference, rows[0]!.attempts], ['queued', 'email', '2E3F4A5B', 0]);
  });

  it('respects preferences: nothing by default, only the events chosen, nothing for a disabled account', async () => {
    assert.equal(await notify(t.db, { ...message, userIds: [sam, rob] }), 0, 'nobody has chosen anything yet');
    await wants(sam, ['review_overdue']);
    await wants(rob, ['case_allocated']);
    assert.equal(await notify(t.db, { ...message, userIds: [sam, rob] }), 1);
    assert.equal((await queued())[0]!.user_id, rob);
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', rob).execute();
    try {
      assert.equal(await notify(t.db, { ...message, userIds: [sam, rob] }), 0, 'a disabled user gets nothing');
    } finally {
      await t.db.updateTable('users').set({ disabled: false }).where('id', '=', rob).execute();
    }
  });

  it('waits a minute after the first failure, doubling each time, never more than six hours', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / 60_000), [1, 2, 4, 8, 16, 32, 64]);
    assert.equal(retryDelayMs(12), 6 * 60 * 60_000);
  });

  it('accepts UK mobile numbers as people type them, and nothing else', () => {
    for (const typed of ['07700 900982', '+44 7700 900982', '0044-7700-900982', '(07700) 900 982']) assert.equal(ukMobile(typed), '+447700900982', typed);
    for (const wrong of ['01632 960001', '0770090098', '+33 6 12 34 56 78', 'seven', '077009009821']) assert.equal(ukMobile(wrong), null, wrong);
  });

  it('allocating a case queues a message for the worker with a reference and a link, never the child’s name', async () => {
    await wants(sam);
    const child = await childSharedWith(t.db, []);
    const person = await t.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', child).executeTakeFirstOrThrow();
    const morgan = await t.signedIn(MORGAN);
    const response = await morgan.post(`/people/${child}/allocate`, { workerId: sam, reason: 'FCONTA', current: '', ...dateFields('date', ukToday()) });
    assert.equal(response.statusCode, 303);
    const [row] = await queued();
    assert.equal(row?.event, 'case_allocated');
    assert.equal(row.user_id, sam);
    assert.equal(row.link, `/people/${child}/social-care`);
    assert.equal(row.reference, shortReference(child));
    for (const rendered of [renderMessage(row.event, row.reference, `https://cairn.test${row.link}`), renderText(row.event, row.reference, `https://cairn.test${row.link}`)]) {
      const all = `${rendered.subject}\n${rendered.body}`;
      assert.doesNotMatch(all, new RegExp(person.given_name, 'i'));
      assert.doesNotMatch(all, new RegExp(person.family_name, 'i'));
      assert.match(all, new RegExp(row.reference));
    }
    // A refused allocation (a stale form) queues nothing more.
    await morgan.post(`/people/${child}/allocate`, { workerId: rob, reason: 'MANAGE', current: '', ...dateFields('date', ukToday()) });
    assert.equal((await queued()).length, 1);
  });

  it('a step-up from early help tells the front door staff who asked, and nobody else', async () => {
    await wants(rob, ['step_up_received']);
    await wants(sam, ['case_allocated']);
    await wants(await userIdOf(t.db, KIT), ['decision_due_tomorrow']);
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    await registerAssessment(kit, t.db, caseId);
    const version = await caseVersion(t.db, caseId);
    const done = await kit.post(`/early-help/cases/${caseId}/step-up`, { version: String(version), reason: 'Disclosure at school', urgency: 'same_day', consent: 'given' });
    assert.equal(done.statusCode, 303);
    const contact = (await t.db.selectFrom('early_help_cases').select('step_up_contact_id').where('id', '=', caseId).executeTakeFirstOrThrow()).step_up_contact_id!;
    const rows = await queued();
    assert.deepEqual(rows.map((r) => [r.user_id, r.event, r.link, r.reference]), [[rob, 'step_up_received', `/contacts/${contact}`, shortReference(contact)]]);
  });

  it('the daily sweep queues due-tomorrow and overdue-review reminders from the work list, once a day however often it runs', async () => {
    await savePreferences(t.db, sam, { events: ['decision_due_tomorrow', 'review_overdue'], channel: 'sms', mobile: '+447700900982', version: 0 });
    // A day on which something in Sam's work list is due the next day, from the records' own clocks.
    const today = ukToday();
    const items = await gather({ db: t.db, userIds: [sam], agencyIds: [(await t.db.selectFrom('users').select('agency_id').where('id', '=', sam).executeTakeFirstOrThrow()).agency_id], frontDoor: true, today, countOnly: true });
    const dated = items.filter((i) => i.due);
    assert.ok(dated.length, 'the demo gives Sam dated work');
    const day = addCalendarDays(dated[0]!.due!, -1);
    const first = await queueDailyReminders(t.db, day);
    assert.ok(first >= 1);
    const rows = await queued();
    assert.equal(rows.length, first);
    assert.ok(rows.every((r) => r.user_id === sam && r.channel === 'sms' && r.event === 'decision_due_tomorrow'));
    assert.equal(await queueDailyReminders(t.db, day), 0, 'a second run the same day queues nothing');
    assert.equal((await queued()).length, first);
    assert.ok((await queueDailyReminders(t.db, addCalendarDays(day, 1))) >= 0, 'another day may remind again');
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', sam).execute();
    try {
      await t.db.deleteFrom('notification_outbox').execute();
      assert.equal(await queueDailyReminders(t.db, day), 0, 'a disabled user is not reminded');
    } finally {
      await t.db.updateTable('users').set({ disabled: false }).where('id', '=', sam).execute();
    }
  });

  it('knows which reminder an item calls for, and which record it is about', () => {
    const today = '2026-03-10';
    assert.equal(reminderFor({ kind: 'referral.cin_review', due: '2026-03-01', status: 'overdue' }, today), 'review_overdue');
    assert.equal(reminderFor({ kind: 'contact.decision', due: '2026-03-01', status: 'overdue' }, today), null, 'only overdue reviews');
    assert.equal(reminderFor({ kind: 'contact.decision', due: '2026-03-11', status: 'due' }, today), 'decision_due_tomorrow');
    assert.equal(reminderFor({ kind: 'contact.decision', due: '2026-03-12', status: 'on_track' }, today), null);
    const a = '0190a1b2-c3d4-7e5f-8a9b-000000000001';
    const b = '0190a1b2-c3d4-7e5f-8a9b-000000000002';
    assert.equal(recordIdOf({ kind: 'x', href: `/people/${a}/plans/${b}`, personId: a }), b, 'the record the link opens');
    assert.equal(recordIdOf({ kind: 'x', href: '/panels', personId: a }), a);
    assert.match(shortReference(recordIdOf({ kind: 'x', href: '/panels', personId: null })), /^[0-9A-F]{8}$/);
  });
});
