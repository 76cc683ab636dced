import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { addMonths, ukToday, workingDaysBefore } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ForbiddenError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { LATE_CANCELLATION_WORKING_DAYS } from './labels.ts';
import * as repo from './repository.ts';
import * as returns from './repository-returns.ts';
import type { EvaluationInput, ImpactInput } from './schema.ts';
import type { Attendance, BookingStatus } from './tables.ts';

/**
 * Bookings, the waiting list, attendance and what attendees say afterwards. Anyone signed in may book; every change
 * to who holds a place is made with the session row locked, so two people asking for the last place at once get it
 * one after the other: one booked, the other on the waiting list.
 */

/** When the attendee is asked what changed in their practice: some months after the session, per course. */
export const impactDueOn = (heldOn: string, months: number) => addMonths(heldOn, months);

const mayManage = (ctx: RequestContext) => can(ctx.actor, 'partnership.manage').allowed;

export async function sessionPage(ctx: RequestContext, id: string) {
  const session = await repo.findSession(ctx.db, id);
  if (!session) throw new NotFoundError();
  const today = ukToday();
  const booking = await repo.bookingOf(ctx.db, id, ctx.actor.id);
  const manage = mayManage(ctx);
  const delegates = manage ? await repo.delegatesOf(ctx.db, id) : [];
  const attended = booking?.status === 'booked' && booking.attendance === 'attended';
  const impactDue = impactDueOn(session.held_on, session.impact_after_months);
  const [evaluation, impact] = attended ? await Promise.all([returns.evaluationOf(ctx.db, booking.id), returns.impactReturnOf(ctx.db, booking.id)]) : [undefined, undefined];
  return {
    session, booking, delegates, manage, today, impactDue, evaluation, impact,
    placesLeft: Math.max(0, session.places - session.booked),
    bookable: !session.cancelled_on && session.held_on > today,
    held: !session.cancelled_on && session.held_on <= today,
  };
}

/**
 * Books the signed-in user onto a session: a place if one is free, otherwise the waiting list. Booking again is the
 * same booking (one a person a session); a cancelled booking booked again joins the back of the queue.
 */
export async function book(ctx: RequestContext, sessionId: string): Promise<BookingStatus> {
  const today = ukToday();
  return ctx.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, sessionId);
    if (!session) throw new NotFoundError();
    if (session.cancelled_on) throw new StateError('This session has been cancelled, so it cannot be booked.');
    if (session.held_on <= today) throw new StateError('Only sessions after today can be booked.');
    const existing = await repo.bookingOf(trx, sessionId, ctx.actor.id);
    if (existing && existing.status !== 'cancelled') return existing.status;
    const status: BookingStatus = (await repo.bookedCount(trx, sessionId)) < session.places ? 'booked' : 'waiting';
    const role = ctx.actor.roles[0] ?? 'practitioner';
    if (existing) await repo.rebook(trx, existing.id, status, ctx.actor.agencyId, role);
    else await repo.insertBooking(trx, { session_id: sessionId, user_id: ctx.actor.id, agency_id: ctx.actor.agencyId, role, status, created_by: ctx.actor.id });
    return status;
  });
}

/** A cancellation this close to the session is late: the place is hard to fill. */
export const isLateCancellation = (heldOn: string, today: string) => today >= workingDaysBefore(heldOn, LATE_CANCELLATION_WORKING_DAYS);

/**
 * Cancels the signed-in user's booking or place on the waiting list. A place given up goes, in the same transaction,
 * to the first person on the waiting list. Cancelling what is already cancelled changes nothing.
 */
export async function cancelBooking(ctx: RequestContext, sessionId: string): Promise<{ promoted: string | null }> {
  const today = ukToday();
  return ctx.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, sessionId);
    if (!session) throw new NotFoundError();
    const booking = await repo.bookingOf(trx, sessionId, ctx.actor.id);
    if (!booking || booking.status === 'cancelled') return { promoted: null };
    if (session.held_on <= today && !session.cancelled_on) throw new StateError('The session has been held, so the booking can no longer be cancelled.');
    await repo.cancelBooking(trx, booking.id, booking.status === 'booked' && isLateCancellation(session.held_on, today));
    const promoted = booking.status === 'booked' && !session.cancelled_on ? await repo.promoteFirstWaiting(trx, sessionId) : null;
    return { promoted };
  });
}

