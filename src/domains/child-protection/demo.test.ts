import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { seedChildProtectionDemo } from './demo.ts';
import { childProtectionWork } from './inbox.ts';
import { ROB, userIdOf } from './fixtures.test-support.ts';

describe('child protection demo', () => {
  let t: TestApp;
  const children: string[] = [];
  before(async () => {
    t = await testApp({ children: 10 });
    for (let i = 0; i < 12; i += 1) children.push(await insertTestPerson(t.db, { givenName: `Demo${i}`, familyName: 'Cpseed' }));
    const org = {
      agencyIds: Object.fromEntries((await t.db.selectFrom('agencies').select(['id', 'kind']).execute()).map((a) => [{ social_care: 'csc', police: 'police', health: 'health', education: 'school', early_help: 'eh', voluntary: 'vol' }[a.kind as string] ?? a.kind, a.id])),
      teamIds: Object.fromEntries((await t.db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.name, r.id])),
      userIds: Object.fromEntries((await t.db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id])),
    };
    await seedChildProtectionDemo(t.db, org, ukToday(), children);
  });
  after(() => t.close());

  it('shows every state: enquiries, a conference overdue, plans of every age, a repeat, ended plans', async () => {
    const plans = await t.db.selectFrom('cp_plans').selectAll().where('person_id', 'in', children).execute();
    assert.equal(plans.filter((p) => !p.end_date).length, 7);
    assert.ok(plans.some((p) => p.initial_category === 'MUL'));
    assert.ok(plans.some((p) => p.previous_plans === 1));
    assert.ok(plans.filter((p) => p.end_date).length >= 2);
    const open = await t.db.selectFrom('section_47_enquiries').select('id').where('person_id', 'in', children).where('completed_date', 'is', null).execute();
    assert.equal(open.length, 2);
  });

  it('gives Rob Delaney overdue and due work, and pages that render', async () => {
    const items = (await childProtectionWork({ db: t.db, userIds: [await userIdOf(t.db, ROB)], agencyIds: [], frontDoor: true, today: ukToday() })).filter((i) => i.personId && children.includes(i.personId));
    for (const kind of ['cp.initial_conference', 'cp.review_conference', 'cp.core_group', 'cp.visit', 'cp.section_47']) assert.ok(items.some((i) => i.kind === kind), kind);
    assert.ok(items.some((i) => i.status === 'overdue'));
    const rob = await t.signedIn(ROB);
    const list = await rob.get('/child-protection');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /2 years or more/);
    const plans = await t.db.selectFrom('cp_plans').select('id').where('person_id', 'in', children).execute();
    for (const p of plans) assert.equal((await rob.get(`/child-protection/plans/${p.id}`)).statusCode, 200);
  });
});
