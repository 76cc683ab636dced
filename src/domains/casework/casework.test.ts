import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, childSharedWith, MORGAN, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';

const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const ROB = 'rob.delaney@cairn.example';

describe('casework: allocation, visits, caseloads and the team dashboard', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const visit = (overrides: Record<string, string> = {}) => ({
    ...dateFields('visitDate', ukToday()),
    purpose: 'child_protection',
    seen: 'alone',
    notes: 'Saw the child in their bedroom; they showed me their drawings.',
    idempotencyKey: uuidv7(),
    ...overrides,
  });

  it('records a visit once however often it is submitted, with a chronology entry', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const sam = await t.signedIn(SAM);
    const form = await sam.get(`/people/${child}/visits/new?purpose=child_protection`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="child_protection" checked/);
    const fields = visit();
    assert.equal((await sam.post(`/people/${child}/visits/new`, fields)).statusCode, 303);
    assert.equal((await sam.post(`/people/${child}/visits/new`, fields)).statusCode, 303);
    const visits = await t.db.selectFrom('visits').selectAll().where('person_id', '=', child).execute();
    assert.equal(visits.length, 1);
    assert.equal(visits[0]!.seen_alone, true);
    const entry = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', child).where('entry_type', '=', 'visit.recorded').executeTakeFirstOrThrow();
    assert.equal(entry.summary, 'Child protection visit (child seen alone)');
    const record = await sam.get(`/people/${child}/social-care`);
    assert.match(record.body, /Child protection visit/);
  });

  it('keeps what was typed and explains each problem with a visit', async () => {
    const child = await childSharedWith(t.db, []);
    const sam = await t.signedIn(SAM);
    const missing = await sam.post(`/people/${child}/visits/new`, visit({ seen: '', notes: 'Kept text', purpose: '' }));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select whether the child was seen, and whether alone/);
    assert.match(missing.body, /Select what the visit was for/);
    assert.match(missing.body, /Kept text/);
    const future = await sam.post(`/people/${child}/visits/new`, visit(dateFields('visitDate', addCalendarDays(ukToday(), 2))));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    const impossible = await sam.post(`/people/${child}/visits/new`, visit({ 'visitDate-day': '31', 'visitDate-month': '2', 'visitDate-year': '2026' }));
    assert.equal(impossible.statusCode, 400);
    assert.equal(await t.db.selectFrom('visits').select('id').where('person_id', '=', child).executeTakeFirst(), undefined);
  });

  it('lets only children’s social care record visits', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/people/${child}/visits/new`)).statusCode, 403);
    assert.equal((await pat.post(`/people/${child}/visits/new`, visit())).statusCode, 403);
    assert.equal((await pat.get(`/people/${child}/social-care`)).statusCode, 200, 'the school knows the child, so it sees the record');
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get(`/people/${child}/social-care`)).statusCode, 403);
  });

  it('allocates and reallocates a case, refusing a stale form and practitioners', async () => {
    const child = await childSharedWith(t.db, []);
    const morgan = await t.signedIn(MORGAN);
    const rob = await userIdOf(t.db, ROB);
    const sam = await userIdOf(t.db, SAM);
    const today = ukToday();
    const first = await morgan.post(`/people/${child}/allocate`, { workerId: sam, reason: 'FCONTA', current: '', ...dateFields('date', today) });
    assert.equal(first.statusCode, 303);
    const stale = await morgan.post(`/people/${child}/allocate`, { workerId: rob, reason: 'MANAGE', current: '', ...dateFields('date', today) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /it is now held by Sam Rowe/);
    const current = await t.db.selectFrom('case_allocations').select('id').where('person_id', '=', child).where('end_date', 'is', null).executeTakeFirstOrThrow();
    const noReason = await morgan.post(`/people/${child}/allocate`, { workerId: rob, reason: '', current: current.id, ...dateFields('date', today) });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Select why the case is being allocated/);
    assert.equal((await morgan.post(`/people/${child}/allocate`, { workerId: rob, reason: 'MANAGE', current: current.id, ...dateFields('date', today) })).statusCode, 303);
    const history = await t.db.selectFrom('case_allocations').select(['worker_id', 'end_date', 'reason']).where('person_id', '=', child).orderBy('created_at').execute();
    assert.deepEqual(history.map((h) => [h.worker_id, h.end_date, h.reason]), [[sam, today, 'FCONTA'], [rob, null, 'MANAGE']]);
    const samClient = await t.signedIn(SAM);
    assert.equal((await samClient.get(`/people/${child}/allocate`)).statusCode, 403);
  });

  it('weights caseloads by the heaviest open work and shows each worker’s overdue work to the manager', async () => {
    const child = await childSharedWith(t.db, []);
    const rob = await userIdOf(t.db, ROB);
    await t.db.insertInto('case_allocations').values({ person_id: child, worker_id: rob, start_date: ukToday(), reason: 'FCONTA' }).execute();
    const episode = await t.db.insertInto('cin_episodes').values({ person_id: child, referral_date: ukToday(), referral_source: '6', referral_reason: 'Test' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('cp_plans').values({ episode_id: episode.id, person_id: child, start_date: ukToday(), initial_category: 'NEG', categories: ['NEG'] }).execute();
    await t.db.insertInto('cin_plans').values({ episode_id: episode.id, person_id: child, start_date: addCalendarDays(ukToday(), -100), next_review_due: ukToday() }).execute();
    const morgan = await t.signedIn(MORGAN);
    const loads = await morgan.get('/social-care/caseloads');
    assert.equal(loads.statusCode, 200);
    assert.match(loads.body, /Rob Delaney/);
    assert.match(loads.body, /Child protection plan<\/td>\s*<td[^>]*>1.5/);
    const dashboard = await morgan.get('/social-care/team');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Caseloads/);
    const samClient = await t.signedIn(SAM);
    assert.equal((await samClient.get('/social-care/team')).statusCode, 403);
    assert.equal((await samClient.get('/social-care/caseloads')).statusCode, 200);
    assert.equal((await samClient.get('/social-care/timescales')).statusCode, 200);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get('/social-care/caseloads')).statusCode, 403);
  });
});

describe('casework in the JSON API', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 6 });
  });
  after(() => t.close());

  it('records a visit and reads it back with the record, refusing bad input and partners', async () => {
    const child = await childSharedWith(t.db, []);
    const sam = await t.signedIn(SAM);
    const body = { visitDate: ukToday(), purpose: 'child_in_need', seen: 'with_others', notes: 'Seen with mum at home.' };
    const first = await sam.api('POST', `/api/v1/people/${child}/visits`, body);
    assert.equal(first.statusCode, 201);
    const bad = await sam.api('POST', `/api/v1/people/${child}/visits`, { ...body, seen: 'maybe', visitDate: '2026-02-31' });
    assert.equal(bad.statusCode, 400);
    const record = await sam.api('GET', `/api/v1/people/${child}/social-care`);
    assert.equal(record.statusCode, 200);
    const visits = record.json<{ visits: { purpose: string; childSeen: boolean; seenAlone: boolean }[] }>().visits;
    assert.deepEqual(visits.map((v) => [v.purpose, v.childSeen, v.seenAlone]), [['child_in_need', true, false]]);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.api('POST', `/api/v1/people/${child}/visits`, body)).statusCode, 403);
  });
});
