import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

const TESS = 'tess.marlow@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const ALEX = 'alex.brent@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const daysAgo = (n: number) => addCalendarDays(ukToday(), -n);

/** A small tool: two domains, one of two items, one scored itself, summed, 1–4; bands cover 3 to 12. */
const SMALL_TOOL = {
  name: 'Home conditions check', description: 'A quick check of the home.', scaleMin: '1', scaleMax: '4', scaleLabels: '1: Poor\n4: Good', direction: 'higher_better',
  domains: 'Kitchen\n- Food stored safely\n- Clean surfaces\nSleeping', domainRule: 'sum', overallRule: 'sum',
  band1Label: 'Concern', band1Min: '3', band1Max: '6', band2Label: 'Fine', band2Min: '7', band2Max: '12',
};

/** Every Quality of Care item scored the same, with a note on the first domain. */
const qocScores = (score: number, overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(QUALITY_OF_CARE.domains.flatMap((d) => d.items.map((i) => [`score-${i.id}`, String(score)]))),
  [`note-${QUALITY_OF_CARE.domains[0]!.id}`]: 'Fridge empty at the visit; <b>no</b> breakfast.',
  ...overrides,
});

describe('practice tools', () => {
  let t: TestApp;
  let tess: TestClient;
  let sam: TestClient;
  let child: string;
  before(async () => {
    t = await testApp({ children: 6 });
    tess = await t.signedIn(TESS);
    sam = await t.signedIn(SAM);
    child = await insertTestPerson(t.db, { givenName: 'Rowan', familyName: 'Ashdown', dateOfBirth: '2019-02-11' });
  });
  after(() => t.close());

  const versionOf = async (table: 'practice_tools' | 'practice_tool_scorings', id: string) => String((await t.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

  it('ships the two default tools in use and lets the business manager see them', async () => {
    const list = await tess.get('/practice-tools');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Quality of Care \(neglect\)/);
    assert.match(list.body, /Distance travelled \(family outcomes\)/);
    const page = await tess.get(`/practice-tools/${QUALITY_OF_CARE.id}`);
    assert.match(page.body, /Possible overall scores[\s\S]*1 to 5/);
    assert.match(page.body, /Good enough care/);
  });

  it('refuses tool configuration to everyone but the business manager', async () => {
    for (const email of [SAM, ALEX, 'bea.tollard@cairn.example']) {
      const client = await t.signedIn(email);
      assert.equal((await client.get('/practice-tools')).statusCode, 403, email);
      assert.equal((await client.post('/practice-tools/new', { ...SMALL_TOOL, idempotencyKey: uuidv7() })).statusCode, 403, email);
    }
  });

  let smallTool = '';
  it('creates a draft, refuses bands with a gap or overlap keeping what was typed, then publishes once', async () => {
    const key = uuidv7();
    const gap = await tess.post('/practice-tools/new', { ...SMALL_TOOL, band2Min: '8', idempotencyKey: key });
    assert.equal(gap.statusCode, 400);
    assert.match(gap.body, /Scores from 7 to 7 fall between “Concern” and “Fine”/);
    assert.match(gap.body, /Home conditions check/, 'input kept');
    const overlap = await tess.post('/practice-tools/new', { ...SMALL_TOOL, band2Min: '6', idempotencyKey: key });
    assert.match(overlap.body, /overlap/);
    const short = await tess.post('/practice-tools/new', { ...SMALL_TOOL, band2Max: '11', scaleMax: 'x', idempotencyKey: key });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /must be a whole number/);
    const created = await tess.post('/practice-tools/new', { ...SMALL_TOOL, idempotencyKey: key });
    assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
    smallTool = String(created.headers.location).split('/').pop()!;
    const again = await tess.post('/practice-tools/new', { ...SMALL_TOOL, idempotencyKey: key });
    assert.equal(again.headers.location, created.headers.location, 'a repeated submission creates one tool');
    const draft = await tess.get(`/practice-tools/${smallTool}`);
    assert.match(draft.body, /Draft/);
    assert.match(draft.body, /Possible overall scores[\s\S]*3 to 12/);

    const edited = await tess.post(`/practice-tools/${smallTool}/edit`, { ...SMALL_TOOL, name: 'Home conditions', version: await versionOf('practice_tools', smallTool) });
    assert.equal(edited.headers.location, `/practice-tools/${smallTool}`, 'a draft is edited in place');
    const stale = await tess.post(`/practice-tools/${smallTool}/edit`, { ...SMALL_TOOL, name: 'Stale edit', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Stale edit/, 'what was typed is shown back');
    const published = await tess.post(`/practice-tools/${smallTool}/publish`, { version: await versionOf('practice_tools', smallTool) });
    assert.equal(published.statusCode, 303);
    const twice = await tess.post(`/practice-tools/${smallTool}/publish`, { version: await versionOf('practice_tools', smallTool) });
    assert.equal(twice.statusCode, 409, 'only a draft can be published');
  });

  it('scores a child: keeps out-of-range input with its error, stores computed scores and band, chronology and audit', async () => {
    const form = await sam.get(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Rowan Ashdown/);
    const key = uuidv7();
    const firstItem = QUALITY_OF_CARE.domains[0]!.items[0]!.id;
    const bad = await sam.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(3, { [`score-${firstItem}`]: '7' }), ...dateFields('scoredOn', daysAgo(200)), idempotencyKey: key });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The score for Physical care: Food and drink must be a whole number from 1 to 5/);
    assert.match(bad.body, new RegExp(`id="score-${firstItem}" name="score-${firstItem}" type="text" value="7"`), 'the 7 is kept');
    assert.match(bad.body, /&lt;b&gt;no&lt;\/b&gt; breakfast/, 'the note is kept, escaped');
    const future = await sam.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(3), ...dateFields('scoredOn', addCalendarDays(ukToday(), 3)), idempotencyKey: key });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /today or in the past/);

    // First scoring: every item 4 except Safety's at 5: Physical 4, Safety 5, Emotional 4, Stimulation 4 → 4.25, serious concerns.
    const safety = QUALITY_OF_CARE.domains[1]!.items.map((i) => i.id);
    const saved = await sam.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(4, Object.fromEntries(safety.map((id) => [`score-${id}`, '5']))), ...dateFields('scoredOn', daysAgo(200)), idempotencyKey: key });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    const replay = await sam.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(4), ...dateFields('scoredOn', daysAgo(200)), idempotencyKey: key });
    assert.equal(replay.statusCode, 303);
    const rows = await t.db.selectFrom('practice_tool_scorings').selectAll().where('person_id', '=', child).execute();
    assert.equal(rows.length, 1, 'a repeated submission records one scoring');
    assert.equal(rows[0]!.overall_score, 4.25);
    assert.equal(rows[0]!.band_label, 'Serious concerns');
    const domains = await t.db.selectFrom('practice_tool_scoring_domains').select(['domain_id', 'score']).where('scoring_id', '=', rows[0]!.id).execute();
    assert.equal(domains.find((d) => d.domain_id === QUALITY_OF_CARE.domains[1]!.id)!.score, 5);
    const entry = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', child).where('entry_type', '=', 'practice_tool.scored').executeTakeFirstOrThrow();
    assert.equal(entry.summary, 'Scored on Quality of Care (neglect): 4.25 overall, serious concerns');
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', child).where('action', '=', 'practice_tool.score').execute();
    assert.equal(audit.length, 1);

    // Second scoring, better (lower): every item 2 → 2, good enough care.
    const second = await sam.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(2), ...dateFields('scoredOn', daysAgo(10)), idempotencyKey: uuidv7() });
    assert.equal(second.statusCode, 303);
    const trend = await sam.get(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}`);
    assert.equal(trend.statusCode, 200);
    assert.match(trend.body, /Improved from 4.25 to 2 over 6 months \(lower is better; 2 scorings\)/);
    assert.match(trend.body, /<svg[^>]*role="img"/);
    assert.match(trend.body, /Distance travelled/);
    assert.match(trend.body, /Safety[\s\S]*?5[\s\S]*?2[\s\S]*?-3[\s\S]*?Better/);
    const listPage = await sam.get(`/people/${child}/practice-tools`);
    assert.match(listPage.body, /2 \(Good enough care\)/);
  });

  it('corrects a scoring at the version read, and shows a conflict without losing the note typed', async () => {
    const [first] = await t.db.selectFrom('practice_tool_scorings').selectAll().where('person_id', '=', child).orderBy('scored_on').execute();
    const id = first!.id;
    const edit = await sam.get(`/people/${child}/practice-tools/scorings/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="5"/, 'the scores as saved');
    const version = await versionOf('practice_tool_scorings', id);
    const ok = await sam.post(`/people/${child}/practice-tools/scorings/${id}/edit`, { ...qocScores(3), ...dateFields('scoredOn', daysAgo(200)), version });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
    const stale = await sam.post(`/people/${child}/practice-tools/scorings/${id}/edit`, { ...qocScores(1, { [`note-${QUALITY_OF_CARE.domains[0]!.id}`]: 'A note typed during the conflict' }), ...dateFields('scoredOn', daysAgo(200)), version });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /A note typed during the conflict/);
    const row = await t.db.selectFrom('practice_tool_scorings').select(['overall_score', 'band_label']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { overall_score: 3, band_label: 'Some concerns' });
  });

  it('makes a new version when a tool in use is edited, and old scores keep their version and meaning', async () => {
    const version = await versionOf('practice_tools', QUALITY_OF_CARE.id);
    const form = await tess.get(`/practice-tools/${QUALITY_OF_CARE.id}/edit`);
    assert.match(form.body, /Saving makes the next version as a draft/);
    const values = Object.fromEntries([...form.body.matchAll(/name="(band\dLabel|band\dMin|band\dMax|name|scaleMin|scaleMax)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const body = { ...SMALL_TOOL, ...values, domains: 'Physical care\n- Food and drink\nSafety', domainRule: 'mean', overallRule: 'mean', direction: 'lower_better', scaleLabels: '', version };
    const made = await tess.post(`/practice-tools/${QUALITY_OF_CARE.id}/edit`, { ...body, band2Label: 'Some worries' });
    assert.equal(made.statusCode, 303, made.body.slice(0, 1500));
    const draftId = String(made.headers.location).split('/').pop()!;
    assert.notEqual(draftId, QUALITY_OF_CARE.id);
    const secondDraft = await tess.post(`/practice-tools/${QUALITY_OF_CARE.id}/edit`, { ...body, version: await versionOf('practice_tools', QUALITY_OF_CARE.id) });
    assert.equal(secondDraft.statusCode, 409, 'one draft at a time');
    assert.equal((await tess.post(`/practice-tools/${draftId}/publish`, { version: await versionOf('practice_tools', draftId) })).statusCode, 303);
    const statuses = await t.db.selectFrom('practice_tools').select(['id', 'status', 'version_number']).where('family_id', '=', QUALITY_OF_CARE.id).orderBy('version_number').execute();
    assert.deepEqual(statuses.map((s) => [s.version_number, s.status]), [[1, 'superseded'], [2, 'published']]);
    const old = await t.db.selectFrom('practice_tool_scorings').select(['tool_id', 'band_label']).where('person_id', '=', child).orderBy('scored_on').execute();
    assert.deepEqual(old, [{ tool_id: QUALITY_OF_CARE.id, band_label: 'Some concerns' }, { tool_id: QUALITY_OF_CARE.id, band_label: 'Good enough care' }]);
    const page = await sam.get(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}`);
    assert.match(page.body, /Improved from 3 to 2/, 'old scorings still shown under the tool');
    const oldForm = await sam.get(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`);
    assert.equal(oldForm.statusCode, 409, 'a replaced version is not scored any more');
    const stillEditable = await sam.get(`/people/${child}/practice-tools/scorings/${(await t.db.selectFrom('practice_tool_scorings').select('id').where('person_id', '=', child).orderBy('scored_on').executeTakeFirstOrThrow()).id}/edit`);
    assert.match(stillEditable.body, /stays on version 1/);
  });

  it('refuses a partner whose agency is not involved, and the analyst; lets the partner in once involved', async () => {
    const pat = await t.signedIn(PAT);
    const alex = await t.signedIn(ALEX);
    assert.equal((await pat.get(`/people/${child}/practice-tools`)).statusCode, 403);
    assert.equal((await pat.post(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}/score`, { ...qocScores(2), ...dateFields('scoredOn', daysAgo(1)), idempotencyKey: uuidv7() })).statusCode, 403);
    assert.equal((await alex.get(`/people/${child}/practice-tools`)).statusCode, 403);
    assert.equal((await alex.get(`/people/${child}/practice-tools/${QUALITY_OF_CARE.id}`)).statusCode, 403);
    const school = await t.db.selectFrom('users').select('agency_id').where('email', '=', PAT).executeTakeFirstOrThrow();
    await t.db.insertInto('involvements').values({ person_id: child, agency_id: school.agency_id!, basis: 'consent', detail: 'test' }).execute();
    assert.equal((await pat.get(`/people/${child}/practice-tools`)).statusCode, 200);
    const other = await insertTestPerson(t.db, { givenName: 'Other', familyName: 'Child' });
    const [scoring] = await t.db.selectFrom('practice_tool_scorings').select('id').where('person_id', '=', child).execute();
    assert.equal((await sam.get(`/people/${other}/practice-tools/scorings/${scoring!.id}`)).statusCode, 404, 'a scoring is found only under its own child');
  });

  it('links a scoring only to the child’s own cases and plans', async () => {
    const domains = await t.db.selectFrom('practice_tool_domains').select('id').where('tool_id', '=', smallTool).orderBy('position').execute();
    const items = await t.db.selectFrom('practice_tool_items').select('id').where('domain_id', '=', domains[0]!.id).execute();
    const scores = { ...Object.fromEntries(items.map((i) => [`score-${i.id}`, '2'])), [`score-${domains[1]!.id}`]: '4', ...dateFields('scoredOn', daysAgo(1)) };
    const other = await t.db.selectFrom('early_help_cases').select(['id', 'person_id']).where('status', '=', 'open').where('person_id', '<>', child).executeTakeFirst();
    assert.ok(other, 'the test authority has an open early help case');
    const wrong = await sam.post(`/people/${child}/practice-tools/${smallTool}/score`, { ...scores, context: `early_help:${other.id}`, idempotencyKey: uuidv7() });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Choose what this scoring was done for from the list/);
    const form = await sam.get(`/people/${other.person_id}/practice-tools/${smallTool}/score?context=early_help:${other.id}`);
    assert.match(form.body, new RegExp(`<option value="early_help:${other.id}" selected>`), 'the context offered and chosen');
    const right = await sam.post(`/people/${other.person_id}/practice-tools/${smallTool}/score`, { ...scores, context: `early_help:${other.id}`, idempotencyKey: uuidv7() });
    assert.equal(right.statusCode, 303, right.body.slice(0, 1500));
    const saved = await t.db.selectFrom('practice_tool_scorings').select(['context_type', 'context_id', 'overall_score', 'band_label']).where('person_id', '=', other.person_id).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { context_type: 'early_help', context_id: other.id, overall_score: 8, band_label: 'Fine' });
    const trend = await sam.get(`/people/${other.person_id}/practice-tools/${smallTool}`);
    assert.match(trend.body, /Early help case, from/);
  });
});
