import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addMonths, addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, childSharedWith, MORGAN, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { privateFosteringWork } from './inbox.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (location: unknown) => String(location).split('/').pop()!;

/** A complete notification form, as if typed in. */
const notification = (overrides: Record<string, string> = {}) => ({
  notifiedBy: 'school', notifierDetail: 'Designated safeguarding lead', ...dateFields('notifiedOn', ukToday()), ...dateFields('startDate', addCalendarDays(ukToday(), -3)),
  carerPersonId: '', carerName: 'Jude Marlow', carerRelationship: 'family_friend', secondCarerName: '', secondCarerRelationship: '',
  parentsDetails: 'Mother working abroad until the summer; father not involved.', reason: 'Mother’s work contract overseas', expectedDuration: 'Six months',
  idempotencyKey: uuidv7(), ...overrides,
});

describe('private fostering', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  it('records a notification once, refusing close relatives and children too old, keeping what was typed', async () => {
    const child = await childSharedWith(t.db, ['education'], { dateOfBirth: addMonths(ukToday(), -(12 * 12)) });
    const sam = await t.signedIn(SAM);
    assert.equal((await sam.get(`/people/${child}/private-fostering/new`)).statusCode, 200);

    const missing = await sam.post(`/people/${child}/private-fostering/new`, notification({ parentsDetails: '', carerName: '' }));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter who the parents are and where they are/);
    assert.match(missing.body, /Choose the carer from the people linked to the child, or enter their name/);
    assert.match(missing.body, /Mother’s work contract overseas/, 'what was typed is kept');

    const granny = await sam.post(`/people/${child}/private-fostering/new`, notification({ carerRelationship: 'grandparent' }));
    assert.equal(granny.statusCode, 400);
    assert.match(granny.body, /Grandparent is a close relative: a child living with a close relative is not privately fostered/);

    const form = notification();
    const made = await sam.post(`/people/${child}/private-fostering/new`, form);
    assert.equal(made.statusCode, 303, made.body.slice(0, 1500));
    assert.equal((await sam.post(`/people/${child}/private-fostering/new`, form)).headers.location, made.headers.location, 'a double submit is one record');
    const rows = await t.db.selectFrom('private_fostering_arrangements').selectAll().where('person_id', '=', child).execute();
    assert.equal(rows.length, 1);
    const carers = await t.db.selectFrom('private_fostering_carers').selectAll().where('arrangement_id', '=', rows[0]!.id).execute();
    assert.deepEqual(carers.map((c) => c.name), ['Jude Marlow']);
    const chronology = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', child).where('entry_type', '=', 'private_fostering.notified').execute();
    assert.equal(chronology.length, 1);
    assert.match(chronology[0]!.summary, /after it started/);

    const page = await sam.get(String(made.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /notified after it began/);
    assert.match(page.body, /Jude Marlow/);
    const record = await sam.get(`/people/${child}/social-care`);
    assert.match(record.body, /Privately fostered since/);
    assert.match(record.body, /First private fostering visit/);

    const older = await childSharedWith(t.db, [], { dateOfBirth: addMonths(ukToday(), -(16 * 12 + 1)) });
    const tooOld = await sam.post(`/people/${older}/private-fostering/new`, notification());
    assert.equal(tooOld.statusCode, 400);
    assert.match(tooOld.body, /private fostering is for children under 16 \(under 18 if disabled/);
    await t.db.updateTable('people').set({ disabilities: ['NONE'] }).where('id', '=', older).execute();
    assert.equal((await sam.post(`/people/${older}/private-fostering/new`, notification())).statusCode, 400, '“no disability” recorded is not disabled');
    await t.db.updateTable('people').set({ disabilities: ['LD'] }).where('id', '=', older).execute();
    assert.equal((await sam.post(`/people/${older}/private-fostering/new`, notification())).statusCode, 303, 'a disabled 16-year-old can be');
  });

  it('chooses the carer from adults linked to the child, and the child from the person index', async () => {
    const child = await insertTestPerson(t.db, { givenName: 'Ottilie', familyName: 'Brackwater', dateOfBirth: addMonths(ukToday(), -(9 * 12)) });
    const adult = await insertTestPerson(t.db, { givenName: 'Fenella', familyName: 'Corrigan', personType: 'adult', dateOfBirth: '1980-01-01' });
    await t.db.insertInto('relationships').values({ person_id: child, related_person_id: adult, kind: 'other' }).execute();
    const sam = await t.signedIn(SAM);
    const search = await sam.post('/private-fostering/new', { name: 'Ottilie Brackwater' });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, new RegExp(`/people/${child}/private-fostering/new`));
    assert.equal((await sam.post('/private-fostering/new', { name: '' })).statusCode, 400);
    const form = await sam.get(`/people/${child}/private-fostering/new`);
    assert.match(form.body, /Fenella Corrigan/);
    const made = await sam.post(`/people/${child}/private-fostering/new`, notification({ carerPersonId: adult, carerName: '', ...dateFields('startDate', addCalendarDays(ukToday(), 50)) }));
    assert.equal(made.statusCode, 303, made.body.slice(0, 1500));
    const carer = await t.db.selectFrom('private_fostering_carers').selectAll().where('arrangement_id', '=', idFrom(made.headers.location)).executeTakeFirstOrThrow();
    assert.equal(carer.carer_person_id, adult);
    assert.equal(carer.name, 'Fenella Corrigan');
    assert.match((await sam.get(String(made.headers.location))).body, /notified before it began/);
  });

  it('records visits that move the clock, an assessment confirmed by a manager, and the end; refuses stale versions and other roles', async () => {
    const child = await childSharedWith(t.db, ['education'], { dateOfBirth: addMonths(ukToday(), -(10 * 12)) });
    const sam = await t.signedIn(SAM);
    const notifiedOn = addCalendarDays(ukToday(), -30);
    const made = await sam.post(`/people/${child}/private-fostering/new`, notification({ ...dateFields('notifiedOn', notifiedOn), ...dateFields('startDate', addCalendarDays(notifiedOn, -2)) }));
    assert.equal(made.statusCode, 303, made.body.slice(0, 1500));
    const id = idFrom(made.headers.location);
    assert.match((await sam.get(`/private-fostering/${id}`)).body, /Overdue/, 'no visit 30 days after notification');

    // Pat (a school that knows the child) and Alex (an analyst) are refused everything here.
    const pat = await t.signedIn(PAT);
    for (const path of [`/private-fostering/${id}`, `/private-fostering/${id}/visits/new`, `/people/${child}/private-fostering/new`, '/private-fostering', '/private-fostering/figures']) {
      assert.equal((await pat.get(path)).statusCode, 403, path);
    }
    assert.equal((await pat.post(`/private-fostering/${id}/visits/new`, { ...dateFields('visitDate', ukToday()), childSeen: 'yes', seenAlone: 'yes', notes: 'x', idempotencyKey: uuidv7() })).statusCode, 403);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get('/private-fostering')).statusCode, 403);
    assert.equal((await alex.get(`/private-fostering/${id}`)).statusCode, 403);

    const firstVisit = addWorkingDays(notifiedOn, 5);
    const visit = { ...dateFields('visitDate', firstVisit), childSeen: 'no', seenAlone: 'yes', notes: 'Home visit; child at school.', idempotencyKey: uuidv7() };
    const wrong = await sam.post(`/private-fostering/${id}/visits/new`, visit);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /A child who was not seen cannot have been seen alone/);
    assert.match(wrong.body, /Home visit; child at school\./);
    const ok = { ...visit, childSeen: 'yes' };
    assert.equal((await sam.post(`/private-fostering/${id}/visits/new`, ok)).statusCode, 303);
    assert.equal((await sam.post(`/private-fostering/${id}/visits/new`, ok)).statusCode, 303);
    const visits = await t.db.selectFrom('private_fostering_visits').selectAll().where('arrangement_id', '=', id).execute();
    assert.equal(visits.length, 1, 'a double submit is one visit');
    assert.equal(visits[0]!.due_on, addWorkingDays(notifiedOn, 7));
    const page = await sam.get(`/private-fostering/${id}`);
    assert.match(page.body, /On time/);
    const next = addCalendarDays(firstVisit, 42);
    assert.ok(page.body.includes(new Date(`${next}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })), 'the next visit is 6 weeks on');

    // The assessment: a result without a date, then a decision needing conditions, then saved; a manager confirms.
    let version = (await t.db.selectFrom('private_fostering_arrangements').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const assessment = { ...dateFields('dbsOn', ukToday()), dbsResult: 'satisfactory', referencesResult: 'satisfactory', decision: 'suitable_with_conditions', ...dateFields('decisionOn', ukToday()), decisionNotes: '', version: String(version) };
    const bad = await sam.post(`/private-fostering/${id}/assessment`, assessment);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the date of this check/);
    assert.match(bad.body, /Enter the conditions/);
    const good = { ...assessment, ...dateFields('referencesOn', ukToday()), decisionNotes: 'Carer to register the child with a local GP.' };
    assert.equal((await sam.post(`/private-fostering/${id}/assessment`, good)).statusCode, 303);
    const stale = await sam.post(`/private-fostering/${id}/assessment`, good);
    assert.equal(stale.statusCode, 409, 'the form read the old version');
    assert.match(stale.body, /Carer to register the child with a local GP\./, 'what was typed is shown back');
    version += 1;
    assert.equal((await sam.get(`/private-fostering/${id}/confirm`)).statusCode, 403, 'a practitioner does not confirm');
    const morgan = await t.signedIn(MORGAN);
    assert.equal((await morgan.post(`/private-fostering/${id}/confirm`, { version: String(version) })).statusCode, 303);
    const confirmed = await t.db.selectFrom('private_fostering_arrangements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(confirmed.confirmed_by);
    assert.equal(confirmed.decision, 'suitable_with_conditions');
    version += 1;

    // Correcting the details: a stale version is refused with what was typed shown back; a start date the child is too old for is refused.
    const details = { ...dateFields('startDate', addCalendarDays(notifiedOn, -5)), notifierDetail: 'Head of year', parentsDetails: 'Mother abroad; father in prison.', reason: 'Mother’s work overseas', expectedDuration: 'A year', version: String(version) };
    const staleDetails = await sam.post(`/private-fostering/${id}/details`, { ...details, version: String(version - 1) });
    assert.equal(staleDetails.statusCode, 409);
    assert.match(staleDetails.body, /Mother abroad; father in prison\./);
    const blank = await sam.post(`/private-fostering/${id}/details`, { ...details, reason: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter why the child is living with the carer/);
    assert.equal((await sam.post(`/private-fostering/${id}/details`, details)).statusCode, 303);
    version += 1;
    const changed = await t.db.selectFrom('private_fostering_arrangements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(changed.start_date, addCalendarDays(notifiedOn, -5));
    assert.equal(changed.parents_details, 'Mother abroad; father in prison.');

    const end = { ...dateFields('endedOn', ukToday()), endReason: 'returned_to_parents', endNotes: '', version: String(version) };
    assert.equal((await sam.post(`/private-fostering/${id}/end`, { ...end, version: String(version - 1) })).statusCode, 409, 'stale version');
    assert.equal((await sam.post(`/private-fostering/${id}/end`, { ...end, endReason: '' })).statusCode, 400);
    assert.equal((await sam.post(`/private-fostering/${id}/end`, end)).statusCode, 303);
    assert.equal((await sam.post(`/private-fostering/${id}/visits/new`, { ...ok, idempotencyKey: uuidv7() })).statusCode, 409, 'no visits after the end');

    const types = (await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', child).execute()).map((r) => r.entry_type);
    for (const type of ['notified', 'visit', 'assessment', 'confirmed', 'changed', 'ended']) assert.ok(types.includes(`private_fostering.${type}`), type);

    const list = await sam.get('/private-fostering?show=ended');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Returned to parents/);
  });

  it('works out a financial year’s figures from the records', async () => {
    const sam = await t.signedIn(SAM);
    const notify = async (notifiedOn: string, startDate: string) => {
      const child = await childSharedWith(t.db, [], { dateOfBirth: '2015-02-01' });
      const made = await sam.post(`/people/${child}/private-fostering/new`, notification({ ...dateFields('notifiedOn', notifiedOn), ...dateFields('startDate', startDate) }));
      assert.equal(made.statusCode, 303, made.body.slice(0, 1500));
      return idFrom(made.headers.location);
    };
    const visit = async (id: string, on: string) =>
      assert.equal((await sam.post(`/private-fostering/${id}/visits/new`, { ...dateFields('visitDate', on), childSeen: 'yes', seenAlone: 'no', notes: 'Seen at home.', idempotencyKey: uuidv7() })).statusCode, 303);
    const versionOf = async (id: string) => String((await t.db.selectFrom('private_fostering_arrangements').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    // Notified before it began; first visit within 7 working days (the May bank holiday makes it due 13 May), the next late.
    const a = await notify('2021-05-04', '2021-06-15');
    await visit(a, '2021-05-12');
    await visit(a, '2021-07-01');
    // Notified after it began; first visit late; assessed; ended within the year.
    const b = await notify('2021-09-02', '2021-08-20');
    await visit(b, '2021-09-20');
    assert.equal((await sam.post(`/private-fostering/${b}/assessment`, { ...dateFields('decisionOn', '2021-10-01'), decision: 'suitable', version: await versionOf(b) })).statusCode, 303);
    assert.equal((await sam.post(`/private-fostering/${b}/end`, { ...dateFields('endedOn', '2022-01-10'), endReason: 'returned_to_parents', version: await versionOf(b) })).statusCode, 303);
    const figures = await sam.get('/private-fostering/figures?year=2021');
    assert.equal(figures.statusCode, 200);
    const text = figures.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const expected of [
      'Notifications received 2 ', 'Notified before the arrangement began 1 ', 'Notified after the arrangement began 1 ', 'New arrangements 2 ',
      'First visits within 7 working days 1 of 2 (1 late, 0 not yet visited)', 'Visits on time 1 of 3', 'Assessments of suitability completed 1 ',
      'Arrangements ended 1 ', 'Arrangements open at the end of the year 1 ', 'Returned to parents 1 ',
    ]) assert.ok(text.includes(expected), expected);
  });

  it('has demo arrangements, one with its first visit overdue', async () => {
    const sam = await t.signedIn(SAM);
    const overdue = await sam.get('/private-fostering?show=overdue');
    assert.equal(overdue.statusCode, 200);
    assert.match(overdue.body, /Overdue/);
    const planned = await t.db.selectFrom('private_fostering_arrangements').select('id').where('reason', 'like', 'Parents separating%').executeTakeFirstOrThrow();
    assert.match((await sam.get(`/private-fostering/${planned.id}`)).body, /notified before it began/);
    const secondYear = await t.db.selectFrom('private_fostering_arrangements').selectAll().where('reason', 'like', 'Attending a football academy%').executeTakeFirstOrThrow();
    assert.ok(secondYear.confirmed_by);
    const last = await t.db.selectFrom('private_fostering_visits').select(['visit_date', 'due_on']).where('arrangement_id', '=', secondYear.id).orderBy('visit_date', 'desc').execute();
    assert.ok(last.length > 6);
    assert.ok(last.every((v) => v.visit_date <= v.due_on), 'the demo visits are on time');
  });

  it('puts visits due and overdue in the work inbox of whoever recorded the notification, or holds the child', async () => {
    const today = ukToday();
    const [samId, morganId] = await Promise.all([userIdOf(t.db, SAM), userIdOf(t.db, MORGAN)]);
    const items = await privateFosteringWork({ db: t.db, userIds: [samId], agencyIds: [], frontDoor: true, today });
    const overdue = items.find((i) => i.title === 'First private fostering visit overdue');
    assert.ok(overdue, 'the demo arrangement with no visit is overdue');
    assert.equal(overdue.assigneeId, samId);
    assert.ok(items.every((i) => i.due! <= addCalendarDays(today, 14)), 'only visits due within a fortnight');
    assert.deepEqual(await privateFosteringWork({ db: t.db, userIds: [morganId], agencyIds: [], frontDoor: true, today }), [], 'not someone else’s work');
    const sam = await t.signedIn(SAM);
    const inbox = await sam.get('/work');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /First private fostering visit overdue/);
  });

  it('lists current arrangements with overdue visits, and works out the year’s figures from the records', async () => {
    const sam = await t.signedIn(SAM);
    const overdue = await sam.get('/private-fostering?show=overdue');
    assert.equal(overdue.statusCode, 200);
    const current = await sam.get('/private-fostering');
    assert.equal(current.statusCode, 200);
    assert.match(current.body, /Next visit due/);
    const figures = await sam.get('/private-fostering/figures');
    assert.equal(figures.statusCode, 200);
    const notified = await t.db.selectFrom('private_fostering_arrangements').select('id').execute();
    assert.ok(notified.length >= 4);
    assert.match(figures.body, /Notifications received/);
    assert.match(figures.body, /Returned to parents/);
    assert.equal((await sam.get('/private-fostering/figures?year=1999')).statusCode, 200, 'an unknown year shows this year');
  });
});
