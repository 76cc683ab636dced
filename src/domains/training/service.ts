import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository.ts';
import { impactOfCourse } from './repository-returns.ts';
import type { CourseChange, CourseInput, SessionInput } from './schema.ts';

/**
 * The programme the business manager runs: courses and their sessions, and cancelling a session. Bookings and what
 * attendees say afterwards are in service-bookings.ts.
 */

export const COURSE_RECORD = 'training_course';
export const SESSION_RECORD = 'training_session';

export async function addCourse(ctx: RequestContext, input: CourseInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: COURSE_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertCourse(trx, {
      id, title: input.title, level: input.level, audience: input.audience, description: input.description,
      learning_outcomes: input.learningOutcomes, length: input.length, impact_after_months: input.impactAfterMonths, created_by: ctx.actor.id,
    });
  });
  return result.id;
}

export async function courseList(ctx: RequestContext) {
  authorise(ctx, 'partnership.manage');
  return repo.courseList(ctx.db, ukToday());
}

/** A course, its sessions and (without names) what its attendees said months later. */
export async function coursePage(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const course = await repo.findCourse(ctx.db, id);
  if (!course) throw new NotFoundError();
  const [sessions, impact] = await Promise.all([repo.sessionsOfCourse(ctx.db, id), impactOfCourse(ctx.db, id)]);
  return { course, sessions, impact };
}

export async function courseFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const course = await repo.findCourse(ctx.db, id);
  if (!course) throw new NotFoundError();
  return course;
}

/**
 * Changes a course at the version the business manager read. A new follow-up interval applies to every session of
 * the course, held or not: follow-up dates are worked out when shown, never stored.
 */
export async function changeCourse(ctx: RequestContext, id: string, input: CourseChange): Promise<void> {
  await courseFor(ctx, id);
  const saved = await repo.updateCourseAtVersion(ctx.db, id, input.version, {
    title: input.title, level: input.level, audience: input.audience, description: input.description, learning_outcomes: input.learningOutcomes, length: input.length, impact_after_months: input.impactAfterMonths,
  });
  if (!saved) throw new ConflictError('Someone else changed this course after you opened it. Your changes have not been saved: look at the course as it is now and try again.');
}

/** A session is planned ahead: one dated in the past would take bookings nobody could make. */
export async function addSession(ctx: RequestContext, courseId: string, input: SessionInput & { idempotencyKey: string }): Promise<string> {
  await courseFor(ctx, courseId);
  if (input.heldOn <= ukToday()) throw new FieldProblem('heldOn', 'The session must be after today');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: SESSION_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertSession(trx, { id, course_id: courseId, held_on: input.heldOn, starts_at: input.startsAt, ends_at: input.endsAt, venue: input.venue, places: input.places, trainer: input.trainer, created_by: ctx.actor.id });
  });
  return result.id;
}

/**
 * Cancels a session that has not yet been held. Its bookings are kept as they were, so each delegate finds it in
 * their work and on their training page as cancelled, and the year's figures count it.
 */
export async function cancelSession(ctx: RequestContext, id: string, reason: string): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const today = ukToday();
  await ctx.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, id);
    if (!session) throw new NotFoundError();
    if (session.cancelled_on) return;
    if (session.held_on < today) throw new StateError('This session has already been held, so it cannot be cancelled.');
    await repo.cancelSession(trx, id, today, reason);
  });
}
