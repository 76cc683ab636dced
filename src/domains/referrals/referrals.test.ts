import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { contextFor, recordContact } from '../front-door/fixtures.test-support.ts';
import { decideContact } from '../front-door/service.ts';
import { ALEX, apiPoster, assessmentForm, dateFields, idFrom, MORGAN, newChild, PAT, refer, SAM, submittedAssessment, version } from './fixtures.test-support.ts';

describe('referrals and child and family assessments', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const episode = (id: string) => t.db.selectFrom('cin_episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const assessment = (id: string) => t.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('records a referral from the child’s record: errors kept, one episode for a double submit, one open at a time', async () => {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    assert.equal((await sam.get(`/people/${child}/referrals/new`)).statusCode, 200);
    const bad = await sam.post(`/people/${child}/referrals/new`, { ...dateFields('referralDate', addCalendarDays(ukToday(), 2)), source: '', reason: 'Neighbour heard shouting', idempotencyKey: uuidv7() });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select who made the referral/);
    assert.match(bad.body, /Neighbour heard shouting/, 'what was typed is kept');
    const future = await sam.post(`/people/${child}/referrals/new`, { ...dateFields('referralDate', addCalendarDays(ukToday(), 2)), source: '1D', reason: 'Neighbour heard shouting', idempotencyKey: uuidv7() });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    // Born 12 August 2015: a referral before the pregnancy could have begun is a mistyped year (census rule 8606).
    const beforeBirth = await sam.post(`/people/${child}/referrals/new`, { ...dateFields('referralDate', '2014-10-30'), source: '1D', reason: 'Neighbour heard shouting', idempotencyKey: uuidv7() });
    assert.equal(beforeBirth.statusCode, 400);
    assert.match(beforeBirth.body, /cannot be more than 280 days before the child’s date of birth/);
    assert.match(beforeBirth.body, /value="2014"/, 'the year typed is kept');

    const key = uuidv7();
    const form = { ...dateFields('referralDate', ukToday()), source: '1D', reason: 'Neighbour heard shouting', idempotencyKey: key };
    const first = idFrom(await sam.post(`/people/${child}/referrals/new`, form), '/referrals');
    assert.equal(idFrom(await sam.post(`/people/${child}/referrals/new`, form), '/referrals'), first, 'a double submit gives the same referral');
    assert.equal((await t.db.selectFrom('cin_episodes').select('id').where('person_id', '=', child).execute()).length, 1);
    const row = await episode(first);
    assert.equal(row.referral_source, '1D');
    assert.equal(row.re_referral, false);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'referral.received').executeTakeFirst());

    const page = await sam.get(`/referrals/${first}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Other individual \(including strangers\)/);
    assert.match(page.body, /Start the assessment/);
    assert.doesNotMatch(page.body, /No further action<\/a>/, 'a practitioner is not offered no further action');

    assert.match((await sam.get(`/people/${child}/referrals/new`)).body, /already has an open referral/);
    const again = await sam.post(`/people/${child}/referrals/new`, { ...form, idempotencyKey: uuidv7() });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already has an open referral/);
  });

  it('flags a re-referral within 12 months after a manager closed the first with no further action', async () => {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    const morgan = await t.signedIn(MORGAN);
    const first = await refer(sam, child, addCalendarDays(ukToday(), -60));
    assert.equal((await sam.get(`/referrals/${first}/no-further-action`)).statusCode, 403, 'a practitioner cannot decide no further action');
    const missing = await morgan.post(`/referrals/${first}/no-further-action`, { notes: '', version: await version(t.db, 'cin_episodes', first) });
    assert.equal(missing.statusCode, 400);
    assert.equal((await morgan.post(`/referrals/${first}/no-further-action`, { notes: 'Advice given to the family', version: '99' })).statusCode, 409);
    const nfa = await morgan.post(`/referrals/${first}/no-further-action`, { notes: 'Advice given to the family', version: await version(t.db, 'cin_episodes', first) });
    assert.equal(nfa.statusCode, 303, /<main[\s\S]*?<\/main>/.exec(nfa.body)?.[0]);
    const closed = await episode(first);
    assert.equal(closed.referral_nfa, true);
    assert.equal(closed.closure_date, ukToday());
    assert.equal((await sam.post(`/referrals/${first}/assessment/new`, { ...dateFields('startDate', ukToday()), version: String(closed.version) })).statusCode, 409, 'nothing more on an NFA referral');

    const early = await sam.post(`/people/${child}/referrals/new`, { ...dateFields('referralDate', addCalendarDays(ukToday(), -1)), source: '2A', reason: 'School worried', idempotencyKey: uuidv7() });
    assert.equal(early.statusCode, 400, 'episodes may not overlap (8820)');
    const second = await refer(sam, child, ukToday(), '2A');
    assert.equal((await episode(second)).re_referral, true);
    assert.match((await sam.get(`/referrals/${second}`)).body, /Re-referral: Rowan\d+ was referred/);
  });

  it('runs the assessment: start, draft, submit, illegal steps refused, returned, authorised into a child in need plan', async () => {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    const morgan = await t.signedIn(MORGAN);
    const referred = addWorkingDays(addCalendarDays(ukToday(), -30), 0);
    const id = await refer(sam, child, referred);
    const early = await sam.post(`/referrals/${id}/assessment/new`, { ...dateFields('startDate', addCalendarDays(referred, -1)), version: await version(t.db, 'cin_episodes', id) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /cannot start before the referral/);
    const assessmentId = idFrom(await sam.post(`/referrals/${id}/assessment/new`, { ...dateFields('startDate', referred), version: await version(t.db, 'cin_episodes', id) }), '/assessments');
    const row = await assessment(assessmentId);
    assert.equal(row.due_date, addWorkingDays(referred, 45));
    assert.equal(row.worker_id, (await contextFor(t.db, SAM)).actor.id, 'the practitioner takes the unallocated case');

    const draft = await sam.post(`/assessments/${assessmentId}`, { childViews: 'Quiet at first', factors: [], intent: 'save', version: String(row.version) });
    assert.equal(draft.statusCode, 303);
    const incomplete = await sam.post(`/assessments/${assessmentId}`, { childViews: 'Quiet at first', familyViews: 'Mum is worried too', factors: ['21', '1B'], intent: 'submit', version: await version(t.db, 'assessments', assessmentId) });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Enter the date the child was seen/);
    assert.match(incomplete.body, /No factors identified.{0,20} on its own/);
    assert.match(incomplete.body, /Mum is worried too/);
    const stale = await sam.post(`/assessments/${assessmentId}`, { ...assessmentForm(referred, 'child_in_need_plan'), intent: 'submit', version: '0' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Needs are significant/, 'the analysis typed is shown back');
    const v = await version(t.db, 'assessments', assessmentId);
    assert.equal((await sam.post(`/assessments/${assessmentId}`, { ...assessmentForm(referred, 'child_in_need_plan'), intent: 'submit', version: v })).statusCode, 303);
    assert.equal((await assessment(assessmentId)).status, 'submitted');
    const twice = await sam.post(`/assessments/${assessmentId}`, { ...assessmentForm(referred, 'child_in_need_plan'), intent: 'submit', version: await version(t.db, 'assessments', assessmentId) });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /submitted for authorisation, so it cannot be submitted for authorisation now/);

    assert.equal((await sam.get(`/assessments/${assessmentId}/authorise`)).statusCode, 403, 'a practitioner cannot authorise');
    assert.equal((await sam.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N1', version: await version(t.db, 'assessments', assessmentId) })).statusCode, 403);
    const noComment = await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'return', comment: '', version: await version(t.db, 'assessments', assessmentId) });
    assert.equal(noComment.statusCode, 400);
    assert.equal((await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'return', comment: 'Say more about school attendance', version: await version(t.db, 'assessments', assessmentId) })).statusCode, 303);
    const returned = await assessment(assessmentId);
    assert.equal(returned.status, 'in_progress');
    assert.match((await sam.get(`/assessments/${assessmentId}`)).body, /Say more about school attendance/);
    assert.equal((await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N1', version: String(returned.version) })).statusCode, 409, 'an assessment in progress cannot be authorised');
    assert.equal((await sam.post(`/assessments/${assessmentId}`, { ...assessmentForm(referred, 'child_in_need_plan'), intent: 'submit', version: String(returned.version) })).statusCode, 303);

    const noNeed = await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', version: await version(t.db, 'assessments', assessmentId) });
    assert.equal(noNeed.statusCode, 400);
    assert.match(noNeed.body, /Select the child’s primary need/);
    const planId = idFrom(await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N1', version: await version(t.db, 'assessments', assessmentId) }), '/cin-plans');
    const done = await assessment(assessmentId);
    assert.equal(done.status, 'authorised');
    assert.equal(done.authorised_date, ukToday());
    assert.equal((await episode(id)).primary_need, 'N1');
    assert.equal((await t.db.selectFrom('cin_plans').select('episode_id').where('id', '=', planId).executeTakeFirstOrThrow()).episode_id, id);
    assert.equal((await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N1', version: String(done.version) })).statusCode, 409, 'nothing follows authorised');
  });

  it('carries out the outcome: no further action closes RC8, early help steps down and closes RC9', async () => {
    const sam = await t.signedIn(SAM);
    const morgan = await t.signedIn(MORGAN);
    for (const [outcome, reason] of [['no_further_action', 'RC8'], ['early_help', 'RC9']] as const) {
      const child = await newChild(t.db);
      const id = await refer(sam, child, ukToday());
      const assessmentId = await submittedAssessment(sam, t.db, id, ukToday(), outcome);
      assert.equal((await morgan.post(`/assessments/${assessmentId}/authorise`, { decision: 'authorise', primaryNeed: 'N9', version: await version(t.db, 'assessments', assessmentId) })).statusCode, 303);
      const row = await episode(id);
      assert.equal(row.closure_reason, reason);
      assert.equal(row.closure_date, ukToday());
      const eh = await t.db.selectFrom('early_help_cases').select(['source', 'step_down_reason']).where('person_id', '=', child).execute();
      assert.deepEqual(eh, outcome === 'early_help' ? [{ source: 'step_down', step_down_reason: 'assessment_below_threshold' }] : []);
    }
  });

  it('refers each child on a contact the front door decides as a referral, recording it on an open episode instead', async () => {
    const sam = await t.signedIn(SAM);
    const [open, fresh] = [await newChild(t.db), await newChild(t.db)];
    const openId = await refer(sam, open, ukToday());
    const contactId = await recordContact(await contextFor(t.db, PAT), [open, fresh]);
    const contactVersion = (await t.db.selectFrom('contacts').select('version').where('id', '=', contactId).executeTakeFirstOrThrow()).version;
    await decideContact(await contextFor(t.db, MORGAN), contactId, { level: 4, outcome: 'social_care_referral', reasons: 'Significant neglect: assessment needed', version: contactVersion });
    const made = await t.db.selectFrom('cin_episodes').selectAll().where('person_id', '=', fresh).executeTakeFirstOrThrow();
    assert.equal(made.contact_id, contactId);
    assert.equal(made.referral_source, '2A', 'a school contact is a school referral');
    assert.equal(made.referral_reason, 'Significant neglect: assessment needed');
    assert.equal((await t.db.selectFrom('cin_episodes').select('id').where('person_id', '=', open).execute()).length, 1);
    assert.equal((await episode(openId)).contact_id, null);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', open).where('entry_type', '=', 'referral.contact_added').executeTakeFirst());
  });

  it('refuses partners not involved and analysts, and lists open referrals for social care only', async () => {
    const child = await newChild(t.db);
    const id = await refer(await t.signedIn(SAM), child, ukToday());
    const pat = await t.signedIn(PAT);
    const alex = await t.signedIn(ALEX);
    for (const client of [pat, alex]) {
      assert.equal((await client.get(`/referrals/${id}`)).statusCode, 403);
      assert.equal((await client.get(`/people/${child}/referrals/new`)).statusCode, 403);
      assert.equal((await client.get('/referrals')).statusCode, 403);
      assert.equal((await client.api('GET', `/api/v1/referrals/${id}`)).statusCode, 403);
    }
    const list = await (await t.signedIn(MORGAN)).get('/referrals?stage=referral');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`/referrals/${id}`));
    assert.doesNotMatch((await (await t.signedIn(MORGAN)).get('/referrals?stage=awaiting_authorisation')).body, new RegExp(`/referrals/${id}`));
  });

  it('records and reads referrals through the API, once per Idempotency-Key, 409 while one is open', async () => {
    const child = await newChild(t.db);
    const sam = await t.signedIn(SAM);
    const key = uuidv7();
    const body = { referralDate: ukToday(), source: '6', reason: 'Police attended a domestic incident' };
    const post = await apiPoster(t, SAM);
    const created = await post(`/api/v1/people/${child}/referrals`, body, { 'idempotency-key': key });
    assert.equal(created.statusCode, 201, created.body);
    const dto = created.json<{ id: string; referralSource: string; stage: string }>();
    assert.equal(dto.referralSource, '6');
    assert.equal(dto.stage, 'referral');
    const replay = await post(`/api/v1/people/${child}/referrals`, body, { 'idempotency-key': key });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json<{ id: string }>().id, dto.id);
    assert.equal((await post(`/api/v1/people/${child}/referrals`, body, { 'idempotency-key': uuidv7() })).statusCode, 409);
    const list = await sam.api('GET', `/api/v1/people/${child}/referrals`);
    assert.equal(list.json<{ episodes: unknown[] }>().episodes.length, 1);
    assert.equal((await sam.api('GET', `/api/v1/referrals/${dto.id}`)).json<{ id: string }>().id, dto.id);
    assert.equal((await post(`/api/v1/people/${child}/referrals`, { ...body, source: 'X1' })).statusCode, 400);
    assert.equal((await (await apiPoster(t, PAT))(`/api/v1/people/${child}/referrals`, body)).statusCode, 403);
  });
});
