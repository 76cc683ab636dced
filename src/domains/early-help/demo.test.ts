import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, JO, KIT, PAT, userIdOf } from './fixtures.test-support.ts';
import { earlyHelpWork } from './inbox.ts';
import { reviewClock, stageOf } from './service-view.ts';

describe('the early help demo', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 200 });
  });
  after(() => t.close());

  it('has cases in every state, Kit leading several with some reviews overdue', async () => {
    const cases = await t.db
      .selectFrom('early_help_cases')
      .selectAll()
      .select((eb) => eb.exists(eb.selectFrom('early_help_assessments').select('id').whereRef('case_id', '=', 'early_help_cases.id').where('status', '=', 'registered')).as('registered'))
      .execute();
    assert.ok(cases.length >= 120, `about sixty current cases and as many earlier ones (${cases.length})`);
    const stages = new Set(cases.map((c) => stageOf(c, Boolean(c.registered))));
    assert.deepEqual(stages, new Set(['awaiting_allocation', 'assessment', 'plan', 'closed']));
    assert.ok(await t.db.selectFrom('early_help_assessments').select('id').where('status', '=', 'draft').executeTakeFirst());
    assert.deepEqual(new Set(cases.filter((c) => c.closure_reason).map((c) => c.closure_reason)), new Set(['needs_met', 'stepped_up', 'family_withdrew', 'moved_away', 'transferred', 'other']));
    assert.ok(cases.filter((c) => c.step_up_contact_id).length >= 3, 'some stepped up, with their contacts');
    assert.ok(cases.some((c) => c.source === 'step_down' && c.status === 'open' && c.step_down_summary));
    const kit = await userIdOf(t.db, KIT);
    const kits = cases.filter((c) => c.lead_professional_id === kit && c.status === 'open');
    assert.ok(kits.length >= 8);
    assert.ok(kits.filter((c) => reviewClock(c)?.status === 'overdue').length >= 2, 'some of Kit’s reviews are overdue');
    assert.ok(cases.some((c) => c.status === 'open' && reviewClock(c)?.status === 'on_track'));
    const work = await earlyHelpWork({ db: t.db, userIds: [kit], agencyIds: [cases[0]!.lead_agency_id ?? ''], frontDoor: false, today: ukToday() });
    assert.ok(work.some((i) => i.kind === 'early_help.review' && i.status === 'overdue'));
  });

  it('gives Pat and Jo places on Teams Around the Child, with the involvements and chronology real use makes', async () => {
    for (const email of [PAT, JO]) {
      const memberships = await t.db.selectFrom('tac_members').select('id').where('user_id', '=', await userIdOf(t.db, email)).where('ended_on', 'is', null).execute();
      assert.ok(memberships.length >= 3, `${email} is in several teams`);
      const involvement = await t.db.selectFrom('involvements').select('id').where('source_type', '=', 'tac_member').where('source_id', '=', memberships[0]!.id).executeTakeFirst();
      assert.ok(involvement, 'each membership involves the agency');
    }
    const open = await t.db.selectFrom('early_help_cases').select(['id', 'person_id']).where('status', '=', 'open').execute();
    for (const c of open) {
      const entries = await t.db.selectFrom('chronology').select('entry_type').where('record_id', '=', c.id).execute();
      assert.ok(entries.length > 0, 'every case is on the child’s chronology');
    }
    const pat = await t.signedIn(PAT);
    const list = await pat.get('/early-help');
    assert.equal(list.statusCode, 200);
    assert.ok((list.body.match(/\/early-help\/cases\//g) ?? []).length >= 3, 'Pat sees the cases she works on');
    const kit = await t.signedIn(KIT);
    assert.equal((await kit.get('/early-help?filter=review_overdue')).statusCode, 200);
  });

  it('has registered assessments in every month of the last financial year, so the figures show each month', async () => {
    const rows = await t.db.selectFrom('early_help_assessments').select('registered_on').where('status', '=', 'registered').execute();
    const months = new Set(rows.map((r) => r.registered_on!.slice(0, 7)));
    const year = Number(ukToday().slice(5, 7)) >= 4 ? Number(ukToday().slice(0, 4)) - 1 : Number(ukToday().slice(0, 4)) - 2;
    for (let m = 0; m < 12; m += 1) {
      const month = `${m < 9 ? year : year + 1}-${String(((m + 3) % 12) + 1).padStart(2, '0')}`;
      assert.ok(months.has(month), `an assessment registered in ${month}`);
    }
    const alex = await t.signedIn(ALEX);
    const page = await alex.get(`/early-help/figures?year=${year}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /De-escalation/);
  });
});
