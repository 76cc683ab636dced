import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { seedChildProtectionDemo } from '../child-protection/demo.ts';
import { seedChildsVoiceDemo } from './demo.ts';

const SAM = 'sam.rowe@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('the child’s views', () => {
  let t: TestApp;
  let sam: TestClient;
  let child: string;
  before(async () => {
    t = await testApp({ children: 10 });
    sam = await t.signedIn(SAM);
    child = await insertTestPerson(t.db, { givenName: 'Marigold', familyName: 'Thistlewood', dateOfBirth: '2016-02-11' });
    const csc = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'social_care').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('involvements').values({ person_id: child, agency_id: csc, basis: 'consent', detail: 'test' }).execute();
  });
  after(() => t.close());

  const views = (overrides: Record<string, string> = {}) => ({
    idempotencyKey: uuidv7(), inTheirWords: 'I like it at my nan’s. I don’t like the shouting.', capturedHow: 'alone', capturedOther: '',
    feelHome: '2', feelSchool: '4', feelPlan: '', wants: 'To stay at my school.', ...dateFields('recordedOn', addCalendarDays(ukToday(), -1)), ...overrides,
  });

  it('keeps bad input with errors and refuses a date in the future or before birth', async () => {
    const bad = await sam.post(`/people/${child}/views/new`, views({ inTheirWords: ' ', capturedHow: 'other', feelHome: '9', wants: 'Keep this' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter what the child said, in their own words/);
    assert.match(bad.body, /Say how the child’s views were heard/);
    assert.match(bad.body, /Choose a face from the ones shown/);
    assert.match(bad.body, /Keep this/);
    const future = await sam.post(`/people/${child}/views/new`, views(dateFields('recordedOn', addCalendarDays(ukToday(), 2))));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /today or in the past/);
    const unborn = await sam.post(`/people/${child}/views/new`, views(dateFields('recordedOn', '2015-01-01')));
    assert.match(unborn.body, /on or after the child’s date of birth/);
    assert.equal((await sam.post(`/people/${child}/views/new`, views({ 'recordedOn-day': '31', 'recordedOn-month': '2' }))).statusCode, 400);
  });

  it('records the views once per submission, shows the latest first, and writes a chronology entry that names nobody', async () => {
    const form = views();
    assert.equal((await sam.post(`/people/${child}/views/new`, form)).statusCode, 303);
    assert.equal((await sam.post(`/people/${child}/views/new`, form)).statusCode, 303);
    assert.equal((await t.db.selectFrom('child_views').select('id').where('person_id', '=', child).execute()).length, 1, 'the same form twice records once');
    assert.equal((await sam.post(`/people/${child}/views/new`, views({ inTheirWords: 'Things are better now.', capturedHow: 'other', capturedOther: 'On a walk', ...dateFields('recordedOn', ukToday()) }))).statusCode, 303);
    const page = await sam.get(`/people/${child}/views`);
    assert.equal(page.statusCode, 200);
    const latest = page.body.indexOf('Things are better now.');
    assert.ok(latest > 0 && latest < page.body.indexOf('I like it at my nan'), 'the latest views come first');
    assert.match(page.body, /The child’s views, in their words, on/);
    assert.match(page.body, /Earlier views/);
    const entries = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', child).where('entry_type', '=', 'child.views_recorded').execute();
    assert.deepEqual(entries.map((e) => e.summary).sort(), ['The child’s views recorded (another way)', 'The child’s views recorded (spoken to alone)']);
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', child).where('action', 'in', ['voice.record', 'person.view']).execute();
    assert.ok(audit.some((a) => a.action === 'voice.record') && audit.some((a) => a.action === 'person.view'), 'recording and reading are audited');
    assert.match((await sam.get(`/people/${child}`)).body, /href="\/people\/[0-9a-f-]+\/views">The child’s views/);
  });

  it('refuses a partner practitioner whose agency is not involved', async () => {
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/people/${child}/views`)).statusCode, 403);
    assert.equal((await pat.get(`/people/${child}/views/new`)).statusCode, 403);
    assert.equal((await pat.post(`/people/${child}/views/new`, views())).statusCode, 403);
    const denied = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', child).where('outcome', '=', 'denied').execute();
    assert.ok(denied.length >= 3, 'each refusal is audited');
    assert.equal((await sam.get(`/people/${uuidv7()}/views`)).statusCode, 404);
  });

  it('shows the latest views on the child protection plan and conference, and the early help case', async () => {
    // Children on plans, as the demo has them, and the demo's views recorded on most of them.
    const children: string[] = [];
    for (let i = 0; i < 12; i += 1) children.push(await insertTestPerson(t.db, { givenName: `Voice${i}`, familyName: 'Cpseed', dateOfBirth: `201${i % 8}-05-0${1 + (i % 9)}` }));
    const org = {
      agencyIds: Object.fromEntries((await t.db.selectFrom('agencies').select(['id', 'kind']).execute()).map((a) => [{ social_care: 'csc', early_help: 'eh' }[a.kind as string] ?? a.kind, a.id])),
      teamIds: Object.fromEntries((await t.db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.name, r.id])),
      userIds: Object.fromEntries((await t.db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id])),
    };
    await seedChildProtectionDemo(t.db, org, ukToday(), children);
    await t.db.deleteFrom('child_views').where('person_id', '!=', child).execute();
    await seedChildsVoiceDemo(t.db, org, ukToday());
    const onPlans = await t.db.selectFrom('cp_plans').select('person_id').where('end_date', 'is', null).where('person_id', 'in', children).execute();
    const heard = await t.db.selectFrom('child_views').select('person_id').distinct().where('person_id', 'in', children).execute();
    assert.ok(heard.length >= 3 && heard.length < onPlans.length, `the demo hears most children on plans, not all (${heard.length} of ${onPlans.length})`);
    const plan = await t.db.selectFrom('cp_plans').select(['id', 'person_id']).where('end_date', 'is', null).where('person_id', 'in', children).where('person_id', 'not in', heard.map((h) => h.person_id)).executeTakeFirstOrThrow();
    const before = await sam.get(`/child-protection/plans/${plan.id}`);
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /The child’s views have not been recorded yet/);
    assert.equal((await sam.post(`/people/${plan.person_id}/views/new`, views({ inTheirWords: 'I want my own room.', ...dateFields('recordedOn', ukToday()) }))).statusCode, 303);
    const after = await sam.get(`/child-protection/plans/${plan.id}`);
    assert.match(after.body, /The child’s views, in their words, on/);
    assert.match(after.body, /I want my own room\./);
    const conference = await t.db.selectFrom('cp_conferences').select('id').where('person_id', '=', plan.person_id).executeTakeFirst();
    if (conference) assert.match((await sam.get(`/child-protection/conferences/${conference.id}`)).body, /I want my own room\./);
    const earlyHelp = await t.db.selectFrom('early_help_cases').innerJoin('people', 'people.id', 'early_help_cases.person_id').select(['early_help_cases.id', 'early_help_cases.person_id'])
      .where('early_help_cases.status', '=', 'open').where('people.person_type', '=', 'child').orderBy('early_help_cases.id').executeTakeFirstOrThrow();
    const kit = await t.signedIn('kit.ellery@cairn.example');
    assert.equal((await kit.post(`/people/${earlyHelp.person_id}/views/new`, views({ inTheirWords: 'I like the after-school club.', capturedHow: 'drawing', ...dateFields('recordedOn', ukToday()) }))).statusCode, 303);
    const casePage = await kit.get(`/early-help/cases/${earlyHelp.id}`);
    assert.equal(casePage.statusCode, 200);
    assert.match(casePage.body, /I like the after-school club\./);
    assert.match(casePage.body, /The child’s views, in their words, on/);
  });
});
