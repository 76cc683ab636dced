import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { countRatings, RATING_ORDER, shares } from './arithmetic.ts';

const TESS = 'tess.marlow@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const JO = 'jo.nyland@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('Section 11 self-assessment', () => {
  let t: TestApp;
  let tess: TestClient;
  let pat: TestClient;
  let jo: TestClient;
  let bea: TestClient;
  let lastRound: string;
  let currentRound: string;
  const agency = async (name: string) => (await t.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const returnOf = async (round: string, agencyName: string) =>
    t.db.selectFrom('section11_returns').selectAll().where('round_id', '=', round).where('agency_id', '=', await agency(agencyName)).executeTakeFirstOrThrow();

  before(async () => {
    t = await testApp({ children: 10 });
    [tess, pat, jo, bea] = await Promise.all([t.signedIn(TESS), t.signedIn(PAT), t.signedIn(JO), t.signedIn(BEA)]);
    const rounds = await t.db.selectFrom('section11_rounds').select(['id', 'closed_on']).orderBy('opens_on').execute();
    assert.equal(rounds.length, 2, 'the demo has the last round and the current one');
    [lastRound, currentRound] = [rounds[0]!.id, rounds[1]!.id];
    assert.ok(rounds[0]!.closed_on && !rounds[1]!.closed_on);
  });
  after(() => t.close());

  /** Every standard answered "met" with evidence, as a submission would need. */
  async function allMet(returnId: string, version: number, overrides: Record<string, string> = {}) {
    const standards = await t.db.selectFrom('section11_round_standards as s').innerJoin('section11_returns as x', 'x.round_id', 's.round_id').select('s.number').where('x.id', '=', returnId).execute();
    return { version: String(version), ...Object.fromEntries(standards.flatMap((s) => [[`rating-${s.number}`, 'met'], [`evidence-${s.number}`, `Evidence for ${s.number}`]])), ...overrides };
  }

  it('a partner answers their own agency’s return: bad input kept with errors, a draft, then a submission that is final', async () => {
    const landing = await pat.get('/section-11');
    assert.equal(landing.statusCode, 200);
    assert.match(landing.body, /Your agency’s returns/);
    assert.match(landing.body, /Overdue/, 'the school has not started and the deadline has passed');
    const ret = await returnOf(currentRound, 'Fernhollow Academy');
    const url = `/section-11/returns/${ret.id}/answer`;
    const page = await pat.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Neglect is recognised and addressed/);

    const short = await pat.post(url, await allMet(ret.id, ret.version, { action: 'submit', 'rating-5': 'partly_met', 'evidence-5': 'Two thirds of staff trained' }));
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Enter the improvement action for standard 5/);
    assert.match(short.body, /Two thirds of staff trained/, 'what was typed is kept');
    const bad = await pat.post(url, await allMet(ret.id, ret.version, { action: 'draft', 'rating-2': 'brilliant', ...dateFields('due3', '2027-02-30') }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Standard 2: Select a rating/);
    assert.match(bad.body, /real date/i);

    const draft = await pat.post(url, await allMet(ret.id, ret.version, { action: 'draft', 'rating-9': 'unanswered', 'evidence-9': '' }));
    assert.equal(draft.statusCode, 303, draft.body.slice(0, 1500));
    let row = await returnOf(currentRound, 'Fernhollow Academy');
    assert.equal(row.status, 'draft');

    const due = addCalendarDays(ukToday(), 90);
    const submitted = await pat.post(url, await allMet(ret.id, row.version, { action: 'submit', 'rating-5': 'partly_met', 'action-5': 'Train the rest by spring', ...dateFields('due5', due), 'rating-9': 'unanswered', 'evidence-9': '' }));
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 1500));
    row = await returnOf(currentRound, 'Fernhollow Academy');
    assert.equal(row.status, 'submitted');
    const ratings = await t.db.selectFrom('section11_ratings').selectAll().where('return_id', '=', ret.id).execute();
    assert.equal(ratings.length, 9);
    assert.deepEqual(ratings.filter((r) => r.action).map((r) => [r.rating, r.action_due_on]), [['partly_met', due]]);
    assert.equal(ratings.find((r) => r.rating === 'unanswered')?.evidence, null);

    const again = await pat.post(url, await allMet(ret.id, row.version, { action: 'draft' }));
    assert.equal(again.statusCode, 409, 'a submitted return is read-only');
    assert.match(again.body, /business manager to reopen it/);
    const readOnly = await pat.get(url);
    assert.doesNotMatch(readOnly.body, /Submit the return/);

    const reopened = await tess.post(`/section-11/returns/${ret.id}/reopen`, { version: String(row.version) });
    assert.equal(reopened.statusCode, 303);
    assert.equal((await returnOf(currentRound, 'Fernhollow Academy')).status, 'draft');
  });

  it('refuses another agency’s return, a closed round and a role that does not answer', async () => {
    const school = await returnOf(currentRound, 'Fernhollow Academy');
    assert.equal((await jo.get(`/section-11/returns/${school.id}/answer`)).statusCode, 403);
    assert.equal((await jo.post(`/section-11/returns/${school.id}/answer`, await allMet(school.id, school.version, { action: 'draft' }))).statusCode, 403);
    assert.equal((await t.db.selectFrom('section11_returns').select('status').where('id', '=', school.id).executeTakeFirstOrThrow()).status, 'draft', 'nothing changed');
    assert.equal((await bea.get(`/section-11/returns/${school.id}/answer`)).statusCode, 403);
    assert.equal((await jo.get(`/section-11/returns/${uuidv7()}/answer`)).statusCode, 404);

    const closed = await returnOf(lastRound, 'Brackenshire Community Health NHS Trust');
    const view = await jo.get(`/section-11/returns/${closed.id}/answer`);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /This round is closed/);
    const refused = await jo.post(`/section-11/returns/${closed.id}/answer`, await allMet(closed.id, closed.version, { action: 'draft' }));
    assert.equal(refused.statusCode, 409);
    assert.equal((await tess.post(`/section-11/returns/${closed.id}/reopen`, { version: String(closed.version) })).statusCode, 409, 'closed rounds stay as they were');
  });

  it('two colleagues saving the same return: the second is told it changed and shown what they typed', async () => {
    const ret = await returnOf(currentRound, 'Brackenshire Community Health NHS Trust');
    const url = `/section-11/returns/${ret.id}/answer`;
    const first = await jo.post(url, await allMet(ret.id, ret.version, { action: 'draft', 'evidence-1': 'First colleague' }));
    assert.equal(first.statusCode, 303);
    const second = await jo.post(url, await allMet(ret.id, ret.version, { action: 'draft', 'evidence-1': 'Second colleague’s evidence' }));
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /changed/i);
    assert.match(second.body, /Second colleague’s evidence/, 'the input is kept');
    const saved = await t.db.selectFrom('section11_ratings as r').innerJoin('section11_round_standards as s', 's.id', 'r.round_standard_id').select('r.evidence').where('r.return_id', '=', ret.id).where('s.number', '=', 1).executeTakeFirstOrThrow();
    assert.equal(saved.evidence, 'First colleague');
  });

  it('the partnership summary is worked out from the records, adds up to 100 and is seen by the board but not by practitioners', async () => {
    const returns = await t.db.selectFrom('section11_returns').select('id').where('round_id', '=', lastRound).where('status', '=', 'submitted').execute();
    const standards = await t.db.selectFrom('section11_round_standards').select('id').where('round_id', '=', lastRound).execute();
    const rated = await t.db.selectFrom('section11_ratings').select(['return_id', 'round_standard_id', 'rating']).where('return_id', 'in', returns.map((r) => r.id)).execute();
    const cells = returns.flatMap((r) => standards.map((s) => ({ rating: rated.find((x) => x.return_id === r.id && x.round_standard_id === s.id)?.rating ?? null })));
    const expected = shares(countRatings(cells));
    assert.equal(Math.round(RATING_ORDER.reduce((n, r) => n + expected[r], 0) * 100), 10_000);
    assert.ok(expected.unanswered > 0, 'the demo has an unanswered standard');
    for (const client of [tess, bea]) {
      const page = await client.get(`/section-11/rounds/${lastRound}/summary`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`<strong>${expected.not_met}%</strong> were not met, <strong>${expected.partly_met}%</strong> partly met, <strong>${expected.met}%</strong> met and <strong>${expected.unanswered}%</strong> not answered`), 'the headline figures');
      assert.match(page.body, /<svg[^>]*role="img"/);
      assert.match(page.body, /Ratings by agency/);
    }
    const samClient = await t.signedIn(SAM);
    assert.equal((await samClient.get(`/section-11/rounds/${lastRound}/summary`)).statusCode, 403);
    assert.equal((await bea.get(`/section-11/rounds/${lastRound}`)).statusCode, 403, 'the round page is the business manager’s');
  });

  it('compares each agency’s ratings with the previous round: improved, same and worse', async () => {
    const police = await returnOf(currentRound, 'Brackenshire Police');
    const page = await bea.get(`/section-11/returns/${police.id}`);
    assert.equal(page.statusCode, 200);
    // Standard 4 was not met last round and is partly met now; standard 7 was met and is partly met now.
    assert.match(page.body, /4\. Services are shaped by the views of children and families<\/td>\s*<td[^>]*>\s*Partly met\s*<\/td>\s*<td[^>]*>\s*Not met\s*<\/td>\s*<td[^>]*>\s*<strong class="govuk-tag govuk-tag--green">\s*Improved/);
    assert.match(page.body, /7\. Agencies work well together<\/td>\s*<td[^>]*>\s*Partly met\s*<\/td>\s*<td[^>]*>\s*Met\s*<\/td>\s*<td[^>]*>\s*<strong class="govuk-tag govuk-tag--red">\s*Worse/);
    assert.match(page.body, /govuk-tag--grey">\s*Same/);
  });

  it('challenge-day notes: recorded, changed at the version read, bad input kept', async () => {
    const ret = await returnOf(currentRound, 'Brackenshire Police');
    const url = `/section-11/returns/${ret.id}/challenge`;
    const empty = await tess.post(url, { challenged: '', agencyAnswer: 'Kept answer', version: '0' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter what was challenged/);
    assert.match(empty.body, /Kept answer/);
    assert.equal((await tess.post(url, { challenged: 'Standard 7: attendance at core groups', agencyAnswer: 'Rota agreed', agreedActions: 'Report in March', version: '0' })).statusCode, 303);
    const stale = await tess.post(url, { challenged: 'A second note', version: '0' });
    assert.equal(stale.statusCode, 409);
    const page = await bea.get(`/section-11/returns/${ret.id}`);
    assert.match(page.body, /Standard 7: attendance at core groups/);
    assert.equal((await bea.post(url, { challenged: 'Board member', version: '1' })).statusCode, 403);
  });

  it('editing a standard leaves past rounds as they were asked; a new round asks every agency and is made once', async () => {
    const standard = await t.db.selectFrom('section11_standards').selectAll().where('number', '=', 9).executeTakeFirstOrThrow();
    const edit = { number: '9', title: 'Neglect is identified early and acted on', description: standard.description, indicators: 'Neglect tool used\nNeglect training attended', inUse: 'yes', version: String(standard.version) };
    assert.equal((await tess.post(`/section-11/standards/${standard.id}`, edit)).statusCode, 303);
    assert.equal((await tess.post(`/section-11/standards/${standard.id}`, edit)).statusCode, 409, 'the second save read an old version');
    const asked = await t.db.selectFrom('section11_round_standards').select('title').where('standard_id', '=', standard.id).execute();
    assert.deepEqual([...new Set(asked.map((a) => a.title))], ['Neglect is recognised and addressed']);
    assert.equal((await tess.post('/section-11/standards/new', { number: 'x', title: '', description: 'd' })).statusCode, 400);

    const key = uuidv7();
    const agencies = await t.db.selectFrom('agencies').select('id').execute();
    const round = { idempotencyKey: key, title: 'Section 11 self-assessment 2028', ...dateFields('opensOn', '2028-05-19'), ...dateFields('dueOn', '2028-07-19'), agencyIds: agencies.map((a) => a.id) };
    const wrongOrder = await tess.post('/section-11/rounds/new', { ...round, ...dateFields('dueOn', '2028-05-01') });
    assert.equal(wrongOrder.statusCode, 400);
    assert.match(wrongOrder.body, /must be on or after the date the round opens/);
    const none = await tess.post('/section-11/rounds/new', { ...round, agencyIds: [] });
    assert.equal(none.statusCode, 400);
    const first = await tess.post('/section-11/rounds/new', round);
    assert.equal(first.statusCode, 303);
    const second = await tess.post('/section-11/rounds/new', round);
    assert.equal(second.headers.location, first.headers.location, 'a repeated submission lands on the same round');
    const id = String(first.headers.location).split('/').pop()!;
    assert.equal((await t.db.selectFrom('section11_returns').select('id').where('round_id', '=', id).execute()).length, agencies.length);
    const titles = await t.db.selectFrom('section11_round_standards').select('title').where('round_id', '=', id).orderBy('number').execute();
    assert.equal(titles.at(-1)!.title, 'Neglect is identified early and acted on');
    const roundPage = await tess.get(`/section-11/rounds/${id}`);
    assert.equal(roundPage.statusCode, 200);
    const version = (await t.db.selectFrom('section11_rounds').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    assert.equal((await tess.post(`/section-11/rounds/${id}/close`, { version: String(version) })).statusCode, 303);
    assert.equal((await tess.post(`/section-11/rounds/${id}/close`, { version: String(version) })).statusCode, 409);
    assert.equal((await t.db.selectFrom('section11_returns').select('id').where('round_id', '=', id).execute()).length, agencies.length, 'nothing is lost on closing');
  });

  it('returns due or overdue reach the agency’s work inbox; an agreed extension moves the date', async () => {
    const health = await returnOf(currentRound, 'Brackenshire Community Health NHS Trust');
    let work = await jo.get('/work');
    assert.doesNotMatch(work.body, /Section 11 return/, 'health’s extension is weeks away');
    // Without the extension the round's deadline, four days ago, applies.
    await t.db.updateTable('section11_returns').set({ extended_to: null }).where('id', '=', health.id).execute();
    const ret = await returnOf(currentRound, 'Brackenshire Community Health NHS Trust');
    work = await jo.get('/work');
    assert.match(work.body, /Section 11 return overdue/);
    const tooEarly = await tess.post(`/section-11/returns/${ret.id}/extend`, { version: String(ret.version), ...dateFields('extendedTo', addCalendarDays(ukToday(), -30)) });
    assert.equal(tooEarly.statusCode, 400);
    assert.match(tooEarly.body, /must be after the round’s due date/);
    assert.equal((await tess.post(`/section-11/returns/${ret.id}/extend`, { version: String(ret.version), ...dateFields('extendedTo', addCalendarDays(ukToday(), 5)) })).statusCode, 303);
    work = await jo.get('/work');
    assert.match(work.body, /Section 11 return due/);
  });
});
