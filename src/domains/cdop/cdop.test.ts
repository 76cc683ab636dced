import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { PAT, SAM } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson, userId } from '../people/fixtures.test-support.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

const RUTH = 'ruth.amesbury@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const daysAgo = (n: number) => addCalendarDays(ukToday(), -n);

const notification = (child: string, key: string, overrides: Record<string, string> = {}) => ({
  action: 'save', child, idempotencyKey: key, ...dateFields('diedOn', daysAgo(10)), timeOfDeath: '6.15am', place: 'home', placeDetail: '', expectation: 'unexpected', rapidResponse: 'held',
  ...dateFields('rapidResponseOn', daysAgo(9)), circumstances: 'Found unresponsive in the morning.', notifyingAgency: 'ambulance', notifierName: 'Paramedic crew lead', ...dateFields('notifiedOn', daysAgo(9)), ...overrides,
});

describe('child death reviews', () => {
  let t: TestApp;
  let ruth: TestClient;
  let child: string;
  before(async () => {
    t = await testApp({ children: 10 });
    ruth = await t.signedIn(RUTH);
    child = await insertTestPerson(t.db, { givenName: 'Perrin', familyName: 'Lowestoft', dateOfBirth: addCalendarDays(ukToday(), -200) });
  });
  after(() => t.close());

  async function notify(kid?: string): Promise<string> {
    const id = kid ?? (await insertTestPerson(t.db, { givenName: 'Tamsin', familyName: 'Cardew', dateOfBirth: '2021-06-01' }));
    const saved = await ruth.post('/cdop/new', notification(id, uuidv7()));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    return String(saved.headers.location).split('/').pop()!;
  }
  const versionOf = async (id: string) => String((await t.db.selectFrom('cdop_cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

  it('finds the child, keeps bad input with errors, and records one case per submission with the involvement and chronology', async () => {
    const found = await ruth.post('/cdop/new', { action: 'search', searchName: 'Lowestoft' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Choose <span class="govuk-visually-hidden">Perrin Lowestoft <\/span>as the child who died/);
    assert.equal((await ruth.post('/cdop/new', { action: 'continue' })).statusCode, 400, 'the child is required');
    assert.equal((await ruth.post('/cdop/new', { action: 'continue', child })).statusCode, 200);

    const key = uuidv7();
    const bad = await ruth.post('/cdop/new', notification(child, key, { circumstances: '', place: '', timeOfDeath: '25:99', 'diedOn-day': '31', 'diedOn-month': '2' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter what is known of the circumstances of the death/);
    assert.match(bad.body, /Select where the child died/);
    assert.match(bad.body, /Enter the time of death as a real time/);
    assert.match(bad.body, /The date of death must be a real date/);
    assert.match(bad.body, /Paramedic crew lead/, 'what was typed is kept');
    const noRapid = await ruth.post('/cdop/new', notification(child, key, { rapidResponse: '' }));
    assert.equal(noRapid.statusCode, 400);
    assert.match(noRapid.body, /Select whether a joint agency response was held/);
    const future = await ruth.post('/cdop/new', notification(child, key, dateFields('diedOn', addCalendarDays(ukToday(), 2))));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date of death must be today or in the past/);
    const beforeBirth = await ruth.post('/cdop/new', notification(child, key, dateFields('diedOn', addCalendarDays(ukToday(), -300))));
    assert.match(beforeBirth.body, /cannot be before the child’s date of birth/);

    const first = await ruth.post('/cdop/new', notification(child, key));
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    const again = await ruth.post('/cdop/new', notification(child, key));
    assert.equal(again.headers.location, first.headers.location, 'a double submit is one case');
    const id = String(first.headers.location).split('/').pop()!;
    const row = await t.db.selectFrom('cdop_cases').selectAll().where('child_id', '=', child).executeTakeFirstOrThrow();
    assert.equal(row.id, id);
    assert.equal(row.time_of_death, '06:15');
    const person = await t.db.selectFrom('people').select('date_of_death').where('id', '=', child).executeTakeFirstOrThrow();
    assert.equal(person.date_of_death, row.died_on, 'the person index records the death');
    const second = await ruth.post('/cdop/new', notification(child, uuidv7()));
    assert.equal(second.statusCode, 400);
    assert.match(second.body, /A death has already been notified for this child/);

    const chronology = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', child).where('record_id', '=', id).execute();
    assert.deepEqual(chronology, [{ summary: CHILD_CHRONOLOGY_SUMMARY, entry_type: 'cdop.notified' }], 'one neutral entry');
    const involvement = await t.db.selectFrom('involvements').select(['basis', 'end_date']).where('person_id', '=', child).where('source_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(involvement, { basis: 'cdop', end_date: null });
    const page = await ruth.get(`/cdop/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Found unresponsive in the morning/);
    assert.match(page.body, /open the child’s record/);
    assert.equal((await ruth.get(`/people/${child}`)).statusCode, 200, 'the manager may open the child’s record');
    const audit = await t.db.selectFrom('access_audit').select('action').where('user_id', '=', await userId(t.db, RUTH)).where('person_id', '=', child).execute();
    assert.ok(audit.some((a) => a.action === 'cdop.notify') && audit.some((a) => a.action === 'cdop.work'), 'the change and the read are audited');
    // Social care sees the neutral chronology entry.
    const sam = await t.signedIn(SAM);
    assert.match((await sam.get(`/people/${child}/chronology`)).body, /Death notified to the Child Death Overview Panel/);
    assert.match((await sam.get(`/people/${child}`)).body, / died on /, 'the child’s record says the child died');
  });

  it('adds the child who died to the person index from the form', async () => {
    const key = uuidv7();
    const missing = await ruth.post('/cdop/new', { action: 'create-person', newPersonKey: key, newRole: 'child', newGivenName: 'Oriel', newFamilyName: '' });
    assert.equal(missing.statusCode, 400);
    const made = await ruth.post('/cdop/new', { action: 'create-person', newPersonKey: key, newRole: 'child', newGivenName: 'Oriel', newFamilyName: 'Windermere', ...dateFields('newDateOfBirth', daysAgo(40)), newSex: 'F' });
    assert.equal(made.statusCode, 200, made.body.slice(0, 1500));
    const person = await t.db.selectFrom('people').select(['id', 'person_type']).where('family_name', '=', 'Windermere').executeTakeFirstOrThrow();
    assert.equal(person.person_type, 'child');
    assert.match(made.body, new RegExp(`name="child" value="${person.id}"`));
    assert.equal((await ruth.post('/cdop/new', { action: 'continue', child: person.id })).statusCode, 200);
  });

  it('refuses a social worker and a partner practitioner on every route, and keeps the manager from unrelated children', async () => {
    const id = await notify();
    const request = await t.db.insertInto('cdop_requests').values({ case_id: id, agency: 'gp', requested_on: ukToday(), due_on: ukToday() }).returning('id').executeTakeFirstOrThrow();
    const paths = ['/cdop', '/cdop/figures', '/cdop/new', `/cdop/${id}`, `/cdop/${id}/edit`, `/cdop/${id}/requests/new`, `/cdop/${id}/review`, `/cdop/${id}/requests/${request.id}/return`];
    for (const email of [SAM, PAT]) {
      const other = await t.signedIn(email);
      for (const path of paths) {
        assert.equal((await other.get(path)).statusCode, 403, `GET ${email} ${path}`);
        if (path !== '/cdop' && path !== '/cdop/figures' && path !== `/cdop/${id}`) assert.equal((await other.post(path, { version: '1' })).statusCode, 403, `POST ${email} ${path}`);
      }
      assert.doesNotMatch((await other.get('/people')).body, /href="\/cdop"/);
    }
    assert.match((await ruth.get('/cdop')).body, /href="\/cdop"/);
    assert.equal((await ruth.get(`/cdop/${uuidv7()}`)).statusCode, 404);
    const unrelated = await insertTestPerson(t.db, { givenName: 'Ottilie', familyName: 'Brackwater', dateOfBirth: '2019-02-02' });
    assert.equal((await ruth.get(`/people/${unrelated}`)).statusCode, 403, 'no involvement, no record');
  });

  it('gathers information, refuses the review until every reply is in, refuses stale versions, and completes the review', async () => {
    const id = await notify();
    const early = await ruth.post(`/cdop/${id}/review`, { ...dateFields('reviewedOn', ukToday()), category: 'sudden', modifiable: 'no', learning: 'x', ncmdNotified: 'yes', version: await versionOf(id) });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /No information has been requested from agencies yet/);

    assert.match((await ruth.get(`/cdop/${id}/requests/new`)).body, /usually given 20 working days/);
    const ask = { agency: 'police', contact: 'Child death investigation team', ...dateFields('requestedOn', ukToday()), ...dateFields('dueOn', addWorkingDays(ukToday(), 20)), idempotencyKey: uuidv7() };
    const noAgency = await ruth.post(`/cdop/${id}/requests/new`, { ...ask, agency: '' });
    assert.equal(noAgency.statusCode, 400);
    assert.match(noAgency.body, /Select the agency asked/);
    assert.match(noAgency.body, /Child death investigation team/);
    const dueFirst = await ruth.post(`/cdop/${id}/requests/new`, { ...ask, ...dateFields('dueOn', daysAgo(1)) });
    assert.match(dueFirst.body, /The date due cannot be before the date requested/);
    assert.equal((await ruth.post(`/cdop/${id}/requests/new`, ask)).statusCode, 303);
    assert.equal((await ruth.post(`/cdop/${id}/requests/new`, ask)).statusCode, 303);
    assert.equal((await ruth.post(`/cdop/${id}/requests/new`, { ...ask, agency: 'gp', idempotencyKey: uuidv7() })).statusCode, 303);
    const requests = await t.db.selectFrom('cdop_requests').selectAll().where('case_id', '=', id).orderBy('created_at').execute();
    assert.equal(requests.length, 2, 'a double submit is one request');
    const [police, gp] = requests as [(typeof requests)[0], (typeof requests)[0]];

    const waiting = await ruth.post(`/cdop/${id}/review`, { ...dateFields('reviewedOn', ukToday()), category: 'sudden', modifiable: 'no', learning: 'x', ncmdNotified: 'yes', version: await versionOf(id) });
    assert.equal(waiting.statusCode, 409);
    assert.match(waiting.body, /2 agencies have not replied yet/);

    const reply = { ...dateFields('returnedOn', ukToday()), summary: 'Attended the home; no concerns known before the death.', requestVersion: String(police.version) };
    assert.equal((await ruth.get(`/cdop/${id}/requests/${police.id}/return`)).statusCode, 200);
    const empty = await ruth.post(`/cdop/${id}/requests/${police.id}/return`, { ...reply, summary: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a summary of what the agency holds, or say it holds no information/);
    assert.equal((await ruth.post(`/cdop/${id}/requests/${police.id}/return`, reply)).statusCode, 303);
    const stale = await ruth.post(`/cdop/${id}/requests/${police.id}/return`, reply);
    assert.equal(stale.statusCode, 409, 'a reply already recorded');
    assert.equal((await ruth.post(`/cdop/${id}/requests/${gp.id}/return`, { ...dateFields('returnedOn', ukToday()), notHeld: 'yes', requestVersion: '1' })).statusCode, 303);
    assert.equal((await t.db.selectFrom('cdop_requests').select('not_held').where('id', '=', gp.id).executeTakeFirstOrThrow()).not_held, true);

    const edit = { ...notification('', '', { circumstances: 'Found unresponsive; the post-mortem is awaited.' }), version: await versionOf(id) };
    assert.equal((await ruth.get(`/cdop/${id}/edit`)).statusCode, 200);
    assert.equal((await ruth.post(`/cdop/${id}/edit`, edit)).statusCode, 303);
    const conflict = await ruth.post(`/cdop/${id}/edit`, { ...edit, circumstances: 'Something typed later' });
    assert.equal(conflict.statusCode, 409, 'a stale version is a conflict');
    assert.match(conflict.body, /changed by someone else/);
    assert.match(conflict.body, /Something typed later/, 'what was typed is shown back');

    const review = { ...dateFields('reviewedOn', ukToday()), category: 'sudden', modifiable: 'yes', factorDomains: [], modifiableFactors: '', learning: 'Safer sleep advice at every contact.', ncmdNotified: 'yes', version: await versionOf(id) };
    const noDomains = await ruth.post(`/cdop/${id}/review`, review);
    assert.equal(noDomains.statusCode, 400);
    assert.match(noDomains.body, /Select the domains in which the modifiable factors lie/);
    assert.equal((await ruth.post(`/cdop/${id}/review`, { ...review, factorDomains: ['parenting', 'services'], modifiableFactors: 'Unsafe sleeping arrangement.' })).statusCode, 303);
    const row = await t.db.selectFrom('cdop_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.reviewed_on, ukToday());
    assert.deepEqual(row.factor_domains, ['parenting', 'services']);
    assert.equal(row.ncmd_notified, true);
    assert.equal((await t.db.selectFrom('involvements').select('end_date').where('source_id', '=', id).executeTakeFirstOrThrow()).end_date, ukToday());
    assert.equal((await t.db.selectFrom('cdop_requests').select('id').where('case_id', '=', id).execute()).length, 2, 'nothing is deleted');
    assert.equal((await ruth.post(`/cdop/${id}/requests/new`, { ...ask, idempotencyKey: uuidv7() })).statusCode, 409, 'no more requests after the review');
    const page = await ruth.get(`/cdop/${id}`);
    assert.match(page.body, /Reviewed by the panel on/);
    assert.match(page.body, /Sudden unexpected, unexplained death/);
    assert.match((await ruth.get('/cdop?status=reviewed')).body, new RegExp(`/cdop/${id}"`));
    assert.doesNotMatch((await ruth.get('/cdop?status=open')).body, new RegExp(`/cdop/${id}"`));
  });

  it('starts with demo cases at every stage, lists due work in the manager’s inbox, and shows the figures', async () => {
    const demo = await t.db.selectFrom('cdop_cases').select(['reviewed_on', 'modifiable']).execute();
    assert.ok(demo.filter((c) => c.reviewed_on).length >= 3 && demo.some((c) => !c.reviewed_on));
    const list = await ruth.get('/cdop?status=all');
    assert.match(list.body, /Elowen Tregarthen/);
    assert.match(list.body, /overdue/);
    const work = await ruth.get('/work');
    assert.equal(work.statusCode, 200);
    assert.match(work.body, /Agency reply overdue: GP/);
    assert.match(work.body, /Ready for panel review/);
    assert.doesNotMatch(work.body, /Tregarthen|Halloran/, 'no names in the inbox');
    assert.doesNotMatch((await (await t.signedIn(SAM)).get('/work')).body, /Child death notified/);
    const figures = await ruth.get('/cdop/figures');
    assert.equal(figures.statusCode, 200);
    assert.ok((figures.body.match(/\d{4}\/\d{2}<\/th>/g) ?? []).length >= 2, 'this year and last');
    assert.match(figures.body, /Deaths notified by age at death/);
    assert.match(figures.body, /Reviews completed by category of death/);
    assert.match(figures.body, /Median days from death to review/);
    assert.equal((await ruth.get('/cdop?year=not-a-year')).statusCode, 200, 'an unknown filter falls back');
  });
});
