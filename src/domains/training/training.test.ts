import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { impactDueOn, isLateCancellation } from './service-bookings.ts';

const TESS = 'tess.marlow@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const today = ukToday();

describe('training', () => {
  let t: TestApp;
  let tess: TestClient;
  let sam: TestClient;
  const users: Record<string, { id: string; agency_id: string }> = {};
  const clients: Record<string, TestClient> = {};
  const client = async (name: string) => (clients[name] ??= await t.signedIn(`${name}@cairn.example`));
  const sessionOf = async (title: string, days: number) =>
    (await t.db.selectFrom('training_sessions as s').innerJoin('training_courses as c', 'c.id', 's.course_id').select('s.id').where('c.title', '=', title).where('s.held_on', '=', addCalendarDays(today, days)).executeTakeFirstOrThrow()).id;
  const bookingsOf = (sessionId: string) => t.db.selectFrom('training_bookings as b').innerJoin('users as u', 'u.id', 'b.user_id').select(['u.email', 'b.id', 'b.status', 'b.attendance', 'b.late_cancellation', 'b.role', 'b.agency_id']).where('b.session_id', '=', sessionId).orderBy('b.queued_at').execute();
  const statusOf = async (sessionId: string, name: string) => (await bookingsOf(sessionId)).find((b) => b.email === `${name}@cairn.example`)?.status;
  async function session(places: number, heldOn = addCalendarDays(today, 20)): Promise<string> {
    const course = (await t.db.selectFrom('training_courses').select('id').orderBy('title').executeTakeFirstOrThrow()).id;
    return (await t.db.insertInto('training_sessions').values({ course_id: course, held_on: heldOn, starts_at: '09:30', ends_at: '12:30', venue: 'Room 1', places, trainer: 'T' }).returning('id').executeTakeFirstOrThrow()).id;
  }

  before(async () => {
    t = await testApp({ children: 10 });
    tess = await t.signedIn(TESS);
    sam = await t.signedIn(SAM);
    for (const u of await t.db.selectFrom('users').select(['id', 'email', 'agency_id']).execute()) users[u.email.split('@')[0]!] = u;
  });
  after(() => t.close());

  it('lets the business manager add courses and sessions, with bad input kept and shown, one course per submission', async () => {
    assert.equal((await sam.get('/training/courses')).statusCode, 403);
    assert.equal((await sam.post('/training/courses/new', { title: 'X' })).statusCode, 403);
    const key = uuidv7();
    const form = { idempotencyKey: key, title: 'Working with resistant families', level: '2', audience: 'All practitioners', description: 'Why families resist help and what to do.', learningOutcomes: 'Name the signs\nKeep the child in view', length: 'Half day', impactAfterMonths: '4' };
    const bad = await tess.post('/training/courses/new', { ...form, level: '7', audience: '', impactAfterMonths: '13' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Select the level/);
    assert.match(bad.body, /Enter who the course is for/);
    assert.match(bad.body, /from 1 to 12/);
    assert.match(bad.body, /Working with resistant families/, 'what was typed is kept');
    const first = await tess.post('/training/courses/new', form);
    assert.equal(first.statusCode, 303, first.body.slice(0, 1000));
    assert.equal((await tess.post('/training/courses/new', form)).headers.location, first.headers.location, 'a double submit is one course');
    const courseUrl = String(first.headers.location);
    const course = await t.db.selectFrom('training_courses').selectAll().where('id', '=', courseUrl.split('/').pop()!).executeTakeFirstOrThrow();
    assert.equal(course.level, 2);
    assert.equal(course.impact_after_months, 4);

    assert.equal((await sam.get(`${courseUrl}/edit`)).statusCode, 403);
    assert.match((await tess.get(`${courseUrl}/edit`)).body, /Working with resistant families/);
    const change = { ...form, version: String(course.version), impactAfterMonths: '6', title: 'Working with families who resist help' };
    const badChange = await tess.post(`${courseUrl}/edit`, { ...change, title: '' });
    assert.equal(badChange.statusCode, 400);
    assert.match(badChange.body, /Enter the title of the course/);
    assert.equal((await tess.post(`${courseUrl}/edit`, change)).statusCode, 303);
    const stale = await tess.post(`${courseUrl}/edit`, { ...change, impactAfterMonths: '2' });
    assert.equal(stale.statusCode, 409, 'changed at a version someone else already moved on');
    assert.match(stale.body, /Someone else changed this course/);
    const changed = await t.db.selectFrom('training_courses').select(['title', 'impact_after_months', 'version']).where('id', '=', course.id).executeTakeFirstOrThrow();
    assert.deepEqual(changed, { title: 'Working with families who resist help', impact_after_months: 6, version: course.version + 1 });

    const sessionForm = { idempotencyKey: uuidv7(), ...dateFields('heldOn', addCalendarDays(today, 14)), startsAt: '09:30', endsAt: '12:30', venue: 'Northminster House', places: '20', trainer: 'Helen Marsh' };
    const past = await tess.post(`${courseUrl}/sessions/new`, { ...sessionForm, ...dateFields('heldOn', addCalendarDays(today, -1)) });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /The session must be after today/);
    const backwards = await tess.post(`${courseUrl}/sessions/new`, { ...sessionForm, endsAt: '09:00' });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /The end time must be after the start time/);
    const noPlaces = await tess.post(`${courseUrl}/sessions/new`, { ...sessionForm, places: 'lots', startsAt: '25:00' });
    assert.equal(noPlaces.statusCode, 400);
    assert.match(noPlaces.body, /Enter the number of places/);
    assert.match(noPlaces.body, /Enter the start time as hours and minutes/);
    assert.equal((await tess.post(`${courseUrl}/sessions/new`, { ...sessionForm, ...dateFields('heldOn', '2027-02-31') })).statusCode, 400);
    const saved = await tess.post(`${courseUrl}/sessions/new`, sessionForm);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1000));
    const page = await tess.get(String(saved.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Northminster House/);
    assert.equal((await tess.get(`/training/courses/${uuidv7()}`)).statusCode, 404);
    assert.equal((await sam.get(`/training/sessions/${uuidv7()}`)).statusCode, 404);
    assert.equal((await sam.get('/training/sessions/not-an-id')).statusCode, 404, 'an id that cannot be one is not found');
  });

  it('books a place, then the waiting list when full; booking twice is one booking; the agency and role are kept', async () => {
    const id = await session(2);
    const pat = await client('pat.quinn');
    const kit = await client('kit.ellery');
    const booked = await sam.post(`/training/sessions/${id}/book`);
    assert.equal(booked.statusCode, 303);
    assert.match(String(booked.headers.location), /result=booked/);
    await sam.post(`/training/sessions/${id}/book`);
    assert.equal((await bookingsOf(id)).length, 1, 'booking twice is the same booking');
    assert.match(String((await pat.post(`/training/sessions/${id}/book`)).headers.location), /result=booked/);
    assert.match(String((await kit.post(`/training/sessions/${id}/book`)).headers.location), /result=waiting/);
    const rows = await bookingsOf(id);
    assert.deepEqual(rows.map((r) => r.status), ['booked', 'booked', 'waiting']);
    const patRow = rows.find((r) => r.email.startsWith('pat.quinn'))!;
    assert.equal(patRow.role, 'partner_practitioner');
    assert.equal(patRow.agency_id, users['pat.quinn']!.agency_id);
    const page = await kit.get(`/training/sessions/${id}?result=waiting`);
    assert.match(page.body, /you are on the waiting list/);
    assert.match(page.body, /Leave the waiting list/);
    assert.doesNotMatch(page.body, /Sam Rowe/, 'delegates are listed only to the business manager');
    const managed = (await tess.get(`/training/sessions/${id}`)).body;
    assert.match(managed, /Sam Rowe/);
    assert.match(managed, /3 delegates/, 'only this session’s delegates');
  });

  it('gives a freed place to the first on the waiting list, in order, and counts late cancellations', async () => {
    const id = await session(1);
    for (const name of ['rob.delaney', 'nia.brooks', 'jo.nyland']) await (await client(name)).post(`/training/sessions/${id}/book`);
    assert.deepEqual((await bookingsOf(id)).map((r) => r.status), ['booked', 'waiting', 'waiting']);
    const cancelled = await (await client('rob.delaney')).post(`/training/sessions/${id}/cancel-booking`);
    assert.equal(cancelled.statusCode, 303);
    assert.equal(await statusOf(id, 'nia.brooks'), 'booked', 'the first waiting takes the place');
    assert.match((await (await client('nia.brooks')).get('/work')).body, /A training place came free for you/);
    assert.equal(await statusOf(id, 'jo.nyland'), 'waiting');
    assert.equal(await statusOf(id, 'rob.delaney'), 'cancelled');
    assert.equal((await bookingsOf(id)).find((r) => r.email.startsWith('rob'))!.late_cancellation, false);
    await (await client('rob.delaney')).post(`/training/sessions/${id}/cancel-booking`);
    assert.equal(await statusOf(id, 'jo.nyland'), 'waiting', 'cancelling twice frees nothing more');
    // Leaving the waiting list frees no place.
    await (await client('jo.nyland')).post(`/training/sessions/${id}/cancel-booking`);
    assert.equal(await statusOf(id, 'nia.brooks'), 'booked');
    // Booking again after cancelling joins the back of the queue.
    await (await client('rob.delaney')).post(`/training/sessions/${id}/book`);
    assert.equal(await statusOf(id, 'rob.delaney'), 'waiting');

    const soon = await session(5, addCalendarDays(today, 1));
    await sam.post(`/training/sessions/${soon}/book`);
    await sam.post(`/training/sessions/${soon}/cancel-booking`);
    assert.equal((await bookingsOf(soon))[0]!.late_cancellation, true, 'cancelled the day before');
    assert.equal(isLateCancellation('2026-12-10', '2026-12-08'), true);
    assert.equal(isLateCancellation('2026-12-10', '2026-12-07'), false);
    assert.equal(isLateCancellation('2026-12-14', '2026-12-10'), true, 'a weekend is not a working day');
  });

  it('gives the last place to one of two people asking at once; the other is waitlisted', async () => {
    const id = await session(1);
    const [a, b] = [await client('iris.fenwick'), await client('morgan.hale')];
    const answers = await Promise.all([a.post(`/training/sessions/${id}/book`), b.post(`/training/sessions/${id}/book`)]);
    assert.deepEqual(answers.map((r) => r.statusCode), [303, 303]);
    assert.deepEqual((await bookingsOf(id)).map((r) => r.status).sort(), ['booked', 'waiting']);
    const same = await Promise.all([a.post(`/training/sessions/${id}/book`), a.post(`/training/sessions/${id}/book`)]);
    assert.deepEqual(same.map((r) => r.statusCode), [303, 303]);
    assert.equal((await bookingsOf(id)).length, 2);
  });

  it('refuses booking a held or cancelled session, and cancels a session for everyone booked, who see it in their work', async () => {
    const held = await session(5, addCalendarDays(today, -2));
    const refused = await sam.post(`/training/sessions/${held}/book`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Only sessions after today can be booked/);
    const id = await session(5);
    await sam.post(`/training/sessions/${id}/book`);
    assert.equal((await sam.post(`/training/sessions/${id}/cancel`, { reason: 'x' })).statusCode, 403);
    const noReason = await tess.post(`/training/sessions/${id}/cancel`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why the session is cancelled/);
    assert.equal((await tess.post(`/training/sessions/${id}/cancel`, { reason: 'Trainer unwell' })).statusCode, 303);
    const row = await t.db.selectFrom('training_sessions').select(['cancelled_on', 'cancelled_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { cancelled_on: today, cancelled_reason: 'Trainer unwell' });
    assert.equal((await (await client('kit.ellery')).post(`/training/sessions/${id}/book`)).statusCode, 409);
    const work = await sam.get('/work');
    assert.match(work.body, /Training session cancelled/);
    assert.match((await sam.get(`/training/sessions/${id}`)).body, /Trainer unwell/);
  });

  it('lets the business manager mark attendance after the session, and only attendees evaluate, once each', async () => {
    const id = await sessionOf('Domestic abuse and its impact on children', -6);
    const rows = await bookingsOf(id);
    const mark = (name: string) => `attendance-${rows.find((r) => r.email.startsWith(name))!.id}`;
    assert.equal((await sam.get(`/training/sessions/${id}/evaluation`)).statusCode, 403, 'not yet marked as attended');
    assert.equal((await sam.post(`/training/sessions/${id}/attendance`, { [mark('sam.rowe')]: 'attended' })).statusCode, 403);
    assert.equal((await tess.post(`/training/sessions/${id}/attendance`, { [mark('sam.rowe')]: 'maybe' })).statusCode, 400);
    assert.equal((await tess.post(`/training/sessions/${id}/attendance`, { [`attendance-${uuidv7()}`]: 'attended' })).statusCode, 400, 'a booking of another session');
    const future = await session(5);
    await sam.post(`/training/sessions/${future}/book`);
    const early = await tess.post(`/training/sessions/${future}/attendance`, { [`attendance-${(await bookingsOf(future))[0]!.id}`]: 'attended' });
    assert.equal(early.statusCode, 409);
    const saved = await tess.post(`/training/sessions/${id}/attendance`, { [mark('sam.rowe')]: 'attended', [mark('pat.quinn')]: 'no_show' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual((await bookingsOf(id)).map((r) => [r.email.split('@')[0], r.attendance]), [['sam.rowe', 'attended'], ['rob.delaney', null], ['pat.quinn', 'no_show']]);

    assert.equal((await (await client('pat.quinn')).get(`/training/sessions/${id}/evaluation`)).statusCode, 403, 'a no-show cannot evaluate');
    assert.equal((await (await client('rob.delaney')).post(`/training/sessions/${id}/evaluation`, { contentRating: '5' })).statusCode, 403);
    const form = await sam.get(`/training/sessions/${id}/evaluation`);
    assert.equal(form.statusCode, 200);
    const bad = await sam.post(`/training/sessions/${id}/evaluation`, { contentRating: '6', trainerRating: '4', willDoDifferently: 'Ask about coercive control' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Rate the content from 1 to 5/);
    assert.match(bad.body, /Rate the course overall from 1 to 5/);
    assert.match(bad.body, /Ask about coercive control/);
    const answers = { contentRating: '5', trainerRating: '4', relevanceRating: '5', overallRating: '4', willDoDifferently: 'Ask about coercive control at every visit' };
    assert.equal((await sam.post(`/training/sessions/${id}/evaluation`, answers)).statusCode, 303);
    assert.equal((await sam.post(`/training/sessions/${id}/evaluation`, { ...answers, contentRating: '1' })).statusCode, 303);
    const evaluations = await t.db.selectFrom('training_evaluations').select('content_rating').where('booking_id', '=', rows.find((r) => r.email.startsWith('sam'))!.id).execute();
    assert.deepEqual(evaluations, [{ content_rating: 5 }], 'one evaluation each; the second changed nothing');
    assert.match((await sam.get(`/training/sessions/${id}/evaluation`)).body, /already evaluated/);
  });

  it('asks attendees what changed some months later, in their work, once each', async () => {
    assert.equal(impactDueOn('2026-01-31', 3), addMonths('2026-01-31', 3));
    assert.equal(impactDueOn('2026-01-15', 3), '2026-04-15');
    const neglect = await sessionOf('Recognising and responding to neglect', -130);
    const kit = await client('kit.ellery');
    const work = await kit.get('/work');
    assert.match(work.body, /Training follow-up: what changed in your practice/);
    assert.match((await kit.get('/training')).body, /Say what changed in your practice after Recognising and responding to neglect/);
    const bad = await kit.post(`/training/sessions/${neglect}/impact`, { practiceChanged: 'hugely', whatChanged: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select how much your practice has changed/);
    const answer = { practiceChanged: 'a_little', whatChanged: 'I ask about mealtimes and routines at every visit.' };
    assert.equal((await kit.post(`/training/sessions/${neglect}/impact`, answer)).statusCode, 303);
    assert.equal((await kit.post(`/training/sessions/${neglect}/impact`, { ...answer, practiceChanged: 'a_lot' })).statusCode, 303);
    const returned = await t.db.selectFrom('training_impact_returns as i').innerJoin('training_bookings as b', 'b.id', 'i.booking_id').select(['i.practice_changed']).where('b.session_id', '=', neglect).where('b.user_id', '=', users['kit.ellery']!.id).execute();
    assert.deepEqual(returned, [{ practice_changed: 'a_little' }]);
    assert.doesNotMatch((await kit.get('/work')).body, /Training follow-up/);
    assert.equal((await (await client('pat.quinn')).get(`/training/sessions/${neglect}/impact`)).statusCode, 403, 'a no-show is not asked');

    // Not yet due: a session attended last week.
    const recent = await session(5, addCalendarDays(today, -7));
    await t.db.insertInto('training_bookings').values({ session_id: recent, user_id: users['nia.brooks']!.id, agency_id: users['nia.brooks']!.agency_id, role: 'practitioner', status: 'booked', attendance: 'attended' }).execute();
    const early = await (await client('nia.brooks')).post(`/training/sessions/${recent}/impact`, answer);
    assert.equal(early.statusCode, 409);
    assert.match((await (await client('nia.brooks')).get(`/training/sessions/${recent}/impact`)).body, /We will ask you what changed in your practice from/);
  });

  it('adds up the figures for a financial year, for the business manager and board members, naming nobody', async () => {
    const year = 2015;
    const course = (await t.db.insertInto('training_courses').values({ title: 'Figures course', level: 3, audience: 'a', description: 'd', learning_outcomes: 'o', length: 'l', impact_after_months: 3 }).returning('id').executeTakeFirstOrThrow()).id;
    const add = async (heldOn: string, places: number, cancelled = false) =>
      (await t.db.insertInto('training_sessions').values({ course_id: course, held_on: heldOn, starts_at: '09:00', ends_at: '10:00', venue: 'v', places, trainer: 't', cancelled_on: cancelled ? heldOn : null, cancelled_reason: cancelled ? 'r' : null }).returning('id').executeTakeFirstOrThrow()).id;
    const s1 = await add('2015-04-01', 10);
    const s2 = await add('2016-03-31', 5);
    await add('2015-09-01', 20, true);
    await add('2015-03-31', 20); // the year before
    const book = async (sessionId: string, name: string, status: 'booked' | 'cancelled', attendance: 'attended' | 'no_show' | null, late = false) => {
      const user = users[name]!;
      const booking = (await t.db.insertInto('training_bookings').values({ session_id: sessionId, user_id: user.id, agency_id: user.agency_id, role: name === 'pat.quinn' ? 'partner_practitioner' : 'practitioner', status, attendance, cancelled_at: status === 'cancelled' ? new Date() : null, late_cancellation: late }).returning('id').executeTakeFirstOrThrow()).id;
      return booking;
    };
    const b1 = await book(s1, 'sam.rowe', 'booked', 'attended');
    const b2 = await book(s1, 'pat.quinn', 'booked', 'attended');
    await book(s1, 'rob.delaney', 'booked', 'no_show');
    await book(s1, 'nia.brooks', 'cancelled', null, true);
    await book(s2, 'sam.rowe', 'booked', 'attended');
    await book(s2, 'kit.ellery', 'cancelled', null);
    await t.db.insertInto('training_evaluations').values([
      { booking_id: b1, content_rating: 5, trainer_rating: 4, relevance_rating: 3, overall_rating: 5, will_do_differently: 'x' },
      { booking_id: b2, content_rating: 4, trainer_rating: 4, relevance_rating: 4, overall_rating: 4, will_do_differently: 'y' },
    ]).execute();
    await t.db.insertInto('training_impact_returns').values({ booking_id: b1, practice_changed: 'a_lot', what_changed: 'z', returned_on: '2015-07-10' }).execute();

    assert.equal((await sam.get(`/training/figures?year=${year}`)).statusCode, 403);
    for (const viewer of [tess, await t.signedIn(BEA)]) {
      const page = await viewer.get(`/training/figures?year=${year}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Sam Rowe|Pat Quinn|Rob Delaney/, 'no delegate is named');
    }
    const { trainingFigures } = await import('./figures.ts');
    const actor = (await import('../../platform/auth/users.ts')).loadCurrentUser;
    const ctx = { db: t.db, actor: (await actor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', BEA).executeTakeFirstOrThrow()).id))!, requestId: 'test' };
    const f = await trainingFigures(ctx, year);
    assert.equal(f.label, 'April 2015 to March 2016');
    assert.deepEqual(f.totals, {
      coursesRun: 1, sessionsHeld: 2, sessionsPlanned: 0, sessionsCancelled: 1, placesOffered: 15, placesFilled: 4, fillRate: 27,
      attended: 3, people: 2, noShows: 1, unmarked: 0, cancellations: 2, lateCancellations: 1, impactDue: 3, impactReturned: 1, impactRate: 33,
    });
    const csc = f.agencies.find((a) => a.label === "Brackenshire Children's Social Care")!;
    assert.deepEqual(csc, { label: "Brackenshire Children's Social Care", attended: 2, noShows: 1 });
    assert.deepEqual(f.roles, [{ label: 'Practitioner', attended: 2, noShows: 1 }, { label: 'Partner practitioner', attended: 1, noShows: 0 }]);
    assert.deepEqual(f.courses, [{
      id: course, title: 'Figures course', level: 3, sessions: 2, places: 15, filled: 4, attended: 3, noShows: 1, evaluations: 2,
      content: 4.5, trainer: 4, relevance: 3.5, overall: 4.5, impactDue: 3, impactReturned: 1, practiceChanged: 1,
    }]);
    assert.equal((await tess.get('/training/figures?year=banana')).statusCode, 200, 'an unknown year shows this year');
  });

  it('takes agencies’ own courses to the validation panel, seen by their agency and decided by the business manager', async () => {
    const pat = await client('pat.quinn');
    const bad = await pat.post('/training/validation/new', { idempotencyKey: uuidv7(), title: '', level: '1', trainer: 'DSL', outline: 'Outline' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the title of the course/);
    const saved = await pat.post('/training/validation/new', { idempotencyKey: uuidv7(), title: 'Safer recruitment in schools', level: '2', trainer: 'Head teacher', outline: 'Interviews, references, the single central record.' });
    assert.equal(saved.statusCode, 303);
    const url = String(saved.headers.location);
    const id = url.split('/').pop()!;
    assert.equal((await pat.get(url)).statusCode, 200);
    assert.equal((await sam.get(url)).statusCode, 404, 'another agency’s submission');
    assert.doesNotMatch((await sam.get('/training/validation')).body, /Safer recruitment in schools/);
    assert.match((await tess.get('/training/validation')).body, /Safer recruitment in schools/);
    assert.equal((await pat.get(`${url}/decision`)).statusCode, 403);

    const version = String((await t.db.selectFrom('training_validations').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    const decision = { version, decision: 'validated', ...dateFields('decidedOn', today), ...dateFields('expiresOn', addMonths(today, 24)), notes: '' };
    const noExpiry = await tess.post(`${url}/decision`, { ...decision, 'expiresOn-day': '', 'expiresOn-month': '', 'expiresOn-year': '' });
    assert.equal(noExpiry.statusCode, 400);
    assert.match(noExpiry.body, /Enter the date the validation expires/);
    const noReasons = await tess.post(`${url}/decision`, { ...decision, decision: 'not_validated' });
    assert.equal(noReasons.statusCode, 400);
    assert.match(noReasons.body, /Enter the reasons the course was not validated/);
    const future = await tess.post(`${url}/decision`, { ...decision, ...dateFields('decidedOn', addCalendarDays(today, 3)) });
    assert.equal(future.statusCode, 400);
    assert.equal((await tess.post(`${url}/decision`, { ...decision, decision: 'conditions', notes: 'Add a session on online safety.' })).statusCode, 303);
    const stale = await tess.post(`${url}/decision`, decision);
    assert.equal(stale.statusCode, 409, 'decided on a version someone else already changed');
    const row = await t.db.selectFrom('training_validations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.decision, 'conditions');
    assert.equal(row.decision_notes, 'Add a session on online safety.');
    assert.equal(row.expires_on, addMonths(today, 24));
  });
});
