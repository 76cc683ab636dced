import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';

const TESS = 'tess.marlow@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const day = (n: number) => addCalendarDays(ukToday(), n);
const idOf = (location: unknown) => String(location).split('/').pop()!;

describe('board business', () => {
  let t: TestApp;
  let tess: TestClient;
  let bea: TestClient;
  let agency: (name: string) => Promise<string>;
  before(async () => {
    t = await testApp({ children: 10 });
    tess = await t.signedIn(TESS);
    bea = await t.signedIn(BEA);
    agency = async (name) => (await t.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('records a meeting once, its attendance at the version read and a decision; a board member reads it and may not change it', async () => {
    const key = uuidv7();
    const meeting = { ...dateFields('heldOn', day(-1)), kind: 'extraordinary', agenda: 'Appointment of a vice chair\nBudget', idempotencyKey: key };
    const bad = await tess.post('/board/meetings/new', { ...meeting, kind: 'party', agenda: '', 'heldOn-month': '13' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Select the kind of meeting/);
    assert.match(bad.body, /Enter the agenda items/);
    const first = await tess.post('/board/meetings/new', meeting);
    assert.equal(first.statusCode, 303, first.body.slice(0, 1500));
    assert.equal((await tess.post('/board/meetings/new', meeting)).headers.location, first.headers.location, 'a double submit is one meeting');
    const id = idOf(first.headers.location);

    const register = await tess.get(`/board/meetings/${id}/attendance`);
    assert.equal(register.statusCode, 200);
    const members = await t.db.selectFrom('board_members').select(['id', 'name']).where('from_on', '<=', day(-1)).where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>=', day(-1))])).execute();
    assert.ok(members.length >= 5);
    const marks = Object.fromEntries(members.map((m, i) => [`status-${m.id}`, i === 0 ? 'apologies' : i === 1 ? 'deputy' : 'attended']));
    const version = String((await t.db.selectFrom('board_meetings').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    assert.equal((await tess.post(`/board/meetings/${id}/attendance`, { ...marks, [`status-${members[2]!.id}`]: 'asleep', version })).statusCode, 400);
    assert.equal((await tess.post(`/board/meetings/${id}/attendance`, { ...marks, version })).statusCode, 303);
    const stale = await tess.post(`/board/meetings/${id}/attendance`, { ...marks, version });
    assert.equal(stale.statusCode, 409, 'a register saved at an old version is a conflict');
    assert.match(stale.body, /Someone else changed this meeting/);
    const saved = await t.db.selectFrom('board_attendance').select('status').where('meeting_id', '=', id).execute();
    assert.equal(saved.length, members.length);

    const decision = { text: 'Appoint Marcus Feld as vice chair', lead: 'Chair', ...dateFields('dueOn', day(-3)), idempotencyKey: uuidv7() };
    const early = await tess.post(`/board/meetings/${id}/decisions/new`, decision);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /on or after the date of the meeting/);
    assert.equal((await tess.post(`/board/meetings/${id}/decisions/new`, { ...decision, ...dateFields('dueOn', day(30)) })).statusCode, 303);
    assert.equal((await tess.post(`/board/meetings/${id}/decisions/new`, { ...decision, ...dateFields('dueOn', day(30)) })).statusCode, 303);
    assert.equal((await t.db.selectFrom('board_decisions').select('id').where('meeting_id', '=', id).execute()).length, 1, 'a double submit is one decision');

    const page = await bea.get(`/board/meetings/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Appointment of a vice chair/);
    assert.match(page.body, /Deputy sent/);
    assert.doesNotMatch(page.body, /Record attendance/, 'a board member is not offered the register');
    assert.match((await bea.get('/board/decisions')).body, /Appoint Marcus Feld as vice chair/);
    assert.equal((await bea.post(`/board/meetings/${id}/attendance`, { ...marks, version: String(Number(version) + 1) })).statusCode, 403);
    assert.equal((await bea.get('/board/meetings/new')).statusCode, 403);
    assert.equal((await tess.get(`/board/meetings/${uuidv7()}`)).statusCode, 404);
    assert.equal((await tess.get('/board/meetings/not-an-id')).statusCode, 404);
  });

  it('shows attendance by agency for the year with a chart and table, counting a mid-year joiner only after they joined', async () => {
    const year = financialYearStart(day(-30));
    const page = await bea.get(`/board/attendance?year=${year}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]*role="img"/);
    assert.match(page.body, /Attendance by agency/);
    assert.equal((await bea.get('/board/attendance?year=nonsense')).statusCode, 200, 'a bad year falls back to the latest');
    // In the demo, the school's new member joined 160 days ago; the old one left 200 days ago: the school is
    // expected only at the board meetings each was on the board for.
    const school = await agency('Fernhollow Academy');
    const from = `${year}-04-01`;
    const meetings = await t.db.selectFrom('board_meetings').select(['held_on', 'kind']).where('held_on', '>=', from).where('held_on', '<=', `${year + 1}-03-31`).where('kind', '=', 'board').execute();
    const seats = await t.db.selectFrom('board_members').select(['from_on', 'to_on']).where('agency_id', '=', school).execute();
    const expected = meetings.filter((m) => seats.some((s) => s.from_on <= m.held_on && (!s.to_on || s.to_on >= m.held_on))).length;
    assert.match(page.body, new RegExp(`Fernhollow Academy</td>\\s*<td[^>]*>${expected}</td>`));
  });

  it('keeps one contribution an agency a year, shows shares in pounds, and refuses a stale change', async () => {
    const year = financialYearStart(ukToday()) + 1;
    const police = await agency('Brackenshire Police');
    const health = await agency('Brackenshire Community Health NHS Trust');
    const bad = await tess.post('/board/budget/new', { agencyId: police, yearStart: String(year), agreed: 'lots', received: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must be an amount in pounds/);
    const more = await tess.post('/board/budget/new', { agencyId: police, yearStart: String(year), agreed: '100', received: '200' });
    assert.equal(more.statusCode, 400);
    assert.match(more.body, /cannot be more than the amount agreed/);
    assert.equal((await tess.post('/board/budget/new', { agencyId: police, yearStart: String(year), agreed: '£30,000', received: '' })).statusCode, 303);
    assert.equal((await tess.post('/board/budget/new', { agencyId: health, yearStart: String(year), agreed: '10,000.50', received: '10000.50' })).statusCode, 303);
    const twice = await tess.post('/board/budget/new', { agencyId: police, yearStart: String(year), agreed: '1', received: '' });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /already has a contribution for that year/);
    const page = await bea.get(`/board/budget?year=${year}`);
    assert.match(page.body, /£30,000/);
    assert.match(page.body, /£40,000.50/);
    assert.match(page.body, /75%/, 'the police agreed three quarters');
    const row = await t.db.selectFrom('board_contributions').selectAll().where('agency_id', '=', police).where('year_start', '=', year).executeTakeFirstOrThrow();
    assert.equal(row.agreed_pence, 3_000_000);
    const change = { agencyId: police, yearStart: String(year), agreed: '30000', received: '15000', version: String(row.version) };
    assert.equal((await tess.post(`/board/budget/${row.id}/edit`, change)).statusCode, 303);
    const stale = await tess.post(`/board/budget/${row.id}/edit`, { ...change, received: '30000' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /30000/, 'what was typed is shown back');
    assert.equal((await bea.post(`/board/budget/${row.id}/edit`, { ...change, version: String(row.version + 1) })).statusCode, 403);
  });

  it('completes an action only with evidence, flags overdue ones, keeps an ended plan read-only and carries open actions forward', async () => {
    const planKey = uuidv7();
    const plan = { title: 'Test plan', ...dateFields('startsOn', day(-100)), ...dateFields('endsOn', day(200)), idempotencyKey: planKey };
    assert.equal((await tess.post('/board/plans/new', { ...plan, ...dateFields('endsOn', day(-200)) })).statusCode, 400, 'a plan ends after it starts');
    const made = await tess.post('/board/plans/new', plan);
    assert.equal(made.statusCode, 303);
    const planId = idOf(made.headers.location);
    assert.equal((await tess.post(`/board/plans/${planId}/priorities/new`, { title: 'Early help', idempotencyKey: uuidv7() })).statusCode, 303);
    const priority = await t.db.selectFrom('board_priorities').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const action = { what: 'Audit early help plans', agencyId: await agency('Brackenshire Early Help'), lead: 'Head of Early Help', subgroupId: '', ...dateFields('dueOn', day(-5)), rag: 'amber', idempotencyKey: uuidv7() };
    assert.equal((await tess.post(`/board/priorities/${priority.id}/actions/new`, { ...action, lead: '' })).statusCode, 400);
    const added = await tess.post(`/board/priorities/${priority.id}/actions/new`, action);
    assert.equal(added.statusCode, 303);
    const actionId = idOf(added.headers.location);
    const planPage = await bea.get(`/board/plans/${planId}`);
    assert.match(planPage.body, /1 action is overdue/);
    assert.match(planPage.body, /Overdue/);

    const noEvidence = await tess.post(`/board/actions/${actionId}/update`, { rag: 'complete', note: 'Audit done.', ...dateFields('completedOn', ukToday()), version: '1' });
    assert.equal(noEvidence.statusCode, 400);
    assert.match(noEvidence.body, /Enter the evidence that the action is complete/);
    assert.match(noEvidence.body, /Audit done\./, 'what was typed is kept');
    const future = await tess.post(`/board/actions/${actionId}/update`, { rag: 'complete', note: 'Audit done.', evidence: 'Report', ...dateFields('completedOn', day(3)), version: '1' });
    assert.match(future.body, /today or in the past/);
    assert.equal((await tess.post(`/board/actions/${actionId}/update`, { rag: 'red', note: 'Auditor off sick.', version: '1' })).statusCode, 303);
    assert.equal((await tess.post(`/board/actions/${actionId}/update`, { rag: 'green', note: 'Stale.', version: '1' })).statusCode, 409);
    const done = await tess.post(`/board/actions/${actionId}/update`, { rag: 'complete', note: 'Audit done.', evidence: 'Audit report to the board: 20 plans checked.', ...dateFields('completedOn', ukToday()), version: '2' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
    assert.equal((await tess.post(`/board/actions/${actionId}/update`, { rag: 'red', note: 'Reopen?', version: '3' })).statusCode, 409, 'complete is not reopened');
    const history = await t.db.selectFrom('board_action_updates').select('rag').where('action_id', '=', actionId).orderBy('created_at').execute();
    assert.deepEqual(history.map((h) => h.rag), ['amber', 'red', 'complete']);
    assert.match((await bea.get(`/board/actions/${actionId}`)).body, /20 plans checked/);
    assert.equal((await bea.post(`/board/actions/${actionId}/update`, { rag: 'green', note: 'x', version: '3' })).statusCode, 403);

    // Last year's demo plan has ended: it is read-only, and carrying it forward copies only what is still open.
    const old = await t.db.selectFrom('board_plans').select('id').where('ends_on', '<', ukToday()).executeTakeFirstOrThrow();
    const oldPriority = await t.db.selectFrom('board_priorities').select('id').where('plan_id', '=', old.id).executeTakeFirstOrThrow();
    const openOld = { ...action, what: 'Still open from last year', idempotencyKey: uuidv7() };
    assert.equal((await tess.post(`/board/priorities/${oldPriority.id}/actions/new`, openOld)).statusCode, 409, 'an ended plan cannot be changed');
    await t.db.insertInto('board_actions').values({ priority_id: oldPriority.id, what: 'Still open from last year', agency_id: action.agencyId, lead: 'Lead', due_on: day(-400), rag: 'amber' }).execute();
    assert.match((await bea.get(`/board/plans/${old.id}`)).body, /kept as it was/);
    const next = await tess.post('/board/plans/new', { title: 'Carried plan', ...dateFields('startsOn', day(1)), ...dateFields('endsOn', day(365)), copyFromId: old.id, idempotencyKey: uuidv7() });
    assert.equal(next.statusCode, 303);
    const carried = await t.db.selectFrom('board_actions as a').innerJoin('board_priorities as p', 'p.id', 'a.priority_id').select(['a.what', 'a.due_on', 'a.carried_from_id']).where('p.plan_id', '=', idOf(next.headers.location)).execute();
    assert.deepEqual(carried.map((c) => c.what), ['Still open from last year']);
    assert.equal(carried[0]!.due_on, day(1), 'an overdue action is due from the new plan’s start');
    assert.ok(carried[0]!.carried_from_id);
  });

  it('keeps sub-groups and their work plans linked to priorities', async () => {
    const bad = await tess.post('/board/subgroups/new', { name: '', chair: 'x', termsOfReference: '' });
    assert.equal(bad.statusCode, 400);
    const made = await tess.post('/board/subgroups/new', { name: 'Neglect Group', chair: 'Fenella Brook', termsOfReference: 'Leads the neglect strategy.', members: 'Fenella Brook, Early Help' });
    assert.equal(made.statusCode, 303);
    assert.match((await tess.post('/board/subgroups/new', { name: 'Neglect Group', chair: 'x', termsOfReference: 'y' })).body, /already a sub-group with this name/);
    const id = idOf(made.headers.location);
    const priority = await t.db.selectFrom('board_priorities as p').innerJoin('board_plans as l', 'l.id', 'p.plan_id').select('p.id').where('l.ends_on', '>=', ukToday()).executeTakeFirstOrThrow();
    assert.equal((await tess.post(`/board/subgroups/${id}/items/new`, { what: 'Write the neglect toolkit', owner: 'Fenella Brook', ...dateFields('dueOn', day(-2)), status: 'in_progress', priorityId: priority.id, idempotencyKey: uuidv7() })).statusCode, 303);
    const page = await bea.get(`/board/subgroups/${id}`);
    assert.match(page.body, /Write the neglect toolkit/);
    assert.match(page.body, /Overdue/);
    assert.match(page.body, /Priority \d/);
    const item = await t.db.selectFrom('board_work_items').select(['id', 'version']).where('subgroup_id', '=', id).executeTakeFirstOrThrow();
    assert.equal((await tess.post(`/board/work-items/${item.id}/edit`, { status: 'done', version: String(item.version) })).statusCode, 303);
    assert.equal((await tess.post(`/board/work-items/${item.id}/edit`, { status: 'in_progress', version: String(item.version) })).statusCode, 409);
  });

  it('adds a member, refuses a leaving date before joining and a stale change, and lists members past and present', async () => {
    const police = await agency('Brackenshire Police');
    const member = { name: 'Inspector Vera Holm', role: 'member', agencyId: police, ...dateFields('fromOn', day(-10)), userId: '', idempotencyKey: uuidv7() };
    const backwards = await tess.post('/board/members/new', { ...member, ...dateFields('toOn', day(-20)) });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /on or after the date they joined/);
    assert.equal((await tess.post('/board/members/new', { ...member, role: 'king' })).statusCode, 400);
    assert.equal((await tess.post('/board/members/new', member)).statusCode, 303);
    assert.equal((await tess.post('/board/members/new', member)).statusCode, 303);
    const rows = await t.db.selectFrom('board_members').select(['id', 'version']).where('name', '=', 'Inspector Vera Holm').execute();
    assert.equal(rows.length, 1, 'a double submit is one member');
    const leave = { ...member, ...dateFields('toOn', day(-1)), version: String(rows[0]!.version) };
    assert.equal((await tess.post(`/board/members/${rows[0]!.id}/edit`, leave)).statusCode, 303);
    assert.equal((await tess.post(`/board/members/${rows[0]!.id}/edit`, { ...leave, role: 'adviser' })).statusCode, 409);
    for (const client of [tess, bea]) {
      const list = await client.get('/board/members');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Inspector Vera Holm/);
      assert.match(list.body, /Current/);
    }
  });

  it('refuses practitioners every board page and form', async () => {
    const sam = await t.signedIn(SAM);
    for (const url of ['/board', '/board/plans', '/board/attendance', '/board/budget', '/board/members/new']) assert.equal((await sam.get(url)).statusCode, 403, url);
    assert.equal((await sam.post('/board/meetings/new', { kind: 'board' })).statusCode, 403);
    const home = await bea.get('/board');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Actions by priority and RAG status/);
  });
});
