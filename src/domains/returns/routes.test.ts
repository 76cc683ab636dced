import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { collectionYearOf } from './engine.ts';
import { PROBLEMS_TITLE } from './record.ts';
import { insertRun } from './repository.ts';
import { executeRun, settleRuns } from './runs.ts';

const ALEX = 'alex.brent@cairn.example'; // analyst
const MORGAN = 'morgan.hale@cairn.example'; // children's social care manager
const SAM = 'sam.rowe@cairn.example'; // practitioner
const PAT = 'pat.quinn@cairn.example'; // a school's designated safeguarding lead

const keyOf = (body: string) => /name="idempotencyKey" value="([^"]+)"/.exec(body)![1]!;

describe('statutory returns pages', () => {
  let t: TestApp;
  let alex: TestClient;
  let morgan: TestClient;
  let sam: TestClient;
  const year = collectionYearOf(ukToday());
  // Two children looked after now, given an ethnicity code the DfE does not have (903 rule 103); the second is
  // restricted to named users, so a manager sees their identifier but no link.
  const faulted: { id: string; returnId: string }[] = [];

  before(async () => {
    t = await testApp({ children: 40 });
    const inCare = await t.db
      .selectFrom('care_episodes')
      .innerJoin('people', 'people.id', 'care_episodes.person_id')
      .select(['people.id', 'people.return_id'])
      .where('care_episodes.end_date', 'is', null)
      .where('people.restricted', '=', false)
      .distinct()
      .orderBy('people.id')
      .limit(2)
      .execute();
    assert.equal(inCare.length, 2, 'the demo has two children in care now');
    for (const c of inCare) faulted.push({ id: c.id, returnId: c.return_id });
    await t.db.updateTable('people').set({ ethnicity: 'XXXX' }).where('id', 'in', faulted.map((f) => f.id)).execute();
    await t.db.updateTable('people').set({ restricted: true }).where('id', '=', faulted[1]!.id).execute();
    [alex, morgan, sam] = await Promise.all([t.signedIn(ALEX), t.signedIn(MORGAN), t.signedIn(SAM)]);
  });
  after(async () => {
    await settleRuns();
    await t.close();
  });

  it('lists the returns for the current and last collection years, for analysts and managers only', async () => {
    const page = await alex.get('/returns');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/returns/cin/${year}"`));
    assert.match(page.body, new RegExp(`href="/returns/903/${year - 1}"`));
    assert.match(page.body, /href="\/returns\/annex-a"/);
    assert.match(page.body, /govuk-service-navigation__link" href="\/returns"/, 'in the navigation');
    assert.equal((await sam.get('/returns')).statusCode, 403);
    assert.equal((await sam.get(`/returns/903/${year}`)).statusCode, 403);
    assert.doesNotMatch((await sam.get('/work')).body, /href="\/returns"/);
  });

  it('groups failures by rule with the child and field; an analyst sees identifiers without links', async () => {
    const page = await alex.get(`/returns/903/${year}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rule 103: 2 failures/);
    assert.match(page.body, /Ethnicity is missing or is not one of the DfE ethnicity codes/);
    for (const f of faulted) assert.ok(page.body.includes(`>${f.returnId}<`), `${f.returnId} shown`);
    assert.match(page.body, /<td class="govuk-table__cell">ETHNIC<\/td>/);
    assert.doesNotMatch(page.body, /href="\/people\//, 'no links to records for an analyst');
    const audit = await t.db.selectFrom('access_audit').select('action').where('action', '=', 'returns.prepare').execute();
    assert.ok(audit.length >= 1, 'the readiness check is audited');
  });

  it('links a manager to the children they may open, and not to a restricted child', async () => {
    const page = await morgan.get(`/returns/903/${year}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`<a class="govuk-link" href="/people/${faulted[0]!.id}/social-care">${faulted[0]!.returnId}</a>`));
    assert.ok(page.body.includes(`>${faulted[1]!.returnId}<`));
    assert.ok(!page.body.includes(`/people/${faulted[1]!.id}/`), 'no link to the restricted child');
  });

  it('shows one rule a page at a time and says when a rule finds nothing', async () => {
    const one = await alex.get(`/returns/903/${year}?rule=103`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /rule 103<\/h1>/);
    const none = await alex.get(`/returns/903/${year}?rule=999`);
    assert.match(none.body, /Rule 999 finds nothing wrong/);
  });

  it('refuses a year it does not offer (400) and a return it does not know (404), saying which', async () => {
    const bad = await alex.get('/returns/903/1999');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`Choose a collection year from ${year - 4} to ${year}`));
    assert.equal((await alex.get(`/returns/903/${year}x`)).statusCode, 400);
    const unknown = await alex.get(`/returns/ssda/${year}`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /CIN census \(cin\) and the SSDA903 \(903\)/);
  });

  it('exports once for a double click, then a download that only the requester gets, once', async () => {
    const page = await alex.get(`/returns/903/${year}`);
    const key = keyOf(page.body);
    const first = await alex.post(`/returns/903/${year}/export`, { idempotencyKey: key });
    const second = await alex.post(`/returns/903/${year}/export`, { idempotencyKey: key });
    assert.equal(first.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location, 'the second click finds the first run');
    const runUrl = String(first.headers.location);
    const runs = await t.db.selectFrom('statutory_return_runs').select('id').where('return_kind', '=', '903').execute();
    assert.equal(runs.length, 1);

    await settleRuns();
    const status = await alex.api('GET', `${runUrl}/status`);
    assert.deepEqual(status.json(), { status: 'done', done: status.json<{ total: number }>().total, total: status.json<{ total: number }>().total, percent: 100 });
    const done = await alex.get(runUrl);
    assert.match(done.body, /ready to download/);
    assert.equal((await morgan.get(runUrl)).statusCode, 404, 'nobody else sees the run');
    assert.equal((await morgan.get(`${runUrl}/download`)).statusCode, 404, 'nor downloads it');

    const stored = await t.db.selectFrom('statutory_return_runs').select('file').where('id', '=', runs[0]!.id).executeTakeFirstOrThrow();
    const download = await alex.get(`${runUrl}/download`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.equal(Number(download.headers['content-length']), stored.file!.length);
    assert.match(String(download.headers['content-disposition']), new RegExp(`attachment; filename="SSDA903_873_${year}.zip"`));
    const files = unzipSync(new Uint8Array(stored.file!));
    assert.ok('episodes.csv' in files && 'header.csv' in files, Object.keys(files).join(', '));
    assert.match(new TextDecoder().decode(files['header.csv']), /^CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB/);

    assert.equal((await alex.get(`${runUrl}/download`)).statusCode, 410, 'the file is gone once downloaded');
    assert.match((await alex.get(runUrl)).body, /has been downloaded or was removed/);
    const audit = await t.db.selectFrom('access_audit').select('resource_id').where('action', '=', 'returns.export').execute();
    assert.deepEqual(audit.map((a) => a.resource_id), [runUrl.split('/').at(-1)]);
  });

  it('exports the CIN census XML and the Annex A workbook; a bad as-at date is shown back with an error', async () => {
    const cin = await alex.post(`/returns/cin/${year}/export`, { idempotencyKey: keyOf((await alex.get(`/returns/cin/${year}`)).body) });
    const form = await alex.get('/returns/annex-a');
    assert.equal(form.statusCode, 200);
    const bad = await alex.post('/returns/annex-a/export', { idempotencyKey: keyOf(form.body), 'asAt-day': '31', 'asAt-month': '2', 'asAt-year': '2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#asAt-day"/);
    assert.match(bad.body, /name="asAt-day"[^>]*value="31"/);
    const future = await alex.post('/returns/annex-a/export', { idempotencyKey: keyOf(form.body), 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': String(year + 2) });
    assert.match(future.body, /must be today or in the past/);
    const annex = await alex.post('/returns/annex-a/export', { idempotencyKey: keyOf(form.body), 'asAt-day': '1', 'asAt-month': '3', 'asAt-year': String(year - 1) });
    assert.equal(annex.statusCode, 303);
    await settleRuns();

    const xml = await alex.get(`${cin.headers.location}/download`);
    assert.equal(xml.statusCode, 200, xml.body.slice(0, 300));
    assert.match(xml.body, /^<\?xml/);
    assert.match(xml.body, /<Message/);
    const workbook = await alex.get(`${annex.headers.location}/download`);
    assert.equal(workbook.statusCode, 200, workbook.body.slice(0, 300));
    assert.match(String(workbook.headers['content-disposition']), new RegExp(`Annex_A_${year - 1}-03-01.xlsx`));
  });

  it('shows a running export’s progress as a bar and in words, with a link to check again without JavaScript', async () => {
    const alexId = (await t.db.selectFrom('users').select('id').where('email', '=', ALEX).executeTakeFirstOrThrow()).id;
    const id = uuidv7();
    await insertRun(t.db, { id, kind: '903', year, userId: alexId });
    await t.db.updateTable('statutory_return_runs').set({ status: 'running', done_steps: 3, total_steps: 10 }).where('id', '=', id).execute();
    const page = await alex.get(`/returns/runs/${id}`);
    assert.match(page.body, /<progress id="export-progress" max="100" value="30">30%<\/progress>/);
    assert.match(page.body, /30% done \(3 of 10 steps\)/);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/returns/runs/${id}">Check progress</a>`));
    assert.match(page.body, /src="\/assets\/returns-progress.js"/);
    assert.deepEqual((await alex.api('GET', `/returns/runs/${id}/status`)).json(), { status: 'running', done: 3, total: 10, percent: 30 });
    assert.equal((await alex.get(`/returns/runs/${id}/download`)).statusCode, 410, 'nothing to download yet');
    assert.equal((await alex.get('/assets/returns-progress.js')).statusCode, 200);
  });

  it('says plainly when an export fails, with no file', async () => {
    const alexId = (await t.db.selectFrom('users').select('id').where('email', '=', ALEX).executeTakeFirstOrThrow()).id;
    const id = uuidv7();
    await insertRun(t.db, { id, kind: 'cin', year: null, userId: alexId });
    const logged: unknown[] = [];
    await executeRun(t.db, id, { kind: 'cin', year: 1990 }, t.app.config.returns, { error: (...args: unknown[]) => logged.push(args) } as never);
    const page = await alex.get(`/returns/runs/${id}`);
    assert.match(page.body, /the export failed<\/h1>/);
    assert.match(page.body, /A collection year is between 2011 and 2035, not 1990/);
    assert.doesNotMatch(page.body, /Download/);
    assert.equal((await alex.get(`/returns/runs/${id}/download`)).statusCode, 410);
    assert.deepEqual(logged, [], 'a refusal the analyst can read is not logged as Cairn’s fault');
  });

  it('records a return as submitted only when confirmed', async () => {
    assert.doesNotMatch((await alex.get(`/returns/903/${year}`)).body, /Record as submitted/, 'not offered before the year ends');
    const early = await alex.post(`/returns/903/${year}/submitted`, { confirm: 'yes' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, new RegExp(`runs to 31 March ${year}: a return is recorded as submitted once its year has ended`));
    assert.match((await alex.get(`/returns/903/${year - 1}`)).body, /Record as submitted/);
    const unconfirmed = await alex.post(`/returns/903/${year - 1}/submitted`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Tick the box to confirm/);
    const recorded = await alex.post(`/returns/903/${year - 1}/submitted`, { confirm: 'yes' });
    assert.equal(recorded.statusCode, 303);
    const page = await alex.get(String(recorded.headers.location));
    assert.match(page.body, /is recorded as submitted/);
    assert.match(page.body, /by Alex Brent/);
    const cin = await alex.post(`/returns/cin/${year - 1}/submitted`, { confirm: 'yes' });
    assert.equal(cin.statusCode, 303);
    const snapshots = await t.db.selectFrom('statutory_return_snapshots').select(['return_kind', 'collection_year']).orderBy('return_kind').execute();
    assert.deepEqual(snapshots, [{ return_kind: '903', collection_year: year - 1 }, { return_kind: 'cin', collection_year: year - 1 }]);
  });

  it('shows a child’s return problems on their social care record to those who work on it, and nothing when there are none', async () => {
    const record = await morgan.get(`/people/${faulted[0]!.id}/social-care`);
    assert.equal(record.statusCode, 200);
    assert.ok(record.body.includes(PROBLEMS_TITLE));
    assert.match(record.body, /SSDA903 error 103/);
    assert.match(record.body, /Field to fix: ETHNIC/);
    // A school that may see the child (shared with it) does not work on social care: no return problems for it.
    const school = await t.db.selectFrom('users').select('agency_id').where('email', '=', PAT).executeTakeFirstOrThrow();
    await t.db.insertInto('involvements').values({ person_id: faulted[0]!.id, agency_id: school.agency_id, basis: 'consent', detail: 'returns test' }).execute();
    const partner = await (await t.signedIn(PAT)).get(`/people/${faulted[0]!.id}/social-care`);
    assert.equal(partner.statusCode, 200);
    assert.ok(!partner.body.includes(PROBLEMS_TITLE), 'not shown to a partner agency');
    const clean = await t.db
      .selectFrom('care_episodes')
      .select('person_id')
      .where('end_date', 'is', null)
      .where('person_id', 'not in', faulted.map((f) => f.id))
      .limit(1)
      .executeTakeFirstOrThrow();
    const cleanRecord = await morgan.get(`/people/${clean.person_id}/social-care`);
    assert.equal(cleanRecord.statusCode, 200);
    assert.ok(!cleanRecord.body.includes(PROBLEMS_TITLE), 'nothing shown when the child has no problems');
  });
});
