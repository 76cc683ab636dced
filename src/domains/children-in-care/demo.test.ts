import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { seedChildrenInCareDemo } from './demo.ts';
import { childrenInCareWork } from './inbox.ts';
import { placementProblems } from './rules-903.ts';
import { summarise } from './summary.ts';

describe('children in care demo', () => {
  let t: TestApp;
  let children: string[];
  before(async () => {
    t = await testApp({ children: 40 });
    const taken = await t.db.selectFrom('cin_episodes').select('person_id').execute();
    const rows = await t.db
      .selectFrom('people')
      .select('id')
      .where('person_type', '=', 'child')
      .where('restricted', '=', false)
      .where('date_of_birth', '>', '2009-01-01')
      .where('id', 'not in', taken.length ? taken.map((r) => r.person_id) : ['00000000-0000-0000-0000-000000000000'])
      .orderBy('id')
      .limit(14)
      .execute();
    children = rows.map((r) => r.id);
    const org = {
      agencyIds: Object.fromEntries((await t.db.selectFrom('agencies').select(['id', 'kind']).execute()).map((a) => [a.kind === 'social_care' ? 'csc' : a.kind, a.id])),
      teamIds: Object.fromEntries((await t.db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.name, r.id])),
      userIds: Object.fromEntries((await t.db.selectFrom('users').select(['id', 'email']).where('email', 'in', DEMO_USERS.map((u) => u.email)).execute()).map((u) => [u.email, u.id])),
    };
    await seedChildrenInCareDemo(t.db, org, ukToday(), children);
  });
  after(() => t.close());

  it('seeds children at every stage, coherent with the 903 rules and the state machine', async () => {
    const periods = await t.db.selectFrom('care_periods').selectAll().where('person_id', 'in', children).execute();
    assert.equal(periods.length, 12);
    assert.equal(periods.filter((p) => p.end_date).length, 1, 'one child has left care');
    assert.equal(periods.filter((p) => p.uasc).length, 1);
    const episodes = await t.db.selectFrom('care_episodes').selectAll().where('person_id', 'in', children).orderBy('start_date').execute();
    for (const e of episodes) {
      assert.deepEqual(placementProblems({ legalStatus: e.legal_status, placementType: e.placement_type, placementProvider: e.placement_provider, carerName: e.carer_name, urn: e.urn, placementPostcode: e.placement_postcode }, { dateOfBirth: null, date: e.start_date }), [], `${e.placement_type} ${e.legal_status}`);
    }
    assert.ok(episodes.some((e) => e.reason_ceased === 'E4A'));
    for (const p of periods) assert.ok(await t.db.selectFrom('cin_episodes').select('id').where('id', '=', p.episode_id!).executeTakeFirst(), 'each period sits in a referral');
    const summaries = await summarise(t.db, periods.filter((p) => !p.end_date), ukToday());
    assert.ok(summaries.some((s) => s.stability.unstable), 'one child with 3 placements this year');
    assert.ok(summaries.some((s) => s.stability.longTermStable), 'one child in a long-term stable placement');
    assert.ok(summaries.some((s) => s.review?.status === 'overdue'), 'a review overdue');
    assert.ok(summaries.some((s) => s.checks.some((c) => c.kind === 'initial_health' && c.status === 'overdue')), 'an initial health assessment overdue');
    assert.ok(summaries.some((s) => s.review?.label === 'First review' && s.review.status !== 'overdue'), 'newly looked after, first review coming');
  });

  it('fills Nia’s and the IRO’s work, and the list shows the children', async () => {
    const nia = (await t.db.selectFrom('users').select('id').where('email', '=', 'nia.brooks@cairn.example').executeTakeFirstOrThrow()).id;
    const iris = (await t.db.selectFrom('users').select('id').where('email', '=', 'iris.fenwick@cairn.example').executeTakeFirstOrThrow()).id;
    const items = await childrenInCareWork({ db: t.db, userIds: [nia], agencyIds: [], frontDoor: false, today: ukToday() });
    assert.ok(items.some((i) => i.kind === 'care.review' && i.status === 'overdue'));
    assert.ok(items.some((i) => i.kind === 'care.visit'));
    assert.ok(items.some((i) => i.kind === 'care.pep'));
    const chair = await childrenInCareWork({ db: t.db, userIds: [iris], agencyIds: [], frontDoor: false, today: ukToday() });
    assert.ok(chair.length >= 11 && chair.every((i) => i.kind === 'care.review_chair' && i.assigneeId === iris));
    const list = await (await t.signedIn('nia.brooks@cairn.example')).get(`/children-in-care?worker=${nia}`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /placements this year/);
    assert.match(list.body, /Long-term stable/);
    assert.match(list.body, /UASC/);
  });
});