/** The business manager marks who came, once the session has been held. Only those holding a place are marked. */
export async function recordAttendance(ctx: RequestContext, sessionId: string, marks: Record<string, Attendance>): Promise<void> {
  authorise(ctx, 'partnership.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, sessionId);
    if (!session) throw new NotFoundError();
    if (session.cancelled_on) throw new StateError('This session was cancelled, so there is no attendance to record.');
    if (session.held_on > ukToday()) throw new StateError('Attendance can be recorded once the session has been held.');
    for (const [bookingId, attendance] of Object.entries(marks)) {
      if (!(await repo.setAttendance(trx, sessionId, bookingId, attendance))) throw new BadRequestError('Attendance can only be recorded for people who hold a place on this session.');
    }
  });
}

/** The signed-in user's booking on a session they attended: evaluations and impact returns are theirs alone. */
async function attendedBooking(ctx: RequestContext, sessionId: string) {
  const session = await repo.findSession(ctx.db, sessionId);
  if (!session) throw new NotFoundError();
  const booking = await repo.bookingOf(ctx.db, sessionId, ctx.actor.id);
  if (booking?.status !== 'booked' || booking.attendance !== 'attended') throw new ForbiddenError('Only people recorded as having attended a session can evaluate it.');
  return { session, booking };
}

export async function evaluationForm(ctx: RequestContext, sessionId: string) {
  const { session, booking } = await attendedBooking(ctx, sessionId);
  return { session, done: Boolean(await returns.evaluationOf(ctx.db, booking.id)) };
}

/** The attendee's immediate evaluation: one each; a second one changes nothing. */
export async function evaluate(ctx: RequestContext, sessionId: string, input: EvaluationInput): Promise<void> {
  const { booking } = await attendedBooking(ctx, sessionId);
  await returns.insertEvaluation(ctx.db, {
    booking_id: booking.id, content_rating: input.contentRating, trainer_rating: input.trainerRating, relevance_rating: input.relevanceRating,
    overall_rating: input.overallRating, will_do_differently: input.willDoDifferently, created_by: ctx.actor.id,
  });
}

export async function impactForm(ctx: RequestContext, sessionId: string) {
  const { session, booking } = await attendedBooking(ctx, sessionId);
  const dueOn = impactDueOn(session.held_on, session.impact_after_months);
  return { session, dueOn, due: dueOn <= ukToday(), done: Boolean(await returns.impactReturnOf(ctx.db, booking.id)) };
}

/** What changed in the attendee's practice, asked once the course's follow-up is due; one each. */
export async function returnImpact(ctx: RequestContext, sessionId: string, input: ImpactInput): Promise<void> {
  const { session, booking } = await attendedBooking(ctx, sessionId);
  const today = ukToday();
  const dueOn = impactDueOn(session.held_on, session.impact_after_months);
  if (dueOn > today) throw new StateError('The follow-up on what changed in your practice is not due yet.');
  await returns.insertImpactReturn(ctx.db, { booking_id: booking.id, practice_changed: input.practiceChanged, what_changed: input.whatChanged, returned_on: today, created_by: ctx.actor.id });
}

/** The signed-in user's training page: sessions to book, their bookings, and what they are asked to say afterwards. */
export async function myTraining(ctx: RequestContext) {
  const today = ukToday();
  const [upcoming, mine] = await Promise.all([repo.upcomingSessions(ctx.db, today), repo.bookingsOfUser(ctx.db, ctx.actor.id)]);
  const statusBySession = new Map(mine.filter((b) => b.status !== 'cancelled').map((b) => [b.session_id, b.status]));
  const attended = mine.filter((b) => b.status === 'booked' && b.attendance === 'attended');
  return {
    today,
    upcoming: upcoming.map((s) => ({ ...s, placesLeft: Math.max(0, s.places - s.booked), mine: statusBySession.get(s.id) ?? null })),
    booked: mine.filter((b) => b.status !== 'cancelled' && (b.held_on > today || b.cancelled_on)),
    toEvaluate: attended.filter((b) => !b.evaluated),
    impactDue: attended.filter((b) => !b.impact_returned).map((b) => ({ ...b, dueOn: impactDueOn(b.held_on, b.impact_after_months) })),
    manage: mayManage(ctx),
    viewFigures: can(ctx.actor, 'quality.view').allowed,
  };
}
