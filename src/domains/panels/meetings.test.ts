import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { userId } from '../people/fixtures.test-support.ts';
import {
  agenda, CHRIS, createMeeting, createPanel, dateForm, decision, earlyHelpChild, KIT, masgReferral, meetingVersion, PAT, recordChairPresent, redirectedId, refer,
} from './fixtures.test-support.ts';
import { panelWork } from './inbox.ts';

describe('panel meetings', () => {
  let t: TestApp;
  let chris: TestClient;
  let kit: TestClient;
  const today = ukToday();

  before(async () => {
    t = await testApp({ children: 10 });
    chris = await t.signedIn(CHRIS);
    kit = await t.signedIn(KIT);
  });
  after(() => t?.close());

  const referTo = async (panelId: string, name: string, overrides: Record<string, string | string[]> = {}) => {
    const child = await earlyHelpChild(t, name);
    return { child, referral: redirectedId(await refer(kit, child, masgReferral(panelId, overrides)), '/panels/referrals') };
  };
  const referral = (id: string) => t.db.selectFrom('panel_referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('builds the agenda from due cases, requires a distance travelled score, and rolls deferred children over', async () => {
    const panel = await createPanel(t, chris, { name: 'Agenda MASG', kind: 'masg', locality: 'south' });
    const a = await referTo(panel, 'Aster');
    const b = await referTo(panel, 'Briar');
    const first = await createMeeting(chris, panel);
    const items = await agenda(t, first);
    assert.deepEqual(items.map((i) => [i.referral_id, i.item_type]), [[a.referral, 'new'], [b.referral, 'new']]);
    assert.match((await chris.get(`/panels/meetings/${first}`)).body, /Aster Panelwick/);

    // A referral made after the agenda was set is offered to the chair, who adds it.
    const c = await referTo(panel, 'Cedar');
    assert.match((await chris.get(`/panels/meetings/${first}`)).body, /Add<span class="govuk-visually-hidden"> Cedar Panelwick/);
    assert.equal((await chris.post(`/panels/meetings/${first}/agenda`, { referralId: c.referral })).statusCode, 303);
    const again = await chris.post(`/panels/meetings/${first}/agenda`, { referralId: c.referral });
    assert.equal(again.statusCode, 409);
    const [itemA, itemB, itemC] = await agenda(t, first);
    assert.equal(itemC!.referral_id, c.referral);

    // Finishing needs attendance and every child decided or deferred.
    const early = await chris.post(`/panels/meetings/${first}/finish`, { version: await meetingVersion(t, first) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Record who attended/);
    await recordChairPresent(t, chris, first);
    const undecided = await chris.post(`/panels/meetings/${first}/finish`, { version: await meetingVersion(t, first) });
    assert.equal(undecided.statusCode, 400);
    assert.match(undecided.body, /3 children are still to be discussed/);

    const noScore = await chris.post(`/panels/agenda-items/${itemA!.id}`, decision(itemA!.version, { distanceScore: '' }));
    assert.equal(noScore.statusCode, 400);
    assert.match(noScore.body, /Select the distance travelled score/);
    assert.match(noScore.body, /Housing to visit/, 'the decision typed is kept');
    const noDecision = await chris.post(`/panels/agenda-items/${itemA!.id}`, decision(itemA!.version, { decision: '', outcome: 'continue', 'nextReviewDue-day': '' }));
    assert.equal(noDecision.statusCode, 400);
    assert.match(noDecision.body, /Enter the panel’s decision/);
    assert.match(noDecision.body, /Enter the date of the next review|must include a day/);

    assert.equal((await chris.post(`/panels/agenda-items/${itemA!.id}`, decision(itemA!.version, { distanceScore: '4' }))).statusCode, 303);
    const stale = await chris.post(`/panels/agenda-items/${itemA!.id}`, decision(itemA!.version, { distanceScore: '5' }));
    assert.equal(stale.statusCode, 409, 'a second save from the same old page is a conflict');
    assert.match(stale.body, /changed by someone else/);
    assert.equal((await chris.post(`/panels/agenda-items/${itemB!.id}`, { outcome: 'defer', version: String(itemB!.version) })).statusCode, 303);
    assert.equal((await chris.post(`/panels/meetings/${first}/agenda/${itemC!.id}/remove`)).statusCode, 303);
    const decidedRemove = await chris.post(`/panels/meetings/${first}/agenda/${itemA!.id}/remove`);
    assert.equal(decidedRemove.statusCode, 409);

    assert.equal((await referral(a.referral)).status, 'awaiting', 'a decision takes effect when the meeting is finished');
    const finished = await chris.post(`/panels/meetings/${first}/finish`, { version: await meetingVersion(t, first) });
    assert.equal(finished.statusCode, 303, finished.body.slice(0, 2000));
    const afterFirst = await referral(a.referral);
    assert.equal(afterFirst.status, 'open');
    assert.equal(afterFirst.next_review_due, today);
    assert.deepEqual(afterFirst.services_offered, ['housing_advice', 'school']);
    assert.equal((await referral(b.referral)).status, 'awaiting');
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', a.child).where('entry_type', '=', 'panel.discussed').executeTakeFirst());

    // Nothing more is recorded on a meeting once it has been held.
    const late = await chris.post(`/panels/agenda-items/${itemA!.id}`, decision(itemA!.version + 1));
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /has been finished/);
    assert.equal((await chris.post(`/panels/meetings/${first}/finish`, { version: await meetingVersion(t, first) })).statusCode, 409);

    // The next agenda: the deferred child (still new) first, then the review now due, then the child taken off.
    const second = await createMeeting(chris, panel);
    const next = await agenda(t, second);
    assert.deepEqual(next.map((i) => [i.referral_id, i.item_type]), [[b.referral, 'new'], [c.referral, 'new'], [a.referral, 'review']]);
    const review = next[2]!;
    const noReviewScore = await chris.post(`/panels/agenda-items/${review.id}`, decision(review.version, { distanceScore: '' }));
    assert.equal(noReviewScore.statusCode, 400, 'a review needs a score too');
    assert.equal((await chris.post(`/panels/agenda-items/${review.id}`, decision(review.version, { distanceScore: '7', servicesOffered: ['zero_nineteen'] }))).statusCode, 303);
    for (const item of next.slice(0, 2)) await chris.post(`/panels/agenda-items/${item.id}`, { outcome: 'defer', version: String(item.version) });
    await recordChairPresent(t, chris, second);
    assert.equal((await chris.post(`/panels/meetings/${second}/finish`, { version: await meetingVersion(t, second) })).statusCode, 303);
    assert.deepEqual((await referral(a.referral)).services_offered, ['housing_advice', 'school', 'zero_nineteen']);

    const page = await kit.get(`/panels/referrals/${a.referral}`);
    assert.match(page.body, /From 4 at entry to 7 now: <strong>\+3<\/strong>/);
    const overview = await chris.get(`/panels/${panel}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Average change from the entry score to the latest: <strong>\+3<\/strong>/);
    assert.match(overview.body, /Housing advice and support/);
  });

  it('closes a referral at a meeting, ending the chair’s involvement when the meeting is finished', async () => {
    const panel = await createPanel(t, chris, { name: 'Closing MET hub', kind: 'met_hub' });
    const a = await referTo(panel, 'Juniper', { route: 'police', presentingIssues: ['cse', 'missing'] });
    const meeting = await createMeeting(chris, panel);
    const [item] = await agenda(t, meeting);
    const noOutcome = await chris.post(`/panels/agenda-items/${item!.id}`, { outcome: 'close', decision: 'Risk reduced.', version: String(item!.version) });
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /Select the outcome/);
    assert.equal((await chris.post(`/panels/agenda-items/${item!.id}`, { outcome: 'close', decision: 'Risk reduced.', closureOutcome: 'needs_met', version: String(item!.version) })).statusCode, 303);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/cancel`, { reason: 'Room unavailable', version: await meetingVersion(t, meeting) })).statusCode, 409, 'decisions are recorded: finish it');
    await recordChairPresent(t, chris, meeting);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/finish`, { version: await meetingVersion(t, meeting) })).statusCode, 303);
    const closed = await referral(a.referral);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'needs_met');
    const involvement = await t.db.selectFrom('involvements').select('end_date').where('source_id', '=', a.referral).executeTakeFirstOrThrow();
    assert.equal(involvement.end_date, today);
  });

  it('cancelling a meeting rolls its children on to the next meeting; meetings in the future cannot be recorded yet', async () => {
    const panel = await createPanel(t, chris, { name: 'Cancelling Unborn Panel', kind: 'unborn_baby' });
    const later = await earlyHelpChild(t, 'Unborn', { personType: 'unborn' });
    const sooner = await earlyHelpChild(t, 'Unborn', { personType: 'unborn' });
    await t.db.updateTable('people').set({ expected_date_of_delivery: addCalendarDays(today, 40) }).where('id', '=', sooner).execute();
    const form = () => ({ ...masgReferral(panel), route: 'midwife', presentingIssues: ['domestic_abuse'] });
    const laterRef = redirectedId(await refer(kit, later, form()), '/panels/referrals');
    const soonerRef = redirectedId(await refer(kit, sooner, form()), '/panels/referrals');
    const meeting = await createMeeting(chris, panel, addCalendarDays(today, 7));
    assert.deepEqual((await agenda(t, meeting)).map((i) => i.referral_id), [soonerRef, laterRef], 'the Unborn Baby Panel takes the earliest due date first');
    const nextOne = await createMeeting(chris, panel, addCalendarDays(today, 21));
    assert.equal((await agenda(t, nextOne)).length, 0, 'children already on an agenda are not put on another');

    const [item] = await agenda(t, meeting);
    const early = await chris.post(`/panels/agenda-items/${item!.id}`, { outcome: 'continue', decision: 'Pre-birth plan agreed.', ...dateForm('nextReviewDue', addCalendarDays(today, 21)), version: String(item!.version) });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /record the panel’s decisions on or after that day/);
    const noReason = await chris.post(`/panels/meetings/${meeting}/cancel`, { reason: '', version: await meetingVersion(t, meeting) });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/cancel`, { reason: 'Chair unwell', version: await meetingVersion(t, meeting) })).statusCode, 303);
    assert.deepEqual((await agenda(t, nextOne)).map((i) => i.referral_id), [soonerRef, laterRef]);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/attendance`, { version: await meetingVersion(t, meeting) })).statusCode, 409, 'a cancelled meeting is not recorded');
  });

  it('sets actions for people who can see the child; owners see them in their work and mark them done', async () => {
    const panel = await createPanel(t, chris, { name: 'Actions MASG', kind: 'masg', locality: 'central_east' });
    const a = await referTo(panel, 'Hollis');
    const meeting = await createMeeting(chris, panel);
    const [item] = await agenda(t, meeting);
    const kitId = await userId(t.db, KIT);
    const action = (ownerId: string, due: string, key = randomUUID()) => ({ action: 'Arrange a housing assessment', ownerId, ...dateForm('dueOn', due), idempotencyKey: key });
    const stranger = await chris.post(`/panels/agenda-items/${item!.id}/actions`, action(await userId(t.db, PAT), today));
    assert.equal(stranger.statusCode, 400);
    assert.match(stranger.body, /the owner must be able to see the child’s record/);
    const past = await chris.post(`/panels/agenda-items/${item!.id}/actions`, action(kitId, addCalendarDays(today, -3)));
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /on or after the meeting date/);
    const key = randomUUID();
    assert.equal((await chris.post(`/panels/agenda-items/${item!.id}/actions`, action(kitId, today, key))).statusCode, 303);
    assert.equal((await chris.post(`/panels/agenda-items/${item!.id}/actions`, action(kitId, today, key))).statusCode, 303);
    const actions = await t.db.selectFrom('panel_actions').selectAll().where('referral_id', '=', a.referral).execute();
    assert.equal(actions.length, 1, 'a double submit sets one action');

    const work = await panelWork({ db: t.db, userIds: [kitId], agencyIds: [], frontDoor: false, today });
    const mine = work.find((w) => w.kind === 'panel.action' && w.personId === a.child);
    assert.ok(mine);
    assert.equal(mine.status, 'due');
    assert.equal(mine.personId, a.child);
    const chairWork = await panelWork({ db: t.db, userIds: [await userId(t.db, CHRIS)], agencyIds: [], frontDoor: false, today });
    assert.ok(chairWork.some((w) => w.kind === 'panel.meeting' && w.href === `/panels/meetings/${meeting}`));
    const overdue = await panelWork({ db: t.db, userIds: [kitId], agencyIds: [], frontDoor: false, today: addCalendarDays(today, 2) });
    assert.equal(overdue.find((w) => w.kind === 'panel.action' && w.personId === a.child)?.status, 'overdue', 'worked out from the due date, never stored');

    const pat = await t.signedIn(PAT);
    assert.equal((await pat.post(`/panels/actions/${actions[0]!.id}/complete`, { version: '1' })).statusCode, 403);
    assert.equal((await kit.post(`/panels/actions/${randomUUID()}/complete`, { version: '1' })).statusCode, 404);
    assert.equal((await kit.post(`/panels/actions/${actions[0]!.id}/complete`, { version: '1', from: 'work' })).statusCode, 303);
    assert.equal((await kit.post(`/panels/actions/${actions[0]!.id}/complete`, { version: '2' })).statusCode, 409);
    assert.equal((await panelWork({ db: t.db, userIds: [kitId], agencyIds: [], frontDoor: false, today })).filter((w) => w.kind === 'panel.action' && w.personId === a.child).length, 0);
  });

  it('records attendance: the chair, users of any agency and named people from other organisations', async () => {
    const panel = await createPanel(t, chris, { name: 'Attendance MASG', kind: 'masg', locality: 'north_west_rural' });
    const meeting = await createMeeting(chris, panel);
    const page = await chris.get(`/panels/meetings/${meeting}/attendance`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chris Varley/);
    const missing = await chris.post(`/panels/meetings/${meeting}/attendance/add`, { attendance: 'present', idempotencyKey: randomUUID() });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select someone with a Cairn account, or enter the name/);
    const noOrganisation = await chris.post(`/panels/meetings/${meeting}/attendance/add`, { name: 'Dana Holt', attendance: 'present', idempotencyKey: randomUUID() });
    assert.equal(noOrganisation.statusCode, 400);
    assert.match(noOrganisation.body, /Enter the organisation they represent/);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/attendance/add`, { name: 'Dana Holt', organisation: 'Brackenshire Housing', attendance: 'present', idempotencyKey: randomUUID() })).statusCode, 303);
    assert.equal((await chris.post(`/panels/meetings/${meeting}/attendance/add`, { userId: await userId(t.db, PAT), attendance: 'apologies', idempotencyKey: randomUUID() })).statusCode, 303);
    const twice = await chris.post(`/panels/meetings/${meeting}/attendance/add`, { userId: await userId(t.db, PAT), attendance: 'present', idempotencyKey: randomUUID() });
    assert.equal(twice.statusCode, 409);
    await recordChairPresent(t, chris, meeting);
    const stale = await chris.post(`/panels/meetings/${meeting}/attendance`, { version: '1' });
    assert.equal(stale.statusCode, 409);
    const shown = (await chris.get(`/panels/meetings/${meeting}`)).body;
    assert.match(shown, /Dana Holt, Brackenshire Housing: Present/);
    assert.match(shown, /Pat Quinn, Fernhollow Academy: Apologies/);
    assert.match(shown, /Chris Varley, Brackenshire Early Help: Present/);
    assert.equal((await kit.post(`/panels/meetings/${meeting}/attendance/add`, { name: 'X', organisation: 'Y', attendance: 'present', idempotencyKey: randomUUID() })).statusCode, 403);
  });
});
