import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { agencyOfKind, ALEX, attendanceForm, dateBoxes, IRIS, MORGAN, PAT, referredChild, ROB, userIdOf } from './fixtures.test-support.ts';
import { childProtectionWork } from './inbox.ts';

const today = ukToday();
const ago = (days: number) => addCalendarDays(today, -days);

describe('child protection: strategy → section 47 → initial conference → plan → core group → reviews → plan ends', () => {
  let t: TestApp;
  let rob: TestClient;
  let iris: TestClient;
  let socialCare: string;
  let police: string;
  let child: Awaited<ReturnType<typeof referredChild>>;
  let enquiryId = '';
  let conferenceId = '';
  let planId = '';

  before(async () => {
    t = await testApp({ children: 20 });
    [rob, iris] = await Promise.all([t.signedIn(ROB), t.signedIn(IRIS)]);
    socialCare = await agencyOfKind(t.db, 'social_care');
    police = await agencyOfKind(t.db, 'police');
    child = await referredChild(t.db);
    // An earlier plan that ended a year ago (a repeat within 2 years), and a child in need plan the CP plan replaces.
    const earlierEpisode = await t.db.insertInto('cin_episodes').values({ person_id: child.personId, referral_date: ago(800), referral_source: '1A', referral_reason: 'Earlier', closure_date: ago(360), closure_reason: 'RC1' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('cp_plans').values({ episode_id: earlierEpisode.id, person_id: child.personId, start_date: ago(700), end_date: ago(365), initial_category: 'NEG', categories: ['NEG'] }).execute();
    await t.db.insertInto('cin_plans').values({ episode_id: child.episodeId, person_id: child.personId, start_date: ago(25), next_review_due: today }).execute();
  });
  after(() => t.close());

  const strategyForm = (overrides: Record<string, string> = {}) => ({
    ...dateBoxes('heldOn', ago(10)),
    format: 'meeting',
    concerns: 'Bruising seen at school',
    decision: 'section_47',
    decisionReasons: 'Unexplained injuries to a young child',
    idempotencyKey: uuidv7(),
    ...attendanceForm([
      { agencyId: socialCare, name: 'Rob Delaney', role: 'Social worker' },
      { agencyId: police, name: 'DC Vale', role: 'Public protection' },
    ]),
    ...overrides,
  });

  it('asks for a referral first when the child has none', async () => {
    const other = await t.db.insertInto('people').values({ person_type: 'child', given_name: 'Noreferral', family_name: 'Child', sex: 'M', search_name: 'noreferral child' }).returning('id').executeTakeFirstOrThrow();
    const page = await rob.get(`/people/${other.id}/strategy-discussions/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/people/${other.id}/referrals/new"`));
    assert.equal((await rob.post(`/people/${other.id}/strategy-discussions/new`, strategyForm())).statusCode, 409);
  });

  it('keeps what was typed and lists every problem', async () => {
    const response = await rob.post(`/people/${child.personId}/strategy-discussions/new`, { ...strategyForm({ decision: '', decisionReasons: '' }), 'attendee-2-name': 'Someone without an agency' });
    assert.equal(response.statusCode, 400, response.body.slice(0, 3000));
    assert.match(response.body, /Select what was decided/);
    assert.match(response.body, /Enter the reasons for the decision/);
    assert.match(response.body, /Select the agency of person 3 who took part/);
    assert.match(response.body, /Bruising seen at school/);
    const future = await rob.post(`/people/${child.personId}/strategy-discussions/new`, strategyForm(dateBoxes('heldOn', addCalendarDays(today, 2))));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
  });

  it('records the strategy meeting once, even when submitted twice, and starts the section 47 enquiry', async () => {
    const form = strategyForm();
    const first = await rob.post(`/people/${child.personId}/strategy-discussions/new`, form);
    assert.equal(first.statusCode, 303, first.body.slice(0, 500));
    const second = await rob.post(`/people/${child.personId}/strategy-discussions/new`, form);
    assert.equal(second.headers.location, first.headers.location);
    enquiryId = /enquiries\/([0-9a-f-]{36})/.exec(String(first.headers.location))![1]!;
    const strategies = await t.db.selectFrom('strategy_discussions').select('id').where('person_id', '=', child.personId).execute();
    assert.equal(strategies.length, 1);
    assert.equal((await t.db.selectFrom('meeting_attendance').select('id').where('meeting_id', '=', strategies[0]!.id).execute()).length, 2);
    const enquiry = await t.db.selectFrom('section_47_enquiries').selectAll().where('id', '=', enquiryId).executeTakeFirstOrThrow();
    assert.equal(enquiry.start_date, ago(10));
    assert.equal(enquiry.icpc_target, dueDate('initialConference', ago(10)));
    const page = await rob.get(`/child-protection/enquiries/${enquiryId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nobody from health took part/);
    // Another section 47 while this one is open is refused.
    assert.equal((await rob.post(`/people/${child.personId}/strategy-discussions/new`, strategyForm())).statusCode, 409);
  });

  it('records the enquiry outcome at the version read, scheduling the initial conference', async () => {
    const outcome = { findings: 'Injuries consistent with the account from school', outcome: 'conference', chairId: await userIdOf(t.db, IRIS), ...dateBoxes('completedDate', ago(6)) };
    assert.equal((await rob.post(`/child-protection/enquiries/${enquiryId}`, { ...outcome, version: '0' })).statusCode, 409);
    const done = await rob.post(`/child-protection/enquiries/${enquiryId}`, { ...outcome, version: '1' });
    assert.equal(done.statusCode, 303, done.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(600, 1600));
    conferenceId = /conferences\/([0-9a-f-]{36})/.exec(String(done.headers.location))![1]!;
    const conference = await t.db.selectFrom('cp_conferences').selectAll().where('id', '=', conferenceId).executeTakeFirstOrThrow();
    assert.equal(conference.kind, 'initial');
    assert.equal(conference.due_date, dueDate('initialConference', ago(10)));
    assert.equal(conference.section_47_id, enquiryId);
    const again = await rob.post(`/child-protection/enquiries/${enquiryId}`, { ...outcome, version: '2' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /completed, so it cannot be completed now/);
  });

  const conferenceForm = (overrides: Record<string, string | string[]>) => ({
    ...dateBoxes('heldOn', ago(4)),
    summary: 'Conference summary',
    ...attendanceForm([
      { agencyId: socialCare, name: 'Rob Delaney', report: true },
      { agencyId: police, name: 'DC Vale', attended: false, report: true },
    ]),
    ...overrides,
  });

  it('only a chair records the conference; the plan starts with MUL, repeat flags, core group and review scheduled', async () => {
    assert.equal((await rob.get(`/child-protection/conferences/${conferenceId}/record`)).statusCode, 403);
    assert.equal((await rob.post(`/child-protection/conferences/${conferenceId}/record`, conferenceForm({ decision: 'plan', categories: ['NEG'], version: '1' }))).statusCode, 403);
    const noCategories = await iris.post(`/child-protection/conferences/${conferenceId}/record`, conferenceForm({ decision: 'plan', version: '1' }));
    assert.equal(noCategories.statusCode, 400);
    assert.match(noCategories.body, /Select at least one category/);
    const wrongDecision = await iris.post(`/child-protection/conferences/${conferenceId}/record`, conferenceForm({ decision: 'end_plan', endReason: 'moved_away', version: '1' }));
    assert.equal(wrongDecision.statusCode, 400);
    const held = await iris.post(`/child-protection/conferences/${conferenceId}/record`, conferenceForm({ decision: 'plan', categories: ['PHY', 'EMO'], version: '1' }));
    assert.equal(held.statusCode, 303, held.body.slice(0, 800));
    planId = /plans\/([0-9a-f-]{36})/.exec(String(held.headers.location))![1]!;
    const plan = await t.db.selectFrom('cp_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    assert.equal(plan.start_date, ago(4));
    assert.equal(plan.initial_category, 'MUL');
    assert.deepEqual(plan.categories, ['PHY', 'EMO']);
    assert.equal(plan.previous_plans, 1);
    assert.equal(plan.previous_plan_end, ago(365));
    const cinPlan = await t.db.selectFrom('cin_plans').select(['end_date']).where('person_id', '=', child.personId).executeTakeFirstOrThrow();
    assert.equal(cinPlan.end_date, ago(4), 'the child in need plan ends as the child protection plan starts');
    const coreGroup = await t.db.selectFrom('core_groups').selectAll().where('plan_id', '=', planId).executeTakeFirstOrThrow();
    assert.equal(coreGroup.due_date, dueDate('firstCoreGroup', ago(4)));
    const review = await t.db.selectFrom('cp_conferences').selectAll().where('plan_id', '=', planId).where('kind', '=', 'review').executeTakeFirstOrThrow();
    assert.equal(review.due_date, dueDate('firstReviewConference', ago(4)));
    const attendance = await t.db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', conferenceId).orderBy('name').execute();
    assert.deepEqual(attendance.map((a) => [a.name, a.attended, a.report_submitted]), [['DC Vale', false, true], ['Rob Delaney', true, true]]);
    const page = await rob.get(`/child-protection/plans/${planId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /A repeat plan: an earlier plan ended within the 2 years/);
    // Held already: recording it again is refused.
    assert.equal((await iris.post(`/child-protection/conferences/${conferenceId}/record`, conferenceForm({ decision: 'plan', categories: ['NEG'], version: '2' }))).statusCode, 409);
  });

  it('a core group schedules the next one 6 weeks on', async () => {
    const group = await t.db.selectFrom('core_groups').selectAll().where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const form = { ...dateBoxes('heldOn', ago(2)), progress: 'Safety plan in place', ...attendanceForm([{ agencyId: socialCare, name: 'Rob Delaney' }]) };
    assert.equal((await rob.post(`/child-protection/core-groups/${group.id}/record`, { ...form, version: '7' })).statusCode, 409);
    assert.equal((await rob.post(`/child-protection/core-groups/${group.id}/record`, { ...form, version: '1' })).statusCode, 303);
    const next = await t.db.selectFrom('core_groups').selectAll().where('plan_id', '=', planId).where('held_on', 'is', null).executeTakeFirstOrThrow();
    assert.equal(next.due_date, dueDate('coreGroup', ago(2)));
  });

  it('a review continues the plan with new categories and schedules the next review 6 months on', async () => {
    const review = await t.db.selectFrom('cp_conferences').selectAll().where('plan_id', '=', planId).where('held_on', 'is', null).executeTakeFirstOrThrow();
    const sameDay = await iris.post(`/child-protection/conferences/${review.id}/record`, conferenceForm({ ...dateBoxes('heldOn', ago(4)), decision: 'end_plan', endReason: 'no_longer_needed', version: '1' }));
    assert.equal(sameDay.statusCode, 400, 'a plan cannot end the day it started');
    assert.match(sameDay.body, /must be held after the plan started/);
    const held = await iris.post(`/child-protection/conferences/${review.id}/record`, conferenceForm({ ...dateBoxes('heldOn', ago(1)), decision: 'continue_plan', categories: ['NEG'], version: '1' }));
    assert.equal(held.statusCode, 303, held.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(500, 1200));
    const plan = await t.db.selectFrom('cp_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    assert.deepEqual(plan.categories, ['NEG']);
    assert.equal(plan.initial_category, 'MUL');
    const next = await t.db.selectFrom('cp_conferences').selectAll().where('plan_id', '=', planId).where('held_on', 'is', null).executeTakeFirstOrThrow();
    assert.equal(next.due_date, dueDate('reviewConference', ago(1)));
  });

  it('a review ends the plan; the child in need plan follows', async () => {
    const review = await t.db.selectFrom('cp_conferences').selectAll().where('plan_id', '=', planId).where('held_on', 'is', null).executeTakeFirstOrThrow();
    const missingReason = await iris.post(`/child-protection/conferences/${review.id}/record`, conferenceForm({ ...dateBoxes('heldOn', today), decision: 'end_plan', version: '1' }));
    assert.equal(missingReason.statusCode, 400);
    assert.match(missingReason.body, /Select why the plan ends/);
    const ended = await iris.post(`/child-protection/conferences/${review.id}/record`, conferenceForm({ ...dateBoxes('heldOn', today), decision: 'end_plan', endReason: 'child_in_need', version: '1' }));
    assert.equal(ended.statusCode, 303);
    const plan = await t.db.selectFrom('cp_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    assert.equal(plan.end_date, today);
    assert.equal(plan.end_reason, 'child_in_need');
    const cinPlans = await t.db.selectFrom('cin_plans').select(['start_date', 'end_date']).where('person_id', '=', child.personId).orderBy('start_date').execute();
    assert.deepEqual(cinPlans.at(-1), { start_date: today, end_date: null });
    const entries = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', child.personId).execute();
    for (const type of ['strategy.held', 's47.started', 's47.completed', 'conference.held', 'cp_plan.started', 'core_group.held', 'cp_plan.continued', 'cp_plan.ended']) {
      assert.ok(entries.some((e) => e.entry_type === type), type);
    }
  });

  it('the API gives the child’s child protection history and the plan; a partner and an analyst are refused', async () => {
    const history = await rob.api('GET', `/api/v1/people/${child.personId}/child-protection`);
    assert.equal(history.statusCode, 200);
    const body = history.json<{ plans: { id: string; initialCategory: string; latestCategory: string; repeat: { repeatWithinTwoYears: boolean } }[]; conferences: unknown[] }>();
    const plan = body.plans.find((p) => p.id === planId)!;
    assert.equal(plan.initialCategory, 'MUL');
    assert.equal(plan.latestCategory, 'NEG');
    assert.equal(plan.repeat.repeatWithinTwoYears, true);
    assert.equal(body.conferences.length, 3);
    const one = await rob.api('GET', `/api/v1/child-protection/plans/${planId}`);
    assert.equal(one.statusCode, 200);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.api('GET', `/api/v1/people/${child.personId}/child-protection`)).statusCode, 403);
    assert.equal((await pat.get(`/child-protection/plans/${planId}`)).statusCode, 403);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get('/child-protection')).statusCode, 403);
    assert.equal((await rob.get('/child-protection')).statusCode, 200);
    assert.equal((await rob.get(`/people/${child.personId}/child-protection`)).statusCode, 200);
  });

  it('plans reaching 9 months reach the managers of the worker’s team until the head of service has reviewed', async () => {
    const old = await referredChild(t.db, { referredDaysAgo: 400 });
    const start = addMonths(today, -10);
    const plan = await t.db.insertInto('cp_plans').values({ episode_id: old.episodeId, person_id: old.personId, start_date: start, initial_category: 'NEG', categories: ['NEG'] }).returning('id').executeTakeFirstOrThrow();
    const [morganId, robId] = await Promise.all([userIdOf(t.db, MORGAN), userIdOf(t.db, ROB)]);
    const work = (userIds: string[]) => childProtectionWork({ db: t.db, userIds, agencyIds: [], frontDoor: true, today });
    const forMorgan = (await work([morganId])).filter((i) => i.personId === old.personId);
    assert.deepEqual(forMorgan.map((i) => [i.kind, i.due, i.status]), [['cp.head_of_service', addMonths(start, 9), 'overdue']]);
    assert.ok((await work([robId])).some((i) => i.personId === old.personId && i.kind === 'cp.visit' && i.status === 'overdue'));
    const morgan = await t.signedIn(MORGAN);
    assert.equal((await rob.post(`/child-protection/plans/${plan.id}/escalations`, { stage: 'head_of_service', note: 'Reviewed', version: '1', ...dateBoxes('reviewedOn', today) })).statusCode, 403);
    const recorded = await morgan.post(`/child-protection/plans/${plan.id}/escalations`, { stage: 'head_of_service', note: 'Plan reviewed by head of service', version: '1', ...dateBoxes('reviewedOn', today) });
    assert.equal(recorded.statusCode, 303);
    assert.deepEqual((await work([morganId])).filter((i) => i.personId === old.personId), []);
  });
});
