import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { userId } from '../people/fixtures.test-support.ts';
import { CHRIS } from './fixtures.test-support.ts';
import { panelWork } from './inbox.ts';

describe('the panels demo', () => {
  let t: TestApp;
  let chris: TestClient;
  const today = ukToday();

  before(async () => {
    t = await testApp({ children: 120 });
    chris = await t.signedIn(CHRIS);
  });
  after(() => t?.close());

  it('has the five panels, chaired by Chris Varley, with about forty referrals by route and issue', async () => {
    const panels = await t.db.selectFrom('panels').selectAll().orderBy('name').execute();
    assert.deepEqual(panels.map((p) => p.name).sort(), ['Central and East MASG', 'MET hub', 'North, West and Rural MASG', 'South MASG', 'Unborn Baby Panel']);
    const chairId = await userId(t.db, CHRIS);
    assert.ok(panels.every((p) => p.chair_id === chairId));
    const referrals = await t.db.selectFrom('panel_referrals').innerJoin('panels', 'panels.id', 'panel_referrals.panel_id').select(['panels.kind', 'route', 'status', 'person_id', 'panel_referrals.id']).execute();
    assert.ok(referrals.length >= 30, `${referrals.length} referrals`);
    assert.ok(referrals.some((r) => r.kind === 'masg' && r.route === 'caf'), 'some MASG referrals through a CAF');
    assert.ok(referrals.some((r) => r.kind === 'masg' && r.route.startsWith('step_down')), 'some step-downs');
    assert.ok(referrals.some((r) => r.kind === 'met_hub'));
    for (const status of ['awaiting', 'open', 'closed']) assert.ok(referrals.some((r) => r.status === status), status);
    const unborn = await t.db.selectFrom('panel_referrals').innerJoin('people', 'people.id', 'panel_referrals.person_id').innerJoin('panels', 'panels.id', 'panel_referrals.panel_id')
      .select(['people.person_type']).where('panels.kind', '=', 'unborn_baby').execute();
    assert.ok(unborn.every((u) => u.person_type === 'unborn'), 'the Unborn Baby Panel has unborn children only');
    const involvements = await t.db.selectFrom('involvements').select(['source_id', 'end_date']).where('source_type', '=', 'panel_referral').execute();
    assert.equal(involvements.length, referrals.length, 'each referral involves the chair’s agency');
    const closedIds = new Set(referrals.filter((r) => r.status === 'closed').map((r) => r.id));
    assert.ok(involvements.every((i) => (i.end_date !== null) === closedIds.has(i.source_id!)), 'closed referrals ended their involvement');
    const chronology = await t.db.selectFrom('chronology').select('entry_type').where('entry_type', 'like', 'panel.%').execute();
    for (const type of ['panel.referred', 'panel.discussed', 'panel.referral_closed', 'panel.action_set']) assert.ok(chronology.some((c) => c.entry_type === type), type);
  });

  it('has held meetings with attendance, rising distance scores and some overdue actions, and one meeting to come per panel', async () => {
    const meetings = await t.db.selectFrom('panel_meetings').selectAll().execute();
    const planned = meetings.filter((m) => m.status === 'planned');
    assert.equal(planned.length, 5);
    assert.ok(planned.every((m) => m.meeting_date >= today));
    const held = meetings.filter((m) => m.status === 'held');
    assert.ok(held.length >= 20);
    const attendance = await t.db.selectFrom('panel_attendance').select('meeting_id').execute();
    assert.ok(held.every((m) => attendance.some((a) => a.meeting_id === m.id)));
    const scores = await t.db.selectFrom('panel_agenda_items as i').innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
      .select(['i.referral_id', 'i.distance_score', 'm.meeting_date']).where('i.distance_score', 'is not', null).orderBy('m.meeting_date').execute();
    const byReferral = new Map<string, number[]>();
    for (const s of scores) byReferral.set(s.referral_id, [...(byReferral.get(s.referral_id) ?? []), s.distance_score!]);
    const scoredTwice = [...byReferral.values()].filter((s) => s.length > 1);
    assert.ok(scoredTwice.length >= 5);
    assert.ok(scoredTwice.filter((s) => s.at(-1)! > s[0]!).length > scoredTwice.length / 2, 'most children move on');
    const actions = await t.db.selectFrom('panel_actions').selectAll().execute();
    assert.ok(actions.some((a) => !a.completed_on && a.due_on < today), 'some actions overdue');
    assert.ok(actions.some((a) => a.completed_on));
    const agendaItems = await t.db.selectFrom('panel_agenda_items').select('meeting_id').where('meeting_id', 'in', planned.map((m) => m.id)).execute();
    assert.ok(agendaItems.length >= 5, 'the meetings to come have agendas');
  });

  it('shows each panel, its meetings and referrals to the chair, and puts the chair’s work in the inbox', async () => {
    for (const panel of await t.db.selectFrom('panels').select('id').execute()) assert.equal((await chris.get(`/panels/${panel.id}`)).statusCode, 200);
    for (const meeting of await t.db.selectFrom('panel_meetings').select('id').limit(8).execute()) assert.equal((await chris.get(`/panels/meetings/${meeting.id}`)).statusCode, 200);
    for (const r of await t.db.selectFrom('panel_referrals').select('id').where('status', '!=', 'closed').limit(8).execute()) {
      assert.equal((await chris.get(`/panels/referrals/${r.id}`)).statusCode, 200);
    }
    const list = await chris.get('/panels');
    assert.match(list.body, /North, West and Rural MASG/);
    const work = await panelWork({ db: t.db, userIds: [await userId(t.db, CHRIS)], agencyIds: [], frontDoor: false, today });
    assert.ok(work.some((w) => w.kind === 'panel.meeting'));
    const kitWork = await panelWork({ db: t.db, userIds: [await userId(t.db, 'kit.ellery@cairn.example')], agencyIds: [], frontDoor: false, today });
    assert.ok(kitWork.some((w) => w.kind === 'panel.action' && w.status === 'overdue'));
  });
});
