import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { contextFor } from '../front-door/fixtures.test-support.ts';
import { workList } from '../inbox/service.ts';
import { dateFields, idFrom, MORGAN, newChild, refer, SAM, submittedAssessment, version } from './fixtures.test-support.ts';
import { referralSection } from './record.ts';

describe('child in need plans, reviews, disability and closing the episode', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  /** A child on a child in need plan started today from an authorised assessment. */
  async function onPlan() {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    const morgan = await t.signedIn(MORGAN);
    const referred = addCalendarDays(ukToday(), -20);
    const episodeId = await refer(sam, child, referred);
    const assessmentId = await submittedAssessment(sam, t.db, episodeId, referred, 'child_in_need_plan');
    const planId = idFrom(await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N4', version: await version(t.db, 'assessments', assessmentId) }), '/cin-plans');
    return { child, sam, morgan, episodeId, assessmentId, planId };
  }

  it('builds the plan: outcomes and actions with owners and dates, once per submission, versions checked', async () => {
    const { sam, planId, child } = await onPlan();
    const page = await sam.get(`/cin-plans/${planId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Family in acute stress/);
    assert.match(page.body, /Record a child in need visit/);
    assert.equal((await t.db.selectFrom('cin_plans').select('next_review_due').where('id', '=', planId).executeTakeFirstOrThrow()).next_review_due, dueDate('cinPlanReview', ukToday()));

    const outcomeKey = uuidv7();
    const outcome = { kind: 'outcome', description: 'Rowan is at school every day', idempotencyKey: outcomeKey };
    assert.equal((await sam.post(`/cin-plans/${planId}/items/new`, outcome)).statusCode, 303);
    assert.equal((await sam.post(`/cin-plans/${planId}/items/new`, outcome)).statusCode, 303);
    const noOwner = await sam.post(`/cin-plans/${planId}/items/new`, { kind: 'action', description: 'Referral to the parenting programme', idempotencyKey: uuidv7() });
    assert.equal(noOwner.statusCode, 400);
    assert.match(noOwner.body, /Enter who will do it, or select their agency/);
    assert.match(noOwner.body, /Enter the date it is due by/);
    assert.match(noOwner.body, /Referral to the parenting programme/);
    const due = addCalendarDays(ukToday(), 14);
    assert.equal((await sam.post(`/cin-plans/${planId}/items/new`, { kind: 'action', description: 'Referral to the parenting programme', owner: 'Sam Rowe', idempotencyKey: uuidv7(), ...dateFields('dueDate', due) })).statusCode, 303);
    const items = await t.db.selectFrom('cin_plan_items').selectAll().where('plan_id', '=', planId).orderBy('kind').execute();
    assert.deepEqual(items.map((i) => i.kind), ['action', 'outcome'], 'one outcome for a repeated submission');
    const action = items[0]!;
    assert.equal(action.due_date, due);

    const edit = { kind: 'action', description: 'Parenting programme place confirmed', owner: 'Sam Rowe', status: 'open', ...dateFields('dueDate', due) };
    assert.equal((await sam.post(`/cin-plans/${planId}/items/${action.id}/edit`, { ...edit, version: String(action.version) })).statusCode, 303);
    const stale = await sam.post(`/cin-plans/${planId}/items/${action.id}/edit`, { ...edit, description: 'My wording', version: String(action.version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /My wording/);
    assert.equal((await sam.post(`/cin-plans/${planId}/items/${action.id}/done`, { version: String(action.version + 1) })).statusCode, 303);
    assert.equal((await t.db.selectFrom('cin_plan_items').select('status').where('id', '=', action.id).executeTakeFirstOrThrow()).status, 'done');
    assert.equal((await sam.post(`/cin-plans/${planId}/items/${action.id}/done`, { version: String(action.version + 2) })).statusCode, 409, 'done already');
    assert.ok((await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'cin_plan.changed').execute()).length >= 3);
  });

  it('reviews the plan, then refuses to close the episode until the census allows it', async () => {
    const { sam, morgan, planId, episodeId } = await onPlan();
    const future = await sam.post(`/cin-plans/${planId}/reviews/new`, { ...dateFields('reviewDate', addCalendarDays(ukToday(), 1)), progress: 'Good progress', decision: 'continue', idempotencyKey: uuidv7(), version: await version(t.db, 'cin_plans', planId) });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    const key = uuidv7();
    const review = { ...dateFields('reviewDate', ukToday()), progress: 'Good progress: attendance up', decision: 'continue', idempotencyKey: key, version: await version(t.db, 'cin_plans', planId) };
    assert.equal((await sam.post(`/cin-plans/${planId}/reviews/new`, review)).statusCode, 303);
    assert.equal((await sam.post(`/cin-plans/${planId}/reviews/new`, review)).statusCode, 303, 'a double submit records one review');
    assert.equal((await t.db.selectFrom('cin_plan_reviews').select('id').where('plan_id', '=', planId).execute()).length, 1);

    assert.equal((await sam.get(`/referrals/${episodeId}/close`)).statusCode, 403, 'closing is a manager’s');
    const open = await morgan.post(`/referrals/${episodeId}/close`, { ...dateFields('closureDate', ukToday()), reason: 'RC7', version: await version(t.db, 'cin_episodes', episodeId) });
    assert.equal(open.statusCode, 400);
    assert.match(open.body, /The child in need plan is still open/);

    assert.equal((await sam.post(`/cin-plans/${planId}/end`, { ...dateFields('endDate', ukToday()), reason: 'no_longer_in_need', version: await version(t.db, 'cin_plans', planId) })).statusCode, 303);
    const rc8 = await morgan.post(`/referrals/${episodeId}/close`, { ...dateFields('closureDate', ukToday()), reason: 'RC8', version: await version(t.db, 'cin_episodes', episodeId) });
    assert.equal(rc8.statusCode, 400);
    assert.match(rc8.body, /had a plan or child protection enquiries/);
    const early = await morgan.post(`/referrals/${episodeId}/close`, { ...dateFields('closureDate', addCalendarDays(ukToday(), -25)), reason: 'RC7', version: await version(t.db, 'cin_episodes', episodeId) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /on or after the referral date/);
    assert.equal((await morgan.post(`/referrals/${episodeId}/close`, { ...dateFields('closureDate', ukToday()), reason: 'RC7', notes: 'Needs met', version: '0' })).statusCode, 409);
    assert.equal((await morgan.post(`/referrals/${episodeId}/close`, { ...dateFields('closureDate', ukToday()), reason: 'RC7', notes: 'Needs met', version: await version(t.db, 'cin_episodes', episodeId) })).statusCode, 303);
    const closed = await t.db.selectFrom('cin_episodes').selectAll().where('id', '=', episodeId).executeTakeFirstOrThrow();
    assert.equal(closed.closure_reason, 'RC7');
    assert.equal((await sam.post(`/referrals/${episodeId}/primary-need`, { primaryNeed: 'N1', version: String(closed.version) })).statusCode, 409, 'a closed episode cannot change');
    assert.match((await sam.get(`/referrals/${episodeId}`)).body, /This episode closed on/);
  });

  it('records disability through the person index, and shows when it is missing', async () => {
    const { sam, episodeId, child, planId } = await onPlan();
    assert.match((await sam.get(`/referrals/${episodeId}`)).body, /Not recorded<\/strong> The census needs it/);
    const person = () => t.db.selectFrom('people').select(['disabilities', 'version']).where('id', '=', child).executeTakeFirstOrThrow();
    const before = await person();
    const both = await sam.post(`/referrals/${episodeId}/disability`, { disabilities: ['NONE', 'HEAR'], version: String(before.version) });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /No disability.{0,20} on its own/);
    const saved = await sam.post(`/referrals/${episodeId}/disability`, { disabilities: ['HEAR', 'COMM'], version: String(before.version), back: `/cin-plans/${planId}` });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/cin-plans/${planId}`);
    assert.deepEqual((await person()).disabilities, ['HEAR', 'COMM']);
    assert.equal((await sam.post(`/referrals/${episodeId}/disability`, { disabilities: ['NONE'], version: String(before.version) })).statusCode, 409);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'person.updated').executeTakeFirst());
  });

  it('puts the clocks in the inbox and the record: assessments, authorisation for the team’s manager, reviews and visits', async () => {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    const episodeId = await refer(sam, child, addCalendarDays(ukToday(), -3));
    const assessmentId = idFrom(await sam.post(`/referrals/${episodeId}/assessment/new`, { ...dateFields('startDate', ukToday()), version: await version(t.db, 'cin_episodes', episodeId) }), '/assessments');
    const samCtx = await contextFor(t.db, SAM);
    const mine = await workList(samCtx, 'mine');
    assert.ok(mine.items.some((i) => i.kind === 'referral.assessment' && i.href === `/assessments/${assessmentId}` && i.status === 'on_track'));
    const section = await referralSection(samCtx, child);
    assert.match(section!.status, /Assessment in progress/);
    assert.ok(section!.rows.some((r) => r.clock?.status === 'on_track'));

    const { planId } = await onPlan();
    const plans = await workList(samCtx, 'mine');
    assert.ok(plans.items.some((i) => i.kind === 'referral.cin_review' && i.href === `/cin-plans/${planId}/reviews/new`));
    const visit = plans.items.find((i) => i.kind === 'referral.cin_visit' && i.href.includes('purpose=child_in_need'));
    assert.ok(visit);
    assert.equal(visit.due, dueDate('cinVisit', ukToday()));

    const other = await newChild(t.db);
    const submittedEpisode = await refer(sam, other, ukToday());
    const submitted = await submittedAssessment(sam, t.db, submittedEpisode, ukToday(), 'no_further_action');
    const team = await workList(await contextFor(t.db, MORGAN), 'team');
    const authorise = team.items.find((i) => i.kind === 'referral.authorise' && i.href === `/assessments/${submitted}/authorise`);
    assert.ok(authorise, 'the manager of the worker’s team is asked to authorise');
    assert.equal(authorise.assigneeName, 'You');
    assert.ok(!(await workList(samCtx, 'mine')).items.some((i) => i.kind === 'referral.authorise'), 'not the practitioner');
  });
});
