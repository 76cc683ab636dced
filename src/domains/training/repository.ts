import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { BookingStatus, TrainingBookingsTable, TrainingCoursesTable, TrainingSessionsTable } from './tables.ts';

export type CourseRow = Selectable<TrainingCoursesTable>;
export type SessionRow = Selectable<TrainingSessionsTable>;
export type BookingRow = Selectable<TrainingBookingsTable>;

export async function insertCourse(db: Kysely<Database>, row: Insertable<TrainingCoursesTable>): Promise<string> {
  return (await db.insertInto('training_courses').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateCourseAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Parameters<typeof updateAtVersion<'training_courses'>>[4]) =>
  updateAtVersion(db, 'training_courses', id, version, changes);

export async function findCourse(db: Kysely<Database>, id: string): Promise<CourseRow | undefined> {
  return db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every course with how many of its sessions are still to come. */
export async function courseList(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('training_courses as c')
    .select(['c.id', 'c.title', 'c.level', 'c.audience', 'c.length'])
    .select((eb) => eb.selectFrom('training_sessions as s').select(eb.fn.countAll<number>().as('n')).whereRef('s.course_id', '=', 'c.id').where('s.held_on', '>=', today).where('s.cancelled_on', 'is', null).as('upcoming'))
    .orderBy('c.level')
    .orderBy('c.title')
    .execute();
}

export async function insertSession(db: Kysely<Database>, row: Insertable<TrainingSessionsTable>): Promise<string> {
  return (await db.insertInto('training_sessions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Sessions with their course and how many places are taken and waited for. */
function sessionsWithCounts(db: Kysely<Database>) {
  const count = (status: BookingStatus) => sql<number>`(SELECT count(*) FROM training_bookings b WHERE b.session_id = s.id AND b.status = ${status})::int`;
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .selectAll('s')
    .select(['c.title', 'c.level', 'c.impact_after_months'])
    .select([count('booked').as('booked'), count('waiting').as('waiting')]);
}
export type SessionListRow = Awaited<ReturnType<ReturnType<typeof sessionsWithCounts>['execute']>>[number];

export async function findSession(db: Kysely<Database>, id: string): Promise<SessionListRow | undefined> {
  return sessionsWithCounts(db).where('s.id', '=', id).executeTakeFirst();
}

export async function upcomingSessions(db: Kysely<Database>, today: string): Promise<SessionListRow[]> {
  return sessionsWithCounts(db).where('s.held_on', '>', today).where('s.cancelled_on', 'is', null).orderBy('s.held_on').orderBy('s.starts_at').execute();
}

export async function sessionsOfCourse(db: Kysely<Database>, courseId: string): Promise<SessionListRow[]> {
  return sessionsWithCounts(db).where('s.course_id', '=', courseId).orderBy('s.held_on', 'desc').execute();
}

/** The session row locked to the end of the transaction: places are counted and given out one request at a time. */
export async function lockSession(trx: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return trx.selectFrom('training_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function cancelSession(trx: Kysely<Database>, id: string, on: string, reason: string): Promise<void> {
  await trx.updateTable('training_sessions').set({ cancelled_on: on, cancelled_reason: reason, updated_at: new Date(), version: sql`version + 1` }).where('id', '=', id).execute();
}

export async function bookingOf(db: Kysely<Database>, sessionId: string, userId: string): Promise<BookingRow | undefined> {
  return db.selectFrom('training_bookings').selectAll().where('session_id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
}

export async function bookedCount(trx: Kysely<Database>, sessionId: string): Promise<number> {
  const row = await trx.selectFrom('training_bookings').select(sql<number>`count(*)::int`.as('n')).where('session_id', '=', sessionId).where('status', '=', 'booked').executeTakeFirstOrThrow();
  return row.n;
}

export async function insertBooking(trx: Kysely<Database>, row: Insertable<TrainingBookingsTable>): Promise<void> {
  await trx.insertInto('training_bookings').values(row).execute();
}

/** A cancelled booking asked for again: it joins the back of the queue. */
export async function rebook(trx: Kysely<Database>, id: string, status: BookingStatus, agencyId: string, role: string): Promise<void> {
  await trx
    .updateTable('training_bookings')
    .set({ status, agency_id: agencyId, role, queued_at: new Date(), promoted_at: null, cancelled_at: null, late_cancellation: false, attendance: null, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function cancelBooking(trx: Kysely<Database>, id: string, late: boolean): Promise<void> {
  await trx.updateTable('training_bookings').set({ status: 'cancelled', cancelled_at: new Date(), late_cancellation: late, updated_at: new Date(), version: sql`version + 1` }).where('id', '=', id).execute();
}

/** Gives the first on the waiting list the place; their id, or null when nobody is waiting. */
export async function promoteFirstWaiting(trx: Kysely<Database>, sessionId: string): Promise<string | null> {
  const first = await trx.selectFrom('training_bookings').select(['id', 'user_id']).where('session_id', '=', sessionId).where('status', '=', 'waiting').orderBy('queued_at').orderBy('id').limit(1).executeTakeFirst();
  if (!first) return null;
  await trx.updateTable('training_bookings').set({ status: 'booked', promoted_at: new Date(), updated_at: new Date(), version: sql`version + 1` }).where('id', '=', first.id).execute();
  return first.user_id;
}

/** Delegates of a session, places first then the waiting list in order, then cancellations: for the business manager. */
export async function delegatesOf(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('training_bookings as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .innerJoin('agencies as a', 'a.id', 'b.agency_id')
    .select(['b.id', 'b.status', 'b.role', 'b.attendance', 'b.late_cancellation', 'b.queued_at', 'u.name', 'a.name as agency'])
    .where('b.session_id', '=', sessionId)
    .orderBy(sql`CASE b.status WHEN 'booked' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END`)
    .orderBy('b.queued_at')
    .orderBy('b.id')
    .execute();
}

export async function setAttendance(trx: Kysely<Database>, sessionId: string, bookingId: string, attendance: 'attended' | 'no_show'): Promise<boolean> {
  const row = await trx
    .updateTable('training_bookings')
    .set({ attendance, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', bookingId)
    .where('session_id', '=', sessionId)
    .where('status', '=', 'booked')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** A person's bookings with their session and course, and whether they have evaluated it and said what changed. */
export async function bookingsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('training_bookings as b')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .leftJoin('training_evaluations as e', 'e.booking_id', 'b.id')
    .leftJoin('training_impact_returns as i', 'i.booking_id', 'b.id')
    .select(['b.id', 'b.session_id', 'b.status', 'b.attendance', 's.held_on', 's.starts_at', 's.ends_at', 's.venue', 's.cancelled_on', 'c.title', 'c.level', 'c.impact_after_months'])
    .select([sql<boolean>`e.id IS NOT NULL`.as('evaluated'), sql<boolean>`i.id IS NOT NULL`.as('impact_returned')])
    .where('b.user_id', '=', userId)
    .orderBy('s.held_on', 'desc')
    .execute();
}
