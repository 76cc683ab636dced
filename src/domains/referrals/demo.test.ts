import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { contextFor } from '../front-door/fixtures.test-support.ts';
import { workList } from '../inbox/service.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { assessmentClock } from './clock.ts';
import { seedReferralsDemo } from './demo.ts';
import { MORGAN, SAM } from './fixtures.test-support.ts';

describe('the referrals demo', () => {
  let t: TestApp;
  let children: string[];
  before(async () => {
    t = await testApp({ children: 10 });
    children = [];
    for (let i = 0; i < 14; i++) children.push(await insertTestPerson(t.db, { givenName: `Demo${i}`, familyName: 'Referral', dateOfBirth: '2014-04-04' }));
    const users = await t.db.selectFrom('users').select(['id', 'email']).execute();
    const teams = await t.db.selectFrom('teams').select(['id', 'name']).execute();
    const agencies = await t.db.selectFrom('agencies').select(['id', 'kind']).execute();
    const org = {
      userIds: Object.fromEntries(users.map((u) => [u.email, u.id])),
      teamIds: Object.fromEntries(teams.map((x) => [x.name, x.id])),
      agencyIds: { csc: agencies.find((a) => a.kind === 'social_care')!.id },
    };
    await seedReferralsDemo(t.db, org, ukToday(), children);
  });
  after(() => t.close());

  it('has referrals at every stage with clocks in every state', async () => {
    const today = ukToday();
    const episodes = await t.db.selectFrom('cin_episodes').selectAll().where('person_id', 'in', children).execute();
    assert.equal(episodes.length, 15, 'one child was referred twice');
    assert.equal(episodes.filter((e) => e.re_referral).length, 1);
    assert.equal(episodes.filter((e) => e.closure_date).length, 2);
    const open = await t.db.selectFrom('assessments').innerJoin('cin_episodes', 'cin_episodes.id', 'assessments.episode_id').select(['assessments.status', 'assessments.due_date', 'cin_episodes.referral_date']).where('assessments.person_id', 'in', children).where('assessments.status', '<>', 'authorised').execute();
    const clocks = open.filter((a) => a.status === 'in_progress').map((a) => assessmentClock(a.referral_date, a.due_date, today).status);
    assert.equal(clocks.filter((s) => s === 'overdue').length, 2);
    assert.equal(clocks.filter((s) => s === 'due').length, 2);
    assert.ok(clocks.filter((s) => s === 'on_track').length >= 2);
    assert.equal(open.filter((a) => a.status === 'submitted').length, 2);
    const plans = await t.db.selectFrom('cin_plans').selectAll().where('person_id', 'in', children).execute();
    assert.equal(plans.length, 2);
    assert.equal(plans.filter((p) => p.next_review_due < today).length, 1);
  });

  it('shows on the pages and in the inbox', async () => {
    const morgan = await t.signedIn(MORGAN);
    const list = await morgan.get('/referrals');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Overdue/);
    assert.match(list.body, /Awaiting authorisation/);
    for (const e of await t.db.selectFrom('cin_episodes').select('id').where('person_id', 'in', children).execute()) assert.equal((await morgan.get(`/referrals/${e.id}`)).statusCode, 200);
    for (const p of await t.db.selectFrom('cin_plans').select('id').where('person_id', 'in', children).execute()) assert.equal((await morgan.get(`/cin-plans/${p.id}`)).statusCode, 200);
    for (const a of await t.db.selectFrom('assessments').select('id').where('person_id', 'in', children).execute()) assert.equal((await morgan.get(`/assessments/${a.id}`)).statusCode, 200);
    const sam = await workList(await contextFor(t.db, SAM), 'mine');
    assert.ok(sam.items.some((i) => i.kind === 'referral.assessment' && i.status === 'overdue'));
    assert.ok(sam.items.some((i) => i.kind === 'referral.cin_review' && i.status === 'overdue'));
    const team = await workList(await contextFor(t.db, MORGAN), 'team');
    assert.equal(team.items.filter((i) => i.kind === 'referral.authorise').length, 2);
  });
});
