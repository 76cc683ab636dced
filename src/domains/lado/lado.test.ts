import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { PAT, SAM } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

const LEE = 'lee.marsh@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

const concern = (adult: string, children: string[], key: string, overrides: Record<string, string> = {}) => ({
  action: 'save', adult, child: children, idempotencyKey: key,
  adultRole: 'Class teacher', employer: 'Brackenshire Primary', sector: 'education', referringAgency: 'education', referrerName: 'Head teacher',
  ...dateFields('receivedOn', ukToday()), category: 'physical', allegation: 'Grabbed a pupil by the arm in the corridor.', ...overrides,
});

describe('LADO', () => {
  let t: TestApp;
  let lee: TestClient;
  let adult: string;
  let child: string;
  before(async () => {
    t = await testApp({ children: 10 });
    lee = await t.signedIn(LEE);
    adult = await insertTestPerson(t.db, { givenName: 'Quillon', familyName: 'Ashgrove', dateOfBirth: '1984-05-02', personType: 'adult' });
    child = await insertTestPerson(t.db, { givenName: 'Wren', familyName: 'Ashgrove', dateOfBirth: '2016-01-09' });
  });
  after(() => t.close());

  async function recordCase(kids: string[] = [child]): Promise<string> {
    const saved = await lee.post('/lado/new', concern(adult, kids, uuidv7()));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    return String(saved.headers.location).split('/').pop()!;
  }
  const versionOf = async (id: string) => (await t.db.selectFrom('lado_cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  it('finds the adult and a child in the person index, keeps bad input with errors, and records one case per submission', async () => {
    const found = await lee.post('/lado/new', { action: 'search', searchName: 'Ashgrove' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Choose <span class="govuk-visually-hidden">Quillon Ashgrove <\/span>as the adult/);
    assert.match(found.body, /Add <span class="govuk-visually-hidden">Wren Ashgrove <\/span>as a child involved/);
    assert.equal((await lee.post('/lado/new', { action: `child:${adult}` })).statusCode, 400, 'an adult is not a child involved');
    const chosen = await lee.post('/lado/new', { action: `adult:${adult}`, child: [child] });
    assert.match(chosen.body, /name="adult" value="/);
    assert.equal((await lee.post('/lado/new', { action: 'continue', child: [child] })).statusCode, 400, 'the adult is required');
    assert.equal((await lee.post('/lado/new', { action: 'continue', adult, child: [child] })).statusCode, 200);

    const key = uuidv7();
    const bad = await lee.post('/lado/new', concern(adult, [child], key, { allegation: '', sector: '', 'receivedOn-day': '31', 'receivedOn-month': '2' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter what is alleged or what the concern is/);
    assert.match(bad.body, /Select the sector the adult works in/);
    assert.match(bad.body, /Brackenshire Primary/, 'what was typed is kept');
    const future = await lee.post('/lado/new', concern(adult, [child], key, { ...dateFields('receivedOn', addWorkingDays(ukToday(), 3)) }));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date received must be today or in the past/);

    const first = await lee.post('/lado/new', concern(adult, [child], key));
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    const again = await lee.post('/lado/new', concern(adult, [child], key));
    assert.equal(again.headers.location, first.headers.location, 'a double submit is one case');
    const id = String(first.headers.location).split('/').pop()!;
    const rows = await t.db.selectFrom('lado_cases').selectAll().where('id', '=', id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.consideration_due, addWorkingDays(ukToday(), 1));

    const chronology = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', child).where('record_id', '=', id).execute();
    assert.deepEqual(chronology, [{ summary: CHILD_CHRONOLOGY_SUMMARY, entry_type: 'lado.referred' }], 'one entry, without the allegation');
    assert.equal((await t.db.selectFrom('chronology').select('id').where('person_id', '=', adult).where('record_id', '=', id).execute()).length, 0);

    const page = await lee.get(`/lado/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Grabbed a pupil by the arm/);
    assert.match(page.body, /Due soon|On track/);
    const audit = await t.db.selectFrom('access_audit').select(['action', 'person_id']).where('user_id', '=', (await t.db.selectFrom('users').select('id').where('email', '=', LEE).executeTakeFirstOrThrow()).id).where('action', 'in', ['lado.work', 'lado.record']).execute();
    for (const person of [adult, child]) {
      assert.ok(audit.some((a) => a.person_id === person && a.action === 'lado.record'), 'the change is audited on each person');
      assert.ok(audit.some((a) => a.person_id === person && a.action === 'lado.work'), 'the read is audited on each person');
    }
  });

  it('starts with demo cases at every stage, with the overdue clock and two years of figures', async () => {
    const demo = await t.db.selectFrom('lado_cases').select(['employer', 'decision', 'closed_on']).execute();
    assert.ok(demo.some((c) => c.employer === 'Fernbank Youth Club' && !c.decision), 'an initial consideration overdue');
    assert.ok(demo.some((c) => c.decision === 'meeting' && !c.closed_on), 'an allegation in meetings');
    const list = await lee.get('/lado');
    assert.match(list.body, /Overdue/);
    assert.match(list.body, /Fernbank Youth Club/);
    const figures = await lee.get('/lado/figures');
    assert.equal((figures.body.match(/\d{4}\/\d{2}<\/th>/g) ?? []).length >= 2, true, 'this year and last');
  });

  it('lists the LADO service’s due work in the LADO’s inbox, and nobody else’s', async () => {
    const work = await lee.get('/work');
    assert.equal(work.statusCode, 200);
    assert.match(work.body, /Initial consideration overdue/);
    assert.match(work.body, /Meeting action overdue/);
    assert.doesNotMatch(work.body, /Fernbank|Quillon/, 'no names or employers in the inbox');
    assert.doesNotMatch((await (await t.signedIn(SAM)).get('/work')).body, /LADO case received/);
  });

  it('adds a new adult to the person index from the form', async () => {
    const key = uuidv7();
    const missing = await lee.post('/lado/new', { action: 'create-person', newPersonKey: key, newRole: 'adult', newGivenName: 'Orrin', newFamilyName: '' });
    assert.equal(missing.statusCode, 400);
    const made = await lee.post('/lado/new', { action: 'create-person', newPersonKey: key, newRole: 'adult', newGivenName: 'Orrin', newFamilyName: 'Thistlebrook', ...dateFields('newDateOfBirth', '1979-03-04'), newSex: 'M' });
    assert.equal(made.statusCode, 200, made.body.slice(0, 1500));
    assert.match(made.body, /Orrin Thistlebrook/);
    const person = await t.db.selectFrom('people').select(['id', 'person_type']).where('family_name', '=', 'Thistlebrook').executeTakeFirstOrThrow();
    assert.equal(person.person_type, 'adult');
    assert.match(made.body, new RegExp(`name="adult" value="${person.id}"`));
  });

  it('refuses a social worker and a partner practitioner everywhere, and shows the LADO the navigation item', async () => {
    const id = await recordCase();
    for (const email of [SAM, PAT]) {
      const other = await t.signedIn(email);
      for (const url of ['/lado', '/lado/figures', '/lado/new', `/lado/${id}`, `/lado/${id}/decision`]) assert.equal((await other.get(url)).statusCode, 403, `${email} ${url}`);
      assert.equal((await other.post(`/lado/${id}/decision`, { decision: 'advice_only', ...dateFields('decidedOn', ukToday()), reasons: 'x', version: '1' })).statusCode, 403);
      assert.doesNotMatch((await other.get('/people')).body, /href="\/lado"/);
    }
    assert.match((await lee.get('/lado')).body, /href="\/lado"/);
    assert.equal((await lee.get(`/lado/${uuidv7()}`)).statusCode, 404);
  });

  it('takes an allegation through the decision, meetings with actions, and closure, refusing stale versions', async () => {
    const id = await recordCase();
    const decision = { decision: 'meeting', ...dateFields('decidedOn', ukToday()), reasons: 'Physical harm to a pupil alleged.', version: String(await versionOf(id)) };
    const empty = await lee.post(`/lado/${id}/decision`, { ...decision, reasons: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the reasons for the decision/);
    assert.equal((await lee.post(`/lado/${id}/decision`, decision)).statusCode, 303);
    const stale = await lee.post(`/lado/${id}/decision`, decision);
    assert.equal(stale.statusCode, 409, 'a second decision is refused');

    const agencies = { ...dateFields('policeInformedOn', ukToday()), regulator: '', ...dateFields('regulatorInformedOn', ukToday()), version: String(await versionOf(id)) };
    const noRegulator = await lee.post(`/lado/${id}/agencies`, agencies);
    assert.equal(noRegulator.statusCode, 400);
    assert.match(noRegulator.body, /Select which regulator/);
    assert.equal((await lee.post(`/lado/${id}/agencies`, { ...agencies, regulator: 'tra' })).statusCode, 303);
    const conflict = await lee.post(`/lado/${id}/agencies`, { ...agencies, regulator: 'tra' });
    assert.equal(conflict.statusCode, 409, 'a stale version is a conflict');
    assert.match(conflict.body, /changed by someone else/);

    const meeting = {
      ...dateFields('heldOn', ukToday()), attendeeName0: 'Lee Marsh', attendeeAgency0: 'LADO', attendeeName1: 'DC Harrow', attendeeAgency1: '',
      summary: 'Police will not investigate; employer to hold a disciplinary investigation.', actionWhat0: 'Disciplinary investigation', actionOwner0: 'Head teacher', ...dateFields('actionDue0', addWorkingDays(ukToday(), 10)),
      idempotencyKey: uuidv7(),
    };
    const half = await lee.post(`/lado/${id}/meetings/new`, meeting);
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /Enter the attendee’s agency/);
    assert.match(half.body, /Disciplinary investigation/);
    const ok = { ...meeting, attendeeAgency1: 'Police' };
    assert.equal((await lee.post(`/lado/${id}/meetings/new`, ok)).statusCode, 303);
    assert.equal((await lee.post(`/lado/${id}/meetings/new`, ok)).statusCode, 303);
    assert.equal((await t.db.selectFrom('lado_meetings').select('id').where('case_id', '=', id).execute()).length, 1, 'a double submit is one meeting');
    const action = await t.db.selectFrom('lado_actions').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();

    const close = { outcome: 'substantiated', sanctions: ['disciplinary_warning', 'training'], ...dateFields('closedOn', ukToday()), notes: '', version: String(await versionOf(id)) };
    const openAction = await lee.post(`/lado/${id}/close`, close);
    assert.equal(openAction.statusCode, 400);
    assert.match(openAction.body, /1 meeting action is still open/);
    assert.equal((await lee.get(`/lado/${id}/actions/${action.id}/done`)).statusCode, 200);
    const noDate = await lee.post(`/lado/${id}/actions/${action.id}/done`, { actionVersion: String(action.version) });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the date the action was done/);
    const done = { ...dateFields('doneOn', ukToday()), actionVersion: String(action.version) };
    assert.equal((await lee.post(`/lado/${id}/actions/${action.id}/done`, done)).statusCode, 303);
    assert.equal((await lee.post(`/lado/${id}/actions/${action.id}/done`, done)).statusCode, 409);
    const noOutcome = await lee.post(`/lado/${id}/close`, { ...close, outcome: '' });
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /Select the outcome of the allegation/);
    assert.equal((await lee.post(`/lado/${id}/close`, close)).statusCode, 303);
    const page = await lee.get(`/lado/${id}`);
    assert.match(page.body, /Closed on/);
    assert.match(page.body, /Allegation management meeting 1/);
    assert.match(page.body, /Teaching Regulation Agency/);
    assert.equal((await lee.post(`/lado/${id}/meetings/new`, { ...ok, idempotencyKey: uuidv7() })).statusCode, 409, 'no meetings after closure');
    assert.equal((await t.db.selectFrom('lado_meeting_attendees').select('name').execute()).length >= 2, true, 'nothing is deleted on closure');

    const list = await lee.get('/lado?status=closed&category=physical');
    assert.match(list.body, new RegExp(`/lado/${id}`));
    assert.doesNotMatch((await lee.get('/lado?status=open')).body, new RegExp(`/lado/${id}"`));
    const figures = await lee.get('/lado/figures');
    assert.equal(figures.statusCode, 200);
    assert.match(figures.body, /Referrals by referring agency/);
    assert.match(figures.body, /Substantiated/);
  });

  it('corrects the concern’s details at the version read, moving the clock with the date received', async () => {
    const id = await recordCase();
    const form = { adultRole: 'Supply teacher', employer: 'Brackenshire Primary', sector: 'education', referringAgency: 'education', referrerName: 'Head teacher', category: 'emotional', allegation: 'Shouted at a pupil.', ...dateFields('receivedOn', addCalendarDays(ukToday(), -5)), version: String(await versionOf(id)) };
    assert.equal((await lee.get(`/lado/${id}/edit`)).statusCode, 200);
    const empty = await lee.post(`/lado/${id}/edit`, { ...form, employer: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Supply teacher/);
    assert.equal((await lee.post(`/lado/${id}/edit`, form)).statusCode, 303);
    const row = await t.db.selectFrom('lado_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.adult_role, 'Supply teacher');
    assert.equal(row.consideration_due, addWorkingDays(addCalendarDays(ukToday(), -5), 1));
    const stale = await lee.post(`/lado/${id}/edit`, { ...form, allegation: 'Something else' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Something else/, 'what was typed is shown back');
    assert.match((await lee.get(`/lado/${id}`)).body, /Overdue/);
  });

  it('closes an advice-only concern without an outcome', async () => {
    const id = await recordCase([]);
    assert.equal((await lee.post(`/lado/${id}/meetings/new`, { ...dateFields('heldOn', ukToday()), idempotencyKey: uuidv7(), attendeeName0: 'A', attendeeAgency0: 'B', summary: 'x' })).statusCode, 409);
    assert.equal((await lee.post(`/lado/${id}/decision`, { decision: 'advice_only', ...dateFields('decidedOn', ukToday()), reasons: 'Advice to the employer on conduct.', version: '1' })).statusCode, 303);
    const withOutcome = await lee.post(`/lado/${id}/close`, { outcome: 'unfounded', ...dateFields('closedOn', ukToday()), version: '2' });
    assert.equal(withOutcome.statusCode, 400);
    assert.match(withOutcome.body, /An advice-only concern has no outcome/);
    assert.equal((await lee.post(`/lado/${id}/close`, { ...dateFields('closedOn', ukToday()), version: '2' })).statusCode, 303);
    const row = await t.db.selectFrom('lado_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.closed_on, ukToday());
    assert.equal(row.outcome, null);
  });
});
