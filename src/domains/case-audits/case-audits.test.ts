import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { recordChronology } from '../chronology/service.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

const TESS = 'tess.marlow@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const JO = 'jo.nyland@cairn.example';
const KIT = 'kit.ellery@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (location: unknown) => String(location).split('/').pop()!;

describe('multi-agency case audits', () => {
  let t: TestApp;
  let tess: TestClient;
  let pat: TestClient;
  let jo: TestClient;
  let school: string;
  let health: string;
  let template: string;
  let questions: { id: string }[];
  const strategyChildren: string[] = [];
  let known: string;

  before(async () => {
    t = await testApp({ children: 10 });
    tess = await t.signedIn(TESS);
    pat = await t.signedIn(PAT);
    jo = await t.signedIn(JO);
    const agency = async (name: string) => (await t.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    school = await agency('Fernhollow Academy');
    health = await agency('Brackenshire Community Health NHS Trust');
    // Children whose chronologies fall in 2011, long before the demo's own: three had a strategy discussion.
    for (const [i, type] of ['strategy.held', 'strategy.held', 'strategy.held', 'contact.received', 'contact.received'].entries()) {
      const id = await insertTestPerson(t.db, { givenName: `Audra${i}`, familyName: 'Pellowe', dateOfBirth: '2008-06-01' });
      await recordChronology(t.db, { personId: id, occurredAt: new Date(`2011-0${i + 3}-10T10:00:00Z`), entryType: type, summary: 'Test entry', agencyId: null, recordedBy: null });
      if (type === 'strategy.held') strategyChildren.push(id);
    }
    known = strategyChildren[0]!;
    // The school may open the first child's record; nobody else outside social care is involved with them.
    await t.db.insertInto('involvements').values({ person_id: known, agency_id: school, basis: 'consent', detail: 'test' }).execute();
    const row = await t.db.selectFrom('audit_templates').select('id').where('title', '=', 'Strategy discussions').executeTakeFirstOrThrow();
    template = row.id;
    questions = await t.db.selectFrom('audit_template_questions').select('id').where('template_id', '=', template).orderBy('position').execute();
  });
  after(() => t.close());

  const audit = (key: string, overrides: Record<string, string | string[]> = {}) => ({
    idempotencyKey: key, title: 'Strategy discussions 2011', templateId: template, agencyIds: [school, health],
    ...dateFields('periodFrom', '2011-01-01'), ...dateFields('periodTo', '2011-12-31'), ...dateFields('answersDueOn', '2012-02-01'), ...overrides,
  });
  const version = async (id: string) => String((await t.db.selectFrom('case_audits').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  const casesOf = (id: string) => t.db.selectFrom('case_audit_cases').select(['id', 'person_id', 'case_number', 'description']).where('audit_id', '=', id).orderBy('case_number').execute();
  const fullAnswer = (grade: string, v: string) => ({ version: v, ...Object.fromEntries(questions.flatMap((q) => [[`grade-${q.id}`, grade], [`commentary-${q.id}`, 'Seen in our records']])) });
  const responseVersion = async (caseId: string, agencyId: string) =>
    String((await t.db.selectFrom('case_audit_responses').select('version').where('case_id', '=', caseId).where('agency_id', '=', agencyId).executeTakeFirst())?.version ?? 0);

  async function setUp(): Promise<string> {
    const saved = await tess.post('/audits/new', audit(uuidv7()));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1500));
    return idFrom(saved.headers.location);
  }

  it('seeds demo audits in three states that each role can open', async () => {
    const demo = await t.db.selectFrom('case_audits').select(['id', 'title', 'state']).where('title', 'in', ['Neglect: multi-agency audit', 'Strategy discussions: spring audit', 'Threshold application: autumn audit']).execute();
    assert.deepEqual(demo.map((a) => a.state).sort(), ['complete', 'draft', 'open']);
    const complete = demo.find((a) => a.state === 'complete')!;
    const open = demo.find((a) => a.state === 'open')!;
    const page = await tess.get(`/audits/${complete.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /role="img"/);
    assert.match(page.body, /Overdue/);
    const bea = await t.signedIn(BEA);
    assert.equal((await bea.get(`/audits/${complete.id}/report`)).statusCode, 200);
    const answers = await pat.get(`/audits/${open.id}/answers`);
    assert.equal(answers.statusCode, 200);
    assert.match(answers.body, /Draft saved/, 'the school has started');
    assert.equal((await jo.get(`/audits/${open.id}/answers`)).statusCode, 200);
  });

  it('ships default templates and lets the business manager add one with questions', async () => {
    const list = await tess.get('/audits/templates');
    assert.equal(list.statusCode, 200);
    for (const theme of ['Application of the threshold guidance', 'Strategy discussions', 'Core groups and child protection plans', 'Neglect']) assert.ok(list.body.includes(theme), theme);
    const key = uuidv7();
    const bad = await tess.post('/audits/templates/new', { idempotencyKey: key, title: '', description: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the theme of the audit template/);
    const taken = await tess.post('/audits/templates/new', { idempotencyKey: key, title: 'neglect', description: 'Again' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already a template with this theme/);
    const added = await tess.post('/audits/templates/new', { idempotencyKey: key, title: 'Children missing education', description: 'Whether schools and the local authority acted when children were missing from education.' });
    assert.equal(added.statusCode, 303);
    assert.equal((await tess.post('/audits/templates/new', { idempotencyKey: key, title: 'Children missing education', description: 'x' })).headers.location, added.headers.location, 'a double submit adds one template');
    const id = idFrom(added.headers.location);
    assert.equal((await tess.post(`/audits/templates/${id}/questions/new`, { text: '' })).statusCode, 400);
    assert.equal((await tess.post(`/audits/templates/${id}/questions/new`, { text: 'The school followed up the first day of absence.' })).statusCode, 303);
    assert.match((await tess.get(`/audits/templates/${id}`)).body, /followed up the first day of absence/);
    assert.equal((await pat.post(`/audits/templates/${id}/questions/new`, { text: 'Sneaky' })).statusCode, 403);
  });

  it('sets up an audit with checks, and draws a fixed sample from the chronology by criteria or at random', async () => {
    const key = uuidv7();
    const bad = await tess.post('/audits/new', audit(key, { title: '', agencyIds: [], ...dateFields('periodTo', '2010-06-01') }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a title for the audit/);
    assert.match(bad.body, /Select the agencies taking part/);
    const backwards = await tess.post('/audits/new', audit(key, { ...dateFields('periodTo', '2010-06-01') }));
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /end of the audit period must be on or after its start/);
    const id = await setUp();

    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'open', version: await version(id) })).statusCode, 409, 'no sample, no opening');
    const badSample = await tess.post(`/audits/${id}/sample`, { method: 'criteria', size: '0', entryType: '', version: await version(id) });
    assert.equal(badSample.statusCode, 400);
    assert.match(badSample.body, /Select the kind of event the children had/);
    assert.match(badSample.body, /from 1 to 50/);
    const drawn = await tess.post(`/audits/${id}/sample`, { method: 'criteria', size: '10', entryType: 'strategy.held', version: await version(id) });
    assert.equal(drawn.statusCode, 303, drawn.body.slice(0, 1500));
    const cases = await casesOf(id);
    assert.deepEqual(cases.map((c) => c.person_id).sort(), [...strategyChildren].sort(), 'every child with a strategy discussion in the period, and only them');
    assert.deepEqual(cases.map((c) => c.description), ['Girl aged 3', 'Girl aged 3', 'Girl aged 3']);
    const stale = await tess.post(`/audits/${id}/sample`, { method: 'random', size: '2', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await tess.post(`/audits/${id}/sample`, { method: 'random', size: '2', version: await version(id) })).statusCode, 303);
    assert.equal((await casesOf(id)).length, 2, 'drawn again while in draft');

    const page = await tess.get(`/audits/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Case 1: girl aged 3/);
    assert.doesNotMatch(page.body, /Pellowe/, 'the business manager sees case references, never names');
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'open', version: await version(id) })).statusCode, 303);
    assert.equal((await tess.post(`/audits/${id}/sample`, { method: 'random', size: '3', version: await version(id) })).statusCode, 409, 'the sample is fixed once open');
  });

  it('lets each participating agency answer for itself, then moderation, findings, actions and the report', async () => {
    const id = await setUp();
    await tess.post(`/audits/${id}/sample`, { method: 'criteria', size: '2', entryType: 'strategy.held', version: await version(id) });
    const cases = await casesOf(id);
    assert.equal((await pat.get(`/audits/${id}/answers`)).statusCode, 409, 'not open yet');
    await tess.post(`/audits/${id}/state`, { to: 'open', version: await version(id) });

    // Who may answer: the participating agencies only, and never board members.
    const kit = await t.signedIn(KIT);
    assert.equal((await kit.get(`/audits/${id}/answers`)).statusCode, 403, 'early help is not taking part');
    assert.equal((await kit.post(`/audits/${id}/answers/${cases[0]!.id}`, fullAnswer('good', '0'))).statusCode, 403);
    const bea = await t.signedIn(BEA);
    assert.equal((await bea.get(`/audits/${id}/answers`)).statusCode, 403);
    const agencyPage = await pat.get(`/audits/${id}/answers`);
    assert.equal(agencyPage.statusCode, 200);
    const knownCase = cases.find((c) => c.person_id === known);
    if (knownCase) assert.match(agencyPage.body, /Pellowe/, 'the school sees the name of a child whose record it may open');
    assert.equal((agencyPage.body.match(/Pellowe/g) ?? []).length, knownCase ? 1 : 0, 'and no other');
    if (knownCase) {
      const audited = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', known).where('action', '=', 'person.view').execute();
      assert.ok(audited.length >= 1, 'seeing the name is an audited view of the record');
    }
    assert.doesNotMatch((await jo.get(`/audits/${id}/answers`)).body, /Pellowe/, 'health may open neither record');

    const inbox = await pat.get('/work');
    assert.match(inbox.body, /Case audit answers overdue/, 'the answers were due in 2012');
    assert.match(inbox.body, new RegExp(`/audits/${id}/answers`));
    const [first, second] = cases as [(typeof cases)[0], (typeof cases)[0]];
    const noReason = await pat.post(`/audits/${id}/answers/${first.id}`, { ...fullAnswer('good', '0'), [`grade-${questions[0]!.id}`]: 'inadequate', [`commentary-${questions[0]!.id}`]: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say why practice on question 1 was inadequate/);
    assert.equal((await pat.post(`/audits/${id}/answers/${first.id}`, { ...fullAnswer('good', '0'), [`grade-${questions[1]!.id}`]: 'brilliant' })).statusCode, 400, 'an unknown grade');
    // A draft: only one question answered.
    assert.equal((await pat.post(`/audits/${id}/answers/${first.id}`, { version: '0', [`grade-${questions[0]!.id}`]: 'good' })).statusCode, 303);
    assert.equal((await pat.post(`/audits/${id}/answers/${first.id}`, { version: '0', [`grade-${questions[0]!.id}`]: 'good' })).statusCode, 409, 'a second form opened before the first save');
    const incomplete = await pat.post(`/audits/${id}/answers/submit`);
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Answer every question for case 1/);
    assert.match(incomplete.body, /Answer every question for case 2/);
    assert.equal((await pat.post(`/audits/${id}/answers/${first.id}`, fullAnswer('good', await responseVersion(first.id, school)))).statusCode, 303);
    assert.equal((await pat.post(`/audits/${id}/answers/${second.id}`, { version: '0', notInvolved: 'yes' })).statusCode, 303);
    assert.equal((await pat.post(`/audits/${id}/answers/submit`)).statusCode, 303);
    assert.equal((await pat.post(`/audits/${id}/answers/${first.id}`, fullAnswer('inadequate', await responseVersion(first.id, school)))).statusCode, 409, 'submitted answers are fixed');
    assert.doesNotMatch((await pat.get('/work')).body, new RegExp(`/audits/${id}/answers`), 'submitted: no longer in the inbox');
    // Health answers both children, grading the first differently from the school.
    await jo.post(`/audits/${id}/answers/${first.id}`, { ...fullAnswer('good', '0'), [`grade-${questions[0]!.id}`]: 'requires_improvement', [`commentary-${questions[0]!.id}`]: 'Late to share' });
    await jo.post(`/audits/${id}/answers/${second.id}`, fullAnswer('outstanding', '0'));
    assert.equal((await jo.post(`/audits/${id}/answers/submit`)).statusCode, 303);

    // Moderation: only once the audit moves on; a note is needed where agencies differed.
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'moderation', version: '1' })).statusCode, 409, 'a stale version');
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'sideways', version: await version(id) })).statusCode, 400);
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'moderation', version: await version(id) })).statusCode, 303);
    assert.equal((await bea.post(`/audits/${id}/state`, { to: 'complete', version: await version(id) })).statusCode, 403, 'board members only read');
    const form = await tess.get(`/audits/${id}/cases/${first.id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Agencies graded this differently/);
    assert.doesNotMatch(form.body, /Pellowe/);
    const caseVersion = async (caseId: string) => String((await t.db.selectFrom('case_audit_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version);
    const agreed = (grade: string, v: string, note = '') => ({ version: v, ...Object.fromEntries(questions.flatMap((q) => [[`grade-${q.id}`, grade], [`note-${q.id}`, note]])) });
    const noNote = await tess.post(`/audits/${id}/cases/${first.id}`, agreed('good', await caseVersion(first.id)));
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /Agencies graded question 1 differently/);
    const v1 = await caseVersion(first.id);
    assert.equal((await tess.post(`/audits/${id}/cases/${first.id}`, { ...agreed('good', v1), [`grade-${questions[0]!.id}`]: 'requires_improvement', [`note-${questions[0]!.id}`]: 'Health’s view accepted: the referral was late' })).statusCode, 303);
    assert.equal((await tess.post(`/audits/${id}/cases/${first.id}`, agreed('good', v1, 'x'))).statusCode, 409, 'moderated by someone else meanwhile');
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'complete', version: await version(id) })).statusCode, 409, 'a case is not moderated yet');
    assert.equal((await tess.post(`/audits/${id}/cases/${second.id}`, agreed('outstanding', await caseVersion(second.id)))).statusCode, 303);
    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'complete', version: await version(id) })).statusCode, 409, 'no key findings yet');
    assert.equal((await tess.post(`/audits/${id}/findings`, { keyFindings: '', version: await version(id) })).statusCode, 400);
    assert.equal((await tess.post(`/audits/${id}/findings`, { keyFindings: 'Strategy discussions were timely.\nHealth was not always invited.', version: await version(id) })).statusCode, 303);

    // Actions: one overdue, one completed with evidence.
    const action = (key: string, due: string) => ({ idempotencyKey: key, what: 'Invite health to every strategy discussion', agencyId: health, owner: 'Designated Nurse', ...dateFields('dueOn', due) });
    assert.equal((await tess.post(`/audits/${id}/actions/new`, { ...action(uuidv7(), '2026-01-01'), owner: '' })).statusCode, 400);
    assert.equal((await tess.post(`/audits/${id}/actions/new`, action(uuidv7(), addCalendarDays(ukToday(), -3)))).statusCode, 303);
    const key = uuidv7();
    await tess.post(`/audits/${id}/actions/new`, action(key, addCalendarDays(ukToday(), 30)));
    await tess.post(`/audits/${id}/actions/new`, action(key, addCalendarDays(ukToday(), 30)));
    const actions = await t.db.selectFrom('case_audit_actions').select(['id', 'version', 'due_on']).where('audit_id', '=', id).orderBy('due_on').execute();
    assert.equal(actions.length, 2, 'a double submit adds one action');
    const later = actions[1]!;
    const noEvidence = await tess.post(`/audits/${id}/actions/${later.id}`, { status: 'complete', evidence: '', version: String(later.version) });
    assert.equal(noEvidence.statusCode, 400);
    assert.match(noEvidence.body, /Enter the evidence that the action is complete/);
    assert.equal((await tess.post(`/audits/${id}/actions/${later.id}`, { status: 'complete', evidence: 'Strategy discussion template now lists health', version: String(later.version) })).statusCode, 303);
    assert.equal((await tess.post(`/audits/${id}/actions/${later.id}`, { status: 'open', evidence: '', version: String(later.version) })).statusCode, 409);

    assert.equal((await tess.post(`/audits/${id}/state`, { to: 'complete', version: await version(id) })).statusCode, 303);
    const report = await bea.get(`/audits/${id}/report`);
    assert.equal(report.statusCode, 200);
    assert.doesNotMatch(report.body, /Pellowe/);
    assert.match(report.body, /Strategy discussions were timely/);
    assert.match(report.body, /Overdue/);
    assert.match(report.body, /role="img"/, 'the chart');
    // Findings arithmetic, read from the report's table: question 1 agreed once requires improvement, once outstanding.
    const row = (label: RegExp) => report.body.split('<tr class="govuk-table__row">').find((r) => label.test(r))!.replace(/\s+/g, ' ');
    const cells = (r: string) => [...r.matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(cells(row(/>1\. The strategy discussion was held/)), ['1', '0', '1', '0', '0', '50%']);
    assert.deepEqual(cells(row(/>2\. /)), ['1', '1', '0', '0', '0', '100%']);
    // Agencies' own grades: the school graded one child good throughout and was not involved with the other.
    assert.deepEqual(cells(row(/scope="row" class="govuk-table__header">Fernhollow Academy</)), ['0', String(questions.length), '0', '0', '0', '1']);
    assert.deepEqual(cells(row(/scope="row" class="govuk-table__header">Brackenshire Community Health NHS Trust</)), [String(questions.length), String(questions.length - 1), '1', '0', '0', '0']);
    const pdf = await bea.get(`/audits/${id}/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.body.startsWith('%PDF-'), 'a PDF of the report');
    assert.match((await bea.get('/audits')).body, /Strategy discussions 2011/);
    assert.match((await bea.get('/audits/actions')).body, /Invite health to every strategy discussion/);
    assert.equal((await bea.get(`/audits/${id}/actions/new`)).statusCode, 403);
    assert.match((await pat.get('/audits')).body, /Submitted/, 'a partner sees its agency’s audits');
  });
});
