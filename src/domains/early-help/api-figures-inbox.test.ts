import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, addMember, agencyOf, BEA, caseVersion, childSharedWith, JO, KIT, openCase, PAT, registerAssessment, userIdOf } from './fixtures.test-support.ts';
import { earlyHelpWork } from './inbox.ts';

describe('early help API, figures and work inbox', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  it('serves a case, a child’s cases and records reviews through the API with the pages’ rules', async () => {
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    await registerAssessment(kit, t.db, caseId);
    await addMember(kit, t.db, caseId, JO, 'Health visitor');

    const got = await kit.api('GET', `/api/v1/early-help/cases/${caseId}`);
    assert.equal(got.statusCode, 200, got.body);
    const c = got.json<{ stage: string; assessment: { status: string }; team: { name: string }[]; version: number; nextReviewDue: string; reviewStatus: string }>();
    assert.equal(c.stage, 'plan');
    assert.equal(c.assessment.status, 'registered');
    assert.deepEqual(c.team.map((m) => m.name), ['Jo Nyland']);
    assert.equal(c.reviewStatus, 'on_track');
    const audited = await t.db.selectFrom('access_audit').select('id').where('person_id', '=', child).where('user_id', '=', await userIdOf(t.db, KIT)).where('action', '=', 'person.view').execute();
    assert.ok(audited.length > 0, 'reading through the API is audited');

    const list = await kit.api('GET', `/api/v1/people/${child}/early-help`);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json<{ cases: { id: string }[] }>().cases.map((x) => x.id), [caseId]);

    const body = { heldOn: ukToday(), progress: 'Better mornings', decision: 'continue', version: c.version };
    const bad = await kit.api('POST', `/api/v1/early-help/cases/${caseId}/reviews`, { ...body, decision: 'maybe', heldOn: 'yesterday' });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    const future = await kit.api('POST', `/api/v1/early-help/cases/${caseId}/reviews`, { ...body, heldOn: addCalendarDays(ukToday(), 5) });
    assert.equal(future.statusCode, 400);
    assert.match(future.json<{ detail: string }>().detail, /must be today or in the past/);
    const stale = await kit.api('POST', `/api/v1/early-help/cases/${caseId}/reviews`, { ...body, version: c.version - 1 });
    assert.equal(stale.statusCode, 409);
    const created = await kit.api('POST', `/api/v1/early-help/cases/${caseId}/reviews`, body);
    assert.equal(created.statusCode, 201, created.body);
    const result = created.json<{ case: { nextReviewDue: string; reviews: unknown[]; version: number } }>();
    assert.equal(result.case.nextReviewDue, addCalendarDays(ukToday(), 42));
    assert.equal(result.case.reviews.length, 1);
    assert.equal(result.case.version, await caseVersion(t.db, caseId));

    const pat = await t.signedIn(PAT);
    assert.equal((await pat.api('GET', `/api/v1/early-help/cases/${caseId}`)).statusCode, 403);
    assert.equal((await pat.api('GET', `/api/v1/people/${child}/early-help`)).statusCode, 403);
    assert.equal((await pat.api('POST', `/api/v1/early-help/cases/${caseId}/reviews`, { ...body, version: result.case.version })).statusCode, 403);
    assert.equal((await kit.api('GET', `/api/v1/early-help/cases/${randomUUID()}`)).statusCode, 404);
    const openapi = await kit.get('/api/docs/openapi.json');
    assert.match(openapi.body, /\/api\/v1\/early-help\/cases\/\{id\}\/reviews/);
  });

  it('counts registered assessments by month, gender, age, locality and who completed them, suppressing small numbers', async () => {
    // Eight girls born in 2007, in the South, assessed by Kit (early help) and registered in June 2015 — a year
    // nothing else (the demo included) touches. Their registration date is moved back after registering.
    const kit = await t.signedIn(KIT);
    for (let i = 0; i < 8; i += 1) {
      const child = await childSharedWith(t.db, ['early_help'], { dateOfBirth: '2007-03-01' });
      const caseId = await openCase(kit, child);
      await registerAssessment(kit, t.db, caseId);
      await t.db.updateTable('early_help_assessments').set({ registered_on: `2015-06-1${i}` }).where('case_id', '=', caseId).execute();
    }
    const alex = await t.signedIn(ALEX);
    const page = await alex.get('/early-help/figures?year=2015');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /April 2015 to March 2016/);
    const rowOf = (label: string) => new RegExp(`${label}</th>\\s*<td[^>]*>\\s*(\\S+?)\\s*</td>`).exec(page.body)?.[1];
    assert.equal(rowOf('June'), '8');
    assert.equal(rowOf('May'), '0');
    assert.equal(rowOf('Female'), '8');
    assert.equal(rowOf('6 to 11'), '8');
    assert.equal(rowOf('Local authority'), '8');
    assert.equal(rowOf('South'), '8');

    // Two of them moved to another month: a count of 2 is hidden, and so is the next smallest, which would give it away.
    await t.db.updateTable('early_help_assessments').set({ registered_on: '2015-07-01' }).where('registered_on', 'in', ['2015-06-10', '2015-06-11']).execute();
    const suppressed = await alex.get('/early-help/figures?year=2015');
    const again = (label: string) => new RegExp(`${label}</th>\\s*<td[^>]*>\\s*(\\S+?)\\s*</td>`).exec(suppressed.body)?.[1];
    assert.equal(again('July'), '*');
    assert.equal(again('June'), '*', 'secondary suppression');
    assert.equal((await alex.get('/early-help/figures?year=1999')).statusCode, 200, 'a year out of range shows the current one');
    assert.equal((await (await t.signedIn(BEA)).get('/early-help/figures')).statusCode, 200);
    assert.equal((await (await t.signedIn(PAT)).get('/early-help/figures')).statusCode, 403);
  });

  it('puts reviews, unregistered assessments, plan actions and unallocated cases in the right people’s work', async () => {
    const kitId = await userIdOf(t.db, KIT);
    const joId = await userIdOf(t.db, JO);
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    await addMember(kit, t.db, caseId, JO, 'Health visitor');
    const due = addCalendarDays(ukToday(), -1);
    await kit.post(`/early-help/cases/${caseId}/actions/new`, {
      action: 'Check weight', ownerId: joId, idempotencyKey: uuidv7(), 'dueOn-day': String(Number(due.slice(8))), 'dueOn-month': String(Number(due.slice(5, 7))), 'dueOn-year': due.slice(0, 4),
    });
    // Opened about 30 working days ago, with a review overdue and still no registered assessment.
    const opened = addCalendarDays(ukToday(), -45);
    await t.db.updateTable('early_help_cases').set({ opened_on: opened, next_review_due: addCalendarDays(ukToday(), -3) }).where('id', '=', caseId).execute();
    const unallocated = await openCase(kit, await childSharedWith(t.db, ['early_help']), 'no');

    const query = { db: t.db, frontDoor: false, today: ukToday() };
    const eh = await agencyOf(t.db, 'early_help');
    const kitWork = await earlyHelpWork({ ...query, userIds: [kitId], agencyIds: [eh] });
    const mine = kitWork.filter((i) => i.href.includes(caseId));
    const review = mine.find((i) => i.kind === 'early_help.review');
    assert.equal(review?.status, 'overdue');
    assert.equal(review?.assigneeId, kitId);
    assert.equal(review?.title, 'Early help review overdue');
    const assessment = mine.find((i) => i.kind === 'early_help.assessment');
    assert.equal(assessment?.due, addWorkingDays(opened, 20));
    assert.equal(assessment?.status, 'overdue');
    const allocation = kitWork.find((i) => i.kind === 'early_help.allocation' && i.href.includes(unallocated));
    assert.ok(allocation, 'early help staff see cases awaiting a lead');
    assert.equal(allocation.due, addWorkingDays(ukToday(), 5));

    const joWork = await earlyHelpWork({ ...query, userIds: [joId], agencyIds: [await agencyOf(t.db, 'health')] });
    const action = joWork.find((i) => i.kind === 'early_help.action');
    assert.equal(action?.status, 'overdue');
    assert.equal(action?.personId, child);
    assert.ok(!joWork.some((i) => i.kind === 'early_help.allocation'), 'only the early help service allocates');
  });
});
