import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ROLE_LABELS, type Role } from '../../platform/access/rules.ts';
import { financialYearLabel, financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';

/**
 * The year's training figures as the partnership's annual report gives them, for a financial year (April to March):
 * courses and sessions run, places offered and filled, attendees by agency and by role, no-shows and cancellations,
 * evaluation scores and impact follow-ups per course. Counts of staff, never their names: board members see this page.
 * Nothing is suppressed (these are staff, not children).
 */

const n = (v: unknown) => Number(v ?? 0);
const mean = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

async function summary(db: Kysely<Database>, from: string, to: string, today: string) {
  const sessions = await db
    .selectFrom('training_sessions')
    .select([
      sql<number>`count(*) FILTER (WHERE cancelled_on IS NULL AND held_on <= ${today})`.as('held'),
      sql<number>`count(*) FILTER (WHERE cancelled_on IS NULL AND held_on > ${today})`.as('planned'),
      sql<number>`count(*) FILTER (WHERE cancelled_on IS NOT NULL)`.as('cancelled'),
      sql<number>`count(DISTINCT course_id) FILTER (WHERE cancelled_on IS NULL AND held_on <= ${today})`.as('courses'),
      sql<number>`coalesce(sum(places) FILTER (WHERE cancelled_on IS NULL AND held_on <= ${today}), 0)`.as('places'),
    ])
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .executeTakeFirstOrThrow();
  const bookings = await db
    .selectFrom('training_bookings as b')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .select([
      sql<number>`count(*) FILTER (WHERE b.status = 'booked' AND s.cancelled_on IS NULL AND s.held_on <= ${today})`.as('filled'),
      sql<number>`count(*) FILTER (WHERE b.attendance = 'attended')`.as('attended'),
      sql<number>`count(*) FILTER (WHERE b.attendance = 'no_show')`.as('noShows'),
      sql<number>`count(*) FILTER (WHERE b.status = 'booked' AND b.attendance IS NULL AND s.cancelled_on IS NULL AND s.held_on <= ${today})`.as('unmarked'),
      sql<number>`count(*) FILTER (WHERE b.status = 'cancelled')`.as('cancellations'),
      sql<number>`count(*) FILTER (WHERE b.status = 'cancelled' AND b.late_cancellation)`.as('late'),
      sql<number>`count(DISTINCT b.user_id) FILTER (WHERE b.attendance = 'attended')`.as('people'),
    ])
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .executeTakeFirstOrThrow();
  const places = n(sessions.places);
  const filled = n(bookings.filled);
  return {
    coursesRun: n(sessions.courses), sessionsHeld: n(sessions.held), sessionsPlanned: n(sessions.planned), sessionsCancelled: n(sessions.cancelled),
    placesOffered: places, placesFilled: filled, fillRate: places ? Math.round((filled / places) * 100) : null,
    attended: n(bookings.attended), people: n(bookings.people), noShows: n(bookings.noShows), unmarked: n(bookings.unmarked),
    cancellations: n(bookings.cancellations), lateCancellations: n(bookings.late),
  };
}

/** Attendances in the year grouped by the delegate's agency or role when they booked. */
async function attendedBy(db: Kysely<Database>, from: string, to: string, by: 'agency' | 'role') {
  const rows = await db
    .selectFrom('training_bookings as b')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .innerJoin('agencies as a', 'a.id', 'b.agency_id')
    .select(by === 'agency' ? sql<string>`a.name`.as('label') : sql<string>`b.role`.as('label'))
    .select([sql<number>`count(*) FILTER (WHERE b.attendance = 'attended')`.as('attended'), sql<number>`count(*) FILTER (WHERE b.attendance = 'no_show')`.as('noShows')])
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .where('b.status', '=', 'booked')
    .groupBy(by === 'agency' ? 'a.name' : 'b.role')
    .execute();
  return rows
    .map((r) => ({ label: by === 'role' ? (ROLE_LABELS[r.label as Role] ?? r.label) : r.label, attended: n(r.attended), noShows: n(r.noShows) }))
    .filter((r) => r.attended || r.noShows)
    .sort((a, b) => b.attended - a.attended || a.label.localeCompare(b.label));
}

/** Per course: sessions and places, attendance, the mean of each evaluation question, and impact follow-ups. */
async function byCourse(db: Kysely<Database>, from: string, to: string, today: string) {
  const rows = await db
    .selectFrom('training_courses as c')
    .innerJoin('training_sessions as s', 's.course_id', 'c.id')
    .leftJoin('training_bookings as b', (j) => j.onRef('b.session_id', '=', 's.id').on('b.status', '=', 'booked'))
    .leftJoin('training_evaluations as e', 'e.booking_id', 'b.id')
    .leftJoin('training_impact_returns as i', 'i.booking_id', 'b.id')
    .select(['c.id', 'c.title', 'c.level'])
    .select([
      sql<number>`count(DISTINCT s.id) FILTER (WHERE s.cancelled_on IS NULL AND s.held_on <= ${today})`.as('sessions'),
      sql<number>`count(b.id) FILTER (WHERE s.cancelled_on IS NULL AND s.held_on <= ${today})`.as('filled'),
      sql<number>`count(b.id) FILTER (WHERE b.attendance = 'attended')`.as('attended'),
      sql<number>`count(b.id) FILTER (WHERE b.attendance = 'no_show')`.as('noShows'),
      sql<number>`count(e.id)`.as('evaluations'),
      sql<number>`avg(e.content_rating)`.as('content'),
      sql<number>`avg(e.trainer_rating)`.as('trainer'),
      sql<number>`avg(e.relevance_rating)`.as('relevance'),
      sql<number>`avg(e.overall_rating)`.as('overall'),
      sql<number>`count(b.id) FILTER (WHERE b.attendance = 'attended' AND (s.held_on + c.impact_after_months * interval '1 month')::date <= ${today}::date)`.as('impactDue'),
      sql<number>`count(i.id)`.as('impactReturned'),
      sql<number>`count(i.id) FILTER (WHERE i.practice_changed IN ('a_lot', 'a_little'))`.as('practiceChanged'),
    ])
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .groupBy(['c.id', 'c.title', 'c.level'])
    .orderBy('c.level')
    .orderBy('c.title')
    .execute();
  const places = await db
    .selectFrom('training_sessions')
    .select(['course_id', sql<number>`sum(places)`.as('places')])
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .where('held_on', '<=', today)
    .where('cancelled_on', 'is', null)
    .groupBy('course_id')
    .execute();
  const placesOf = new Map(places.map((p) => [p.course_id, n(p.places)]));
  return rows.map((r) => ({
    id: r.id, title: r.title, level: r.level, sessions: n(r.sessions), places: placesOf.get(r.id) ?? 0, filled: n(r.filled), attended: n(r.attended), noShows: n(r.noShows),
    evaluations: n(r.evaluations), content: mean(r.content), trainer: mean(r.trainer), relevance: mean(r.relevance), overall: mean(r.overall),
    impactDue: n(r.impactDue), impactReturned: n(r.impactReturned), practiceChanged: n(r.practiceChanged),
  }));
}

/** The years there is training in, newest first, always including this one. */
async function years(db: Kysely<Database>, today: string): Promise<number[]> {
  const range = await db.selectFrom('training_sessions').select([sql<string | null>`min(held_on)::text`.as('first'), sql<string | null>`max(held_on)::text`.as('last')]).executeTakeFirstOrThrow();
  const first = financialYearStart(range.first && range.first < today ? range.first : today);
  const last = financialYearStart(range.last && range.last > today ? range.last : today);
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}

export async function trainingFigures(ctx: RequestContext, year: number | null) {
  authorise(ctx, 'quality.view');
  const today = ukToday();
  const start = year ?? financialYearStart(today);
  const { from, to } = financialYearRange(start);
  const [totals, agencies, roles, courses, choices] = await Promise.all([
    summary(ctx.db, from, to, today), attendedBy(ctx.db, from, to, 'agency'), attendedBy(ctx.db, from, to, 'role'), byCourse(ctx.db, from, to, today), years(ctx.db, today),
  ]);
  const impactDue = courses.reduce((sum, c) => sum + c.impactDue, 0);
  const impactReturned = courses.reduce((sum, c) => sum + c.impactReturned, 0);
  return {
    year: start, label: financialYearLabel(start), years: choices.map((y) => ({ value: String(y), text: financialYearLabel(y), selected: y === start })),
    totals: { ...totals, impactDue, impactReturned, impactRate: impactDue ? Math.round((impactReturned / impactDue) * 100) : null }, agencies, roles, courses,
  };
}
