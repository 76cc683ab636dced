import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { ukWallClock } from '../../platform/calendar/uk-time.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { agencyOf, ALEX, childSharedWith, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { seedMissingDemo } from './demo.ts';
import { missingWork } from './inbox.ts';

/** Date and time boxes for a moment `hoursAgo` before now, in UK time. */
function momentFields(name: string, hoursAgo: number) {
  const { date, time } = ukWallClock(new Date(Date.now() - hoursAgo * 3_600_000));
  return { [`${name}-day`]: String(Number(date.slice(8))), [`${name}-month`]: String(Number(date.slice(5, 7))), [`${name}-year`]: date.slice(0, 4), [`${name}-time`]: time };
}
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('missing episodes, return home interviews and exploitation screening', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const episodesOf = (personId: string) => t.db.selectFrom('missing_episodes').selectAll().where('person_id', '=', personId).execute();

  it('a school that knows the child reports them missing and records the return; social care runs the interview', async () => {
    const child = await childSharedWith(t.db, ['education'], { dateOfBirth: '2012-03-04' });
    const pat = await t.signedIn(PAT);
    const school = await agencyOf(t.db, 'education');
    assert.equal((await pat.get(`/people/${child}/missing/new`)).statusCode, 200);

    const report = { kind: 'missing', ...momentFields('startedAt', 5), ...momentFields('reportedAt', 4), reportedByAgencyId: school, riskLevel: 'medium', circumstances: '', idempotencyKey: uuidv7() };
    const bad = await pat.post(`/people/${child}/missing/new`, { ...report, 'startedAt-time': '25:99' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /enter a real time/);
    assert.match(bad.body, /Enter the circumstances/);
    assert.match(bad.body, /value="25:99"/, 'what was typed is kept');
    const reversed = await pat.post(`/people/${child}/missing/new`, { ...report, ...momentFields('reportedAt', 6), circumstances: 'Did not come back from lunch' });
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /must be the same as or after when they went missing/);

    const good = { ...report, circumstances: 'Did not come back from lunch; seen getting into a car.' };
    const first = await pat.post(`/people/${child}/missing/new`, good);
    assert.equal(first.statusCode, 303, first.body.slice(0, 1500));
    assert.equal((await pat.post(`/people/${child}/missing/new`, good)).headers.location, first.headers.location, 'a double submit is one episode');
    assert.equal((await episodesOf(child)).length, 1);
    const again = await pat.post(`/people/${child}/missing/new`, { ...good, idempotencyKey: uuidv7() });
    assert.equal(again.statusCode, 409, 'one open episode per child');
    assert.match(again.body, /already recorded as missing/);

    const [episode] = await episodesOf(child);
    assert.equal(episode!.in_care, false);
    // The school may not run the interview or screen; an analyst sees nothing.
    assert.equal((await pat.post(`/missing/${episode!.id}/interview/offer`, { ...momentFields('offeredAt', 1), version: '1' })).statusCode, 403);
    assert.equal((await pat.get(`/people/${child}/exploitation/new`)).statusCode, 403);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get(`/people/${child}/missing`)).statusCode, 403);
    assert.equal((await alex.get('/missing')).statusCode, 403);

    const sam = await t.signedIn(SAM);
    const early = await sam.post(`/missing/${episode!.id}/interview/offer`, { ...momentFields('offeredAt', 1), version: '1' });
    assert.equal(early.statusCode, 409, 'no interview before the return');
    assert.match(early.body, /cannot be offered a return home interview now/);

    const back = await pat.post(`/missing/${episode!.id}/return`, { ...momentFields('returnedAt', 2), foundWhere: 'The bus station', version: '1' });
    assert.equal(back.statusCode, 303, back.body.slice(0, 1500));
    const returned = (await episodesOf(child))[0]!;
    assert.equal(returned.interview_due_at!.getTime() - returned.returned_at!.getTime(), 72 * 3_600_000);
    const stale = await pat.post(`/missing/${episode!.id}/return`, { ...momentFields('returnedAt', 2), foundWhere: 'Somewhere else', version: '1' });
    assert.equal(stale.statusCode, 409);

    // The interview, step by step; a stale version is refused and keeps what was typed.
    assert.equal((await sam.post(`/missing/${episode!.id}/interview/offer`, { ...momentFields('offeredAt', 1), version: '2' })).statusCode, 303);
    const interview = { ...momentFields('completedAt', 0), interviewBy: await userIdOf(t.db, SAM), pushFactors: 'Rows at home', pullFactors: 'Older friends with a car', indicators: ['older_associates', 'money_phones'], findings: 'Safety plan agreed.' };
    assert.equal((await sam.post(`/missing/${episode!.id}/interview/complete`, { ...interview, version: '3' })).statusCode, 409, 'not before accepting');
    assert.equal((await sam.post(`/missing/${episode!.id}/interview/answer`, { answer: 'accepted', version: '3' })).statusCode, 303);
    const staleInterview = await sam.post(`/missing/${episode!.id}/interview/complete`, { ...interview, version: '3' });
    assert.equal(staleInterview.statusCode, 409);
    assert.match(staleInterview.body, /Safety plan agreed/);
    const done = await sam.post(`/missing/${episode!.id}/interview/complete`, { ...interview, version: '4' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
    const completed = (await episodesOf(child))[0]!;
    assert.deepEqual(completed.interview_indicators, ['older_associates', 'money_phones']);
    const entries = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', child).where('entry_type', 'like', 'missing.%').execute();
    assert.equal(entries.length, 5);

    const page = await sam.get(`/people/${child}/missing`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Interview completed/);
    assert.match(page.body, /The bus station \(1\)/);

    // The API tells it in 903 terms.
    const api = await sam.api('GET', `/api/v1/people/${child}/missing`);
    const { episodes } = api.json<{ episodes: { MISSING: string; MIS_START: string; MIS_END: string; state: string }[] }>();
    assert.equal(episodes[0]!.MISSING, 'M');
    assert.equal(episodes[0]!.state, 'completed');
    assert.match(episodes[0]!.MIS_END, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('reports by API, lists the child as missing, and puts the interview in the allocated worker’s inbox', async () => {
    const child = await childSharedWith(t.db, [], { dateOfBirth: '2011-01-01' });
    const sam = await t.signedIn(SAM);
    const samId = await userIdOf(t.db, SAM);
    await t.db.insertInto('case_allocations').values({ person_id: child, worker_id: samId, start_date: ukToday(), reason: 'FCONTA' }).execute();
    const started = new Date(Date.now() - 30 * 3_600_000).toISOString();
    const created = await sam.api('POST', `/api/v1/people/${child}/missing`, { MISSING: 'A', startedAt: started, riskLevel: 'high', circumstances: 'Away from home at a known address; mother worried.' });
    assert.equal(created.statusCode, 201, created.body);
    const episode = created.json<{ id: string; version: number; MISSING: string }>();
    assert.equal(episode.MISSING, 'A');
    const list = await sam.get('/missing');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Missing now \(\d+\)/);
    assert.ok(list.body.includes(`/missing/${episode.id}`));
    assert.equal((await sam.api('POST', `/api/v1/missing/${episode.id}/return`, { returnedAt: new Date(Date.now() - 80 * 3_600_000).toISOString(), foundWhere: 'Home', version: 1 })).statusCode, 400, 'a return before the start is refused');
    const back = await sam.api('POST', `/api/v1/missing/${episode.id}/return`, { returnedAt: new Date(Date.now() - 75 * 3_600_000 + 50 * 3_600_000).toISOString(), foundWhere: 'Home', version: 1 });
    assert.equal(back.statusCode, 200, back.body);
    const items = await missingWork({ db: t.db, userIds: [samId], agencyIds: [], frontDoor: true, today: ukToday() });
    const item = items.find((i) => i.personId === child && i.kind === 'missing.interview');
    assert.ok(item, 'the interview is in Sam’s work');
    assert.equal(item.status, 'on_track');
  });

  it('screens for exploitation, refers a medium concern to the MET hub, and sets the review 3 months on', async () => {
    const child = await childSharedWith(t.db, [], { dateOfBirth: '2010-06-06' });
    const sam = await t.signedIn(SAM);
    const form = await sam.get(`/people/${child}/exploitation/new`);
    assert.equal(form.statusCode, 200);
    const today = ukToday();
    const base = { ...dateFields('screenedOn', today), sexualExploitation: 'low', criminalExploitation: 'medium', trafficking: 'none', indicators: ['travelling', 'several_phones'], summary: 'Found out of area with two phones.', idempotencyKey: uuidv7() };
    const unanswered = await sam.post(`/people/${child}/exploitation/new`, base);
    assert.equal(unanswered.statusCode, 400);
    assert.match(unanswered.body, /Select whether to refer the child to the MET hub/);
    assert.match(unanswered.body, /Found out of area with two phones/);
    const saved = await sam.post(`/people/${child}/exploitation/new`, { ...base, referToMetHub: 'yes' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1500));
    const screening = await t.db.selectFrom('exploitation_screenings').selectAll().where('person_id', '=', child).executeTakeFirstOrThrow();
    assert.ok(screening.panel_referral_id, 'referred to the MET hub');
    assert.equal(screening.review_due, dueDate('exploitationReview', today));
    const page = await sam.get(`/people/${child}/missing`);
    assert.match(page.body, /Referred to the MET hub/);
  });

  it('seeds demo children missing now, with interviews due and overdue and a repeat-missing child', async () => {
    const children: string[] = [];
    for (let i = 0; i < 8; i++) children.push(await childSharedWith(t.db, [], { dateOfBirth: `201${i % 5}-0${1 + i}-10` }));
    const ids = async (email: string) => userIdOf(t.db, email);
    const agencies = await t.db.selectFrom('agencies').select(['id', 'kind']).execute();
    const org = {
      agencyIds: { csc: agencies.find((a) => a.kind === 'social_care')!.id, police: agencies.find((a) => a.kind === 'police')!.id, school: agencies.find((a) => a.kind === 'education')!.id },
      teamIds: Object.fromEntries((await t.db.selectFrom('teams').select(['id', 'name']).execute()).map((x) => [x.name, x.id])),
      userIds: { 'sam.rowe@cairn.example': await ids(SAM), 'nia.brooks@cairn.example': await ids('nia.brooks@cairn.example'), 'kit.ellery@cairn.example': await ids('kit.ellery@cairn.example') },
    };
    await seedMissingDemo(t.db, org, ukToday(), children);
    const items = await missingWork({ db: t.db, userIds: [org.userIds['sam.rowe@cairn.example']], agencyIds: [], frontDoor: true, today: ukToday() });
    const mine = items.filter((i) => children.includes(i.personId!));
    assert.equal(mine.filter((i) => i.kind === 'missing.now').length, 1, 'one child missing now');
    assert.ok(mine.some((i) => i.kind === 'missing.interview' && i.status === 'overdue'), 'an interview overdue');
    assert.ok(mine.some((i) => i.kind === 'missing.interview' && i.status !== 'overdue'), 'an interview due');
    const sam = await t.signedIn(SAM);
    const repeat = await sam.get(`/people/${children[3]}/missing`);
    assert.match(repeat.body, /Repeat missing: 4 episodes in the last 90 days/);
  });
});
