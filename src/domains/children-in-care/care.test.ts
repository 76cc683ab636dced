import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson, userId } from '../people/fixtures.test-support.ts';

const NIA = 'nia.brooks@cairn.example';
const IRIS = 'iris.fenwick@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const ALEX = 'alex.brent@cairn.example';

const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const foster = { legalStatus: 'V2', placementType: 'U6', placementProvider: 'PR1', carerName: 'Mr and Mrs Alder', urn: 'SC100001', placementPostcode: 'ZZ99 1AA', homePostcode: 'ZZ99 2BB' };

describe('children in care', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const today = ukToday();
  let counter = 0;
  const child = (dateOfBirth = '2014-05-04') => insertTestPerson(t.db, { givenName: `Rowan${++counter}`, familyName: 'Fairhurst', dateOfBirth, postcode: 'ZZ99 2BB' });
  const period = (id: string) => t.db.selectFrom('care_periods').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const episodes = (periodId: string) => t.db.selectFrom('care_episodes').selectAll().where('period_id', '=', periodId).orderBy('start_date').orderBy('created_at').execute();

  async function lookedAfter(personId: string, startDate: string, extra: Record<string, string> = {}) {
    const nia = await t.signedIn(NIA);
    const res = await nia.post(`/people/${personId}/care/new`, { ...foster, ...dateFields('startDate', startDate), categoryOfNeed: 'N1', uasc: 'no', referralSource: '5A', iroId: await userId(t.db, IRIS), idempotencyKey: uuidv7(), ...extra });
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    return { nia, periodId: String(res.headers.location).split('/').at(-1)! };
  }

  it('a child becomes looked after: errors keep what was typed, 903 rules checked, a referral opened, one period for a double submit', async () => {
    const personId = await child('2017-02-01');
    const nia = await t.signedIn(NIA);
    assert.equal((await nia.get(`/people/${personId}/care/new`)).statusCode, 200);
    const empty = await nia.post(`/people/${personId}/care/new`, { idempotencyKey: uuidv7(), carerName: 'Mrs Yew' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the date the child became looked after/);
    assert.match(empty.body, /Select the legal status/);
    assert.match(empty.body, /Mrs Yew/);
    const young = await nia.post(`/people/${personId}/care/new`, { ...foster, ...dateFields('startDate', today), legalStatus: 'J1', urn: '', categoryOfNeed: 'N1', uasc: 'no', idempotencyKey: uuidv7() });
    assert.equal(young.statusCode, 400);
    assert.match(young.body, /only for children aged 10 or over/);
    assert.match(young.body, /Enter the Ofsted URN/);
    assert.match(young.body, /Select where the referral came from/);

    const key = uuidv7();
    const form = { ...foster, ...dateFields('startDate', today), categoryOfNeed: 'N1', uasc: 'no', referralSource: '5A', idempotencyKey: key };
    const first = await nia.post(`/people/${personId}/care/new`, form);
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    const again = await nia.post(`/people/${personId}/care/new`, form);
    assert.equal(again.headers.location, first.headers.location);
    const periods = await t.db.selectFrom('care_periods').selectAll().where('person_id', '=', personId).execute();
    assert.equal(periods.length, 1);
    const [ep] = await episodes(periods[0]!.id);
    assert.equal(ep!.reason_new_episode, 'S');
    assert.ok(await t.db.selectFrom('cin_episodes').select('id').where('person_id', '=', personId).where('closure_date', 'is', null).executeTakeFirst(), 'a referral opened');
    const page = await nia.get(String(first.headers.location));
    assert.equal(page.statusCode, 200, page.body.slice(0, 2000));
    assert.match(page.body, /First review/);
    assert.match(page.body, /Mr and Mrs Alder/);
    // A new period while one is open is refused; the form sends the worker to the open one.
    assert.equal((await nia.get(`/people/${personId}/care/new`)).headers.location, first.headers.location);
    assert.equal((await nia.post(`/people/${personId}/care/new`, { ...form, idempotencyKey: uuidv7() })).statusCode, 409);
  });

  it('placement moves follow 903: reason required, X1 on the ending episode, stale versions refused, same-day correction', async () => {
    const personId = await child();
    const { nia, periodId } = await lookedAfter(personId, addCalendarDays(today, -60));
    const move = { ...foster, ...dateFields('date', addCalendarDays(today, -10)), carerName: 'Ms Birch', urn: 'SC100002', placementPostcode: 'ZZ99 3CC' };
    const v0 = String((await period(periodId)).version);
    const noReason = await nia.post(`/care/${periodId}/change`, { ...move, version: v0 });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Select the reason for the change of placement/);
    assert.match(noReason.body, /Ms Birch/);
    assert.equal((await nia.post(`/care/${periodId}/change`, { ...move, sameCarer: 'no', reasonPlaceChange: 'CREQB', version: v0 })).statusCode, 303);
    let eps = await episodes(periodId);
    assert.deepEqual(eps.map((e) => [e.reason_new_episode, e.reason_ceased, e.reason_place_change]), [['S', 'X1', 'CREQB'], ['P', null, null]]);
    // Someone else's form from before the move is refused, and nothing changes.
    const stale = await nia.post(`/care/${periodId}/change`, { ...foster, ...dateFields('date', today), legalStatus: 'C1', version: v0 });
    assert.equal(stale.statusCode, 409);
    // The same day, an interim care order: the new episode is corrected to B rather than a zero-length one made.
    const v1 = String((await period(periodId)).version);
    assert.equal((await nia.post(`/care/${periodId}/change`, { ...move, legalStatus: 'C1', sameCarer: 'no', reasonPlaceChange: 'CREQB', version: v1 })).statusCode, 303);
    eps = await episodes(periodId);
    assert.deepEqual(eps.map((e) => [e.reason_new_episode, e.legal_status]), [['S', 'V2'], ['B', 'C1']]);
    // Into hospital and back: temporary placements have no reason and cannot end the period.
    const v2 = String((await period(periodId)).version);
    const hospital = { ...move, legalStatus: 'C1', ...dateFields('date', addCalendarDays(today, -2)), placementType: 'T1', placementProvider: '', urn: '', placementPostcode: '', carerName: 'Fernhollow General' };
    assert.equal((await nia.post(`/care/${periodId}/change`, { ...hospital, version: v2 })).statusCode, 303);
    assert.equal((await nia.get(`/care/${periodId}/cease`)).statusCode, 409, 'cannot leave care from a temporary placement');
    const v3 = String((await period(periodId)).version);
    assert.equal((await nia.post(`/care/${periodId}/change`, { ...move, legalStatus: 'C1', ...dateFields('date', today), version: v3 })).statusCode, 303);
    eps = await episodes(periodId);
    assert.deepEqual(eps.slice(2).map((e) => [e.reason_new_episode, e.placement_type, e.reason_place_change]), [['P', 'T1', null], ['P', 'U6', null]]);
    assert.equal(eps[1]!.reason_place_change, null, 'a move into a temporary placement has no reason');
    const apiRes = await nia.api('GET', `/api/v1/care/${periodId}`);
    assert.equal(apiRes.statusCode, 200);
    const body = JSON.parse(apiRes.body);
    assert.deepEqual(body.episodes.map((e: { RNE: string }) => e.RNE), ['S', 'B', 'P', 'P']);
    assert.equal(body.stability.placementsInYear, 2, 'the hospital stay is not a placement, the return continues the placement');
  });

  it('the IRO records reviews; the clock moves from 20 working days to 3 months; workers and partners cannot', async () => {
    const personId = await child('2023-06-01');
    const start = addCalendarDays(today, -20);
    const { nia, periodId } = await lookedAfter(personId, start);
    assert.equal((await nia.get(`/care/${periodId}/reviews/new`)).statusCode, 403, 'a social worker does not chair reviews');
    const iris = await t.signedIn(IRIS);
    const review = { ...dateFields('heldOn', addCalendarDays(today, -1)), participation: 'PN1', summary: 'Settled with carers; contact with mum weekly', idempotencyKey: uuidv7() };
    const pn = await iris.post(`/care/${periodId}/reviews/new`, review);
    assert.equal(pn.statusCode, 400);
    assert.match(pn.body, /under 4 at the review/);
    const key = uuidv7();
    assert.equal((await iris.post(`/care/${periodId}/reviews/new`, { ...review, participation: 'PN0', idempotencyKey: key })).statusCode, 303);
    assert.equal((await iris.post(`/care/${periodId}/reviews/new`, { ...review, participation: 'PN0', idempotencyKey: key })).statusCode, 303);
    const reviews = await t.db.selectFrom('care_reviews').selectAll().where('period_id', '=', periodId).execute();
    assert.equal(reviews.length, 1, 'one review for a double submit');
    const api = JSON.parse((await iris.api('GET', `/api/v1/people/${personId}/care`)).body);
    assert.equal(api.periods[0].nextReview.due, addMonths(addCalendarDays(today, -1), 3));
    assert.equal(api.periods[0].reviews[0].REVIEW_CODE, 'PN0');
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/care/${periodId}`)).statusCode, 403);
    assert.equal((await pat.get(`/children-in-care`)).statusCode, 403);
    assert.equal((await (await t.signedIn(ALEX)).get(`/api/v1/care/${periodId}`)).statusCode, 403);
    // Health: an SDQ needs a score and an age of 4 to 16; the initial health assessment moves the clock on.
    const sdq = await nia.post(`/care/${periodId}/checks/new`, { kind: 'sdq', ...dateFields('doneOn', today), score: '', idempotencyKey: uuidv7() });
    assert.equal(sdq.statusCode, 400);
    assert.match(sdq.body, /SDQ is for children aged 4 to 16/);
    assert.equal((await nia.post(`/care/${periodId}/checks/new`, { kind: 'initial_health', ...dateFields('doneOn', today), idempotencyKey: uuidv7() })).statusCode, 303);
    const page = await nia.get(`/care/${periodId}`);
    assert.match(page.body, /Review health assessment/);
  });

  it('leaving care: reasons fit the age; a 17-year-old looked after long enough becomes a care leaver', async () => {
    const personId = await child(addMonths(today, -12 * 17 - 2));
    const { nia, periodId } = await lookedAfter(personId, addMonths(today, -8));
    const v = String((await period(periodId)).version);
    const staying = await nia.post(`/care/${periodId}/cease`, { ...dateFields('date', today), reason: 'E17', version: v });
    assert.equal(staying.statusCode, 400);
    assert.match(staying.body, /18 or over; the child is 17/);
    const e5 = await nia.post(`/care/${periodId}/cease`, { ...dateFields('date', today), reason: 'E5', version: v });
    assert.equal(e5.statusCode, 303);
    const ended = await period(periodId);
    assert.equal(ended.end_date, today);
    const last = (await episodes(periodId)).at(-1)!;
    assert.deepEqual([last.end_date, last.reason_ceased], [today, 'E5']);
    const leaver = await t.db.selectFrom('care_leavers').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    assert.equal(leaver.eligibility, 'relevant');
    const page = await nia.get(`/care/${periodId}`);
    assert.match(page.body, /is a care leaver \(relevant child\)/);
    assert.ok(page.body.includes(`href="/care-leavers/${leaver.id}"`), 'links to the care leaver record');
    assert.equal((await nia.post(`/care/${periodId}/change`, { ...foster, ...dateFields('date', today), legalStatus: 'C1', version: String(ended.version) })).statusCode, 409, 'an ended period cannot change');
    const list = await nia.get('/children-in-care');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, new RegExp(`/care/${periodId}`));
  });
});
