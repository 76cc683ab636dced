import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, JO, MORGAN, PAT, SAM } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { RAISED_SUMMARY } from './service.ts';

const OWEN = 'owen.pryce@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const agencyId = async (t: TestApp, kind: string) => (await t.db.selectFrom('agencies').select('id').where('kind', '=', kind as never).orderBy('name').executeTakeFirstOrThrow()).id;

describe('professional disagreements', () => {
  let t: TestApp;
  let pat: TestClient;
  let sam: TestClient;
  let morgan: TestClient;
  let socialCare: string;
  let school: string;
  let shared: string;
  let unshared: string;
  const raise = (key: string, overrides: Record<string, string> = {}) => ({
    action: 'save', idempotencyKey: key, aboutAgency: socialCare, decision: 'Contact about Ysolde closed with advice.', ...dateFields('decisionOn', ukToday()),
    reasons: 'Third bruise this term; she says it happened at home.', outcomeSought: 'A strategy discussion.', ...overrides,
  });
  const versionOf = async (id: string) => String((await t.db.selectFrom('disagreements').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  const step = (occurredOn: string, note: string, version: string, more: Record<string, string> = {}) => ({ ...dateFields('occurredOn', occurredOn), note, version, ...more });
  async function raised(client = pat, overrides: Record<string, string> = {}): Promise<string> {
    const saved = await client.post('/disagreements/new', raise(uuidv7(), overrides));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1500));
    return String(saved.headers.location).split('/').pop()!;
  }

  before(async () => {
    t = await testApp({ children: 10 });
    [pat, sam, morgan] = await Promise.all([t.signedIn(PAT), t.signedIn(SAM), t.signedIn(MORGAN)]);
    socialCare = await agencyId(t, 'social_care');
    school = await agencyId(t, 'education');
    shared = await insertTestPerson(t.db, { givenName: 'Ysolde', familyName: 'Tremayne', dateOfBirth: '2016-04-02' });
    unshared = await insertTestPerson(t.db, { givenName: 'Ysolde', familyName: 'Penhallow', dateOfBirth: '2016-06-09' });
    await t.db.insertInto('involvements').values({ person_id: shared, agency_id: school, basis: 'consent', detail: 'test' }).execute();
  });
  after(() => t.close());

  it('raises with another agency: errors keep the input, a child must be one the school can see, and a double submit is one disagreement', async () => {
    const form = await pat.get('/disagreements/new');
    assert.equal(form.statusCode, 200);
    assert.doesNotMatch(form.body, new RegExp(`value="${school}"`), 'not the school’s own agency');
    const key = uuidv7();
    const bad = await pat.post('/disagreements/new', raise(key, { aboutAgency: '', reasons: '', 'decisionOn-day': '31', 'decisionOn-month': '2' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Select the agency whose decision you disagree with/);
    assert.match(bad.body, /Enter why you disagree with the decision/);
    assert.match(bad.body, /A strategy discussion\./, 'what was typed is kept');
    const own = await pat.post('/disagreements/new', raise(key, { aboutAgency: school }));
    assert.equal(own.statusCode, 400);
    assert.match(own.body, /with another agency/);
    const future = await pat.post('/disagreements/new', raise(key, dateFields('decisionOn', addWorkingDays(ukToday(), 2))));
    assert.match(future.body, /must be today or in the past/);

    const found = await pat.post('/disagreements/new', raise(key, { action: 'search', searchName: 'Ysolde' }));
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Link <span class="govuk-visually-hidden">Ysolde Tremayne/);
    assert.doesNotMatch(found.body, /Ysolde Penhallow/, 'a child the school cannot see is not offered');
    const refused = await pat.post('/disagreements/new', raise(key, { action: `child:${unshared}` }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /You can only link a child whose record your agency can see/);
    const smuggled = await pat.post('/disagreements/new', raise(key, { child: unshared }));
    assert.equal(smuggled.statusCode, 400, 'a child posted directly is checked too');
    const linked = await pat.post('/disagreements/new', raise(key, { action: `child:${shared}` }));
    assert.match(linked.body, new RegExp(`name="child" value="${shared}"`));

    const first = await pat.post('/disagreements/new', raise(key, { child: shared }));
    assert.equal(first.statusCode, 303, first.body.slice(0, 1500));
    const again = await pat.post('/disagreements/new', raise(key, { child: shared }));
    assert.equal(again.headers.location, first.headers.location, 'a double submit is one disagreement');
    const id = String(first.headers.location).split('/').pop()!;
    const row = await t.db.selectFrom('disagreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.stage, 1);
    assert.equal(row.stage_due, dueDate('disagreementStage1', ukToday()));
    const chronology = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('record_id', '=', id).execute();
    assert.deepEqual(chronology, [{ summary: RAISED_SUMMARY, entry_type: 'disagreements.raised' }]);
    const denied = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', unshared).execute();
    assert.ok(denied.some((a) => a.outcome === 'denied'), 'the refused link is audited');

    const page = await sam.get(`/disagreements/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Third bruise this term/);
    assert.match(page.body, /Ysolde Tremayne/, 'social care can see the child');
    assert.match(page.body, /Due soon|On track/);
    const reads = await t.db.selectFrom('access_audit').select(['action', 'resource_type']).where('resource_id', '=', id).execute();
    assert.ok(reads.some((a) => a.action === 'disagreements.view' && a.resource_type === 'disagreement'), 'the read is audited');
    assert.ok(reads.some((a) => a.action === 'disagreements.raise'), 'the raise is audited');
  });

  it('lets only the parties and the business unit see a disagreement', async () => {
    const id = await raised();
    const jo = await t.signedIn(JO);
    for (const url of [`/disagreements/${id}`, `/disagreements/${id}/respond`]) assert.equal((await jo.get(url)).statusCode, 403, `health ${url}`);
    assert.equal((await jo.post(`/disagreements/${id}/respond`, step(ukToday(), 'x', '1'))).statusCode, 403);
    assert.doesNotMatch((await jo.get('/disagreements?view=agency&status=all')).body, new RegExp(id));
    assert.equal((await jo.get(`/disagreements/${uuidv7()}`)).statusCode, 404);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get('/disagreements')).statusCode, 403, 'an analyst sees figures, not disagreements');
    const figures = await alex.get('/disagreements/figures');
    assert.equal(figures.statusCode, 200);
    assert.match(figures.body, /href="\/figures"/, 'an analyst goes back to the figures, not to a list they cannot open');
    assert.doesNotMatch((await pat.get('/disagreements')).body, /href="\/disagreements\/figures"/, 'no link a practitioner cannot follow');
    assert.match((await morgan.get('/disagreements')).body, /href="\/disagreements\/figures"/);
    const notYours = await sam.get(`/disagreements/${id}/escalate`);
    assert.equal(notYours.statusCode, 200);
    assert.match(notYours.body, /Managers of either agency escalate a disagreement/);
    assert.doesNotMatch(notYours.body, /name="note"/, 'no form for a step the reader may not take');
    assert.equal((await sam.get('/disagreements/figures')).statusCode, 403);
    const owen = await t.signedIn(OWEN);
    assert.equal((await owen.get(`/disagreements/${id}`)).statusCode, 200);
    assert.match((await owen.get('/disagreements?view=all')).body, new RegExp(id));
    assert.equal((await owen.get('/disagreements/new')).statusCode, 403, 'the business unit oversees, it does not raise');
    assert.match((await pat.get('/people')).body, /href="\/disagreements"/);
    assert.doesNotMatch((await alex.get('/figures')).body, /href="\/disagreements"/);
  });

  it('takes a disagreement through response, escalation and resolution, refusing stale and illegal steps', async () => {
    const id = await raised();
    const today = ukToday();
    const empty = await sam.post(`/disagreements/${id}/respond`, step(today, '', await versionOf(id)));
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter what was said in response/);
    const v1 = await versionOf(id);
    assert.equal((await sam.post(`/disagreements/${id}/respond`, step(today, 'The assessment found no current risk.', v1))).statusCode, 303);
    assert.equal((await t.db.selectFrom('disagreements').select('stage_responded_on').where('id', '=', id).executeTakeFirstOrThrow()).stage_responded_on, today, 'social care answering stops the clock');
    assert.match((await pat.get('/work')).body, /Disagreement answered: resolve, escalate or withdraw/, 'the answer goes back to the raiser');
    const stale = await sam.post(`/disagreements/${id}/respond`, step(today, 'Again.', v1));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Again\./, 'what was typed is shown back');

    assert.equal((await sam.post(`/disagreements/${id}/escalate`, step(today, 'x', await versionOf(id)))).statusCode, 403, 'a practitioner of the other agency does not escalate');
    assert.equal((await pat.post(`/disagreements/${id}/escalate`, step(today, 'Still worried.', await versionOf(id)))).statusCode, 303, 'the raiser takes stage 1 to managers');
    let row = await t.db.selectFrom('disagreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.stage, 2);
    assert.equal(row.stage_due, dueDate('disagreementStage2', today));
    assert.equal(row.stage_responded_on, null);
    assert.equal((await pat.post(`/disagreements/${id}/escalate`, step(today, 'x', await versionOf(id)))).statusCode, 403, 'from stage 2 managers escalate');
    assert.equal((await pat.post(`/disagreements/${id}/resolve`, step(today, 'x', await versionOf(id), { resolution: 'agreed' }))).statusCode, 403);

    for (const n of [3, 4]) assert.equal((await morgan.post(`/disagreements/${id}/escalate`, step(today, `To stage ${n}.`, await versionOf(id)))).statusCode, 303);
    const top = await morgan.post(`/disagreements/${id}/escalate`, step(today, 'Further.', await versionOf(id)));
    assert.equal(top.statusCode, 403, 'nothing above stage 4');
    assert.equal((await morgan.post(`/disagreements/${id}/resolve`, step(today, 'x', await versionOf(id), { resolution: 'agreed' }))).statusCode, 403, 'stage 4 is the partnership’s');
    const owen = await t.signedIn(OWEN);
    const noOutcome = await owen.post(`/disagreements/${id}/resolve`, step(today, 'Agreed at the partnership.', await versionOf(id)));
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /Select how the disagreement was resolved/);
    assert.equal((await owen.post(`/disagreements/${id}/respond`, step(today, 'The partnership will hear it on Friday.', await versionOf(id)))).statusCode, 303);
    assert.equal((await owen.post(`/disagreements/${id}/resolve`, step(today, 'Strategy discussion to be held.', await versionOf(id), { resolution: 'decision_changed' }))).statusCode, 303);
    row = await t.db.selectFrom('disagreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.resolution, row.closed_on, row.stage], ['resolved', 'decision_changed', today, 4]);
    const after = await pat.post(`/disagreements/${id}/withdraw`, step(today, 'x', await versionOf(id)));
    assert.equal(after.statusCode, 409, 'nothing follows a resolution');
    const steps = await t.db.selectFrom('disagreement_steps').select(['kind', 'stage']).where('disagreement_id', '=', id).orderBy('created_at').execute();
    assert.deepEqual(steps.map((s) => `${s.kind}@${s.stage}`), ['response@1', 'escalated@1', 'escalated@2', 'escalated@3', 'response@4', 'resolved@4']);
    const page = await pat.get(`/disagreements/${id}`);
    assert.match(page.body, /Resolved on .* at stage 4, 0 working days after it was raised\. The decision was changed\./);
  });

  it('withdraws only from the raising side, and dates cannot be in the future', async () => {
    const id = await raised();
    assert.equal((await sam.post(`/disagreements/${id}/withdraw`, step(ukToday(), 'x', await versionOf(id)))).statusCode, 403);
    const future = await pat.post(`/disagreements/${id}/withdraw`, step(addWorkingDays(ukToday(), 2), 'Resolved by phone.', await versionOf(id)));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    assert.equal((await pat.post(`/disagreements/${id}/withdraw`, step(ukToday(), 'Resolved by phone.', await versionOf(id)))).statusCode, 303);
    assert.equal((await t.db.selectFrom('disagreements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'withdrawn');
  });

  it('shows demo disagreements at every stage, the inbox items and two years of figures', async () => {
    const demo = await t.db.selectFrom('disagreements').select(['stage', 'status']).execute();
    for (const stage of [1, 2, 3, 4]) assert.ok(demo.some((d) => d.stage === stage && d.status === 'open'), `an open disagreement at stage ${stage}`);
    assert.ok(demo.some((d) => d.status === 'resolved') && demo.some((d) => d.status === 'withdrawn'));
    const list = await morgan.get('/disagreements');
    assert.match(list.body, /Overdue/);
    const work = await morgan.get('/work');
    assert.match(work.body, /Stage \d response (due|overdue)/);
    assert.doesNotMatch(work.body, /Ysolde/, 'no child named in the inbox');
    const owen = await t.signedIn(OWEN);
    assert.match((await owen.get('/work')).body, /Stage 4 response (due|overdue)/);
    const figures = await owen.get('/disagreements/figures');
    assert.equal(figures.statusCode, 200);
    assert.ok((figures.body.match(/\d{4}\/\d{2}<\/th>/g) ?? []).length >= 2, 'this year and last');
    assert.match(figures.body, /Highest stage reached/);
    assert.match(figures.body, /Median working days to resolve/);
  });
});
