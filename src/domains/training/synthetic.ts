import { financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import type { BookingStatus, PracticeChanged } from './tables.ts';
import { impactDueOn, isLateCancellation } from './service-bookings.ts';

/**
 * The partnership's training programme in the synthetic authority: one financial year (the last complete one before
 * the end of the data) at partnership level, written once whatever the number of children. Seed 003 reports over 40
 * courses in 90 sessions with 867 delegates in a year; seed 001 places of 20 a session, most evaluations positive and
 * a third of attendees returning the learning-impact follow-up. Delegates are the authority's staff, so at small
 * scales sessions fill only as far as there are staff to fill them.
 */
export const COURSE_COUNT = 40;
export const SESSION_COUNT = 90;
const PLACES = 20;
const TOPICS: [string, string][] = [
  ['Safeguarding children: awareness', 'Everyone who works or volunteers with children'],
  ['Working together to safeguard children', 'Practitioners in all agencies'],
  ['Recognising and responding to neglect', 'Practitioners in all agencies'],
  ['Domestic abuse and its impact on children', 'Practitioners in all agencies'],
  ['Child sexual exploitation', 'Practitioners in all agencies'],
  ['Criminal exploitation and county lines', 'Practitioners in all agencies'],
  ['The voice of the child', 'Practitioners in all agencies'],
  ['Assessments: involving fathers and male carers', 'Practitioners who assess families'],
  ['Parental mental health and children', 'Practitioners in all agencies'],
  ['Parental substance misuse', 'Practitioners in all agencies'],
  ['Harmful sexual behaviour', 'Practitioners in all agencies'],
  ['Safer sleep and infant safety', 'Health and early years practitioners'],
  ['Cultural competence in safeguarding', 'Practitioners in all agencies'],
  ['Risk-taking behaviour in adolescents', 'Practitioners who work with young people'],
  ['Strategy discussions for managers', 'Managers who chair strategy discussions'],
  ['Core groups and child protection plans', 'Core group members'],
  ['Early help assessment and the Team Around the Child', 'Early help practitioners and lead professionals'],
  ['Learning from practice reviews', 'Practitioners and managers in all agencies'],
  ['Information sharing and consent', 'Practitioners in all agencies'],
  ['Working with resistant families', 'Practitioners in all agencies'],
];
const FORMATS: [suffix: string, level: number][] = [['', 2], [': for managers and senior practitioners', 3]];
const CHANGED: Record<PracticeChanged, number> = { a_lot: 35, a_little: 45, not_yet: 12, not_at_all: 8 };

type Delegate = { id: string; agencyId: string; role: string };

/** The authority's staff who book training: social care and early help teams and the partner agencies' practitioners. */
function staffOf(ctx: SyntheticContext): Delegate[] {
  const seen = new Map<string, Delegate>();
  const add = (id: string, agencyId: string, role: string) => seen.has(id) || seen.set(id, { id, agencyId, role });
  for (const team of [...Object.values(ctx.org.socialCare).flat(), ...ctx.org.earlyHelp]) {
    for (const w of team.workerIds) add(w, team.agencyId, 'practitioner');
    add(team.managerId, team.agencyId, 'manager');
  }
  for (const [key, id] of Object.entries(ctx.org.partnerUserIds)) add(id, ctx.org.agencyIds[key as keyof typeof ctx.org.agencyIds], key === 'csc' || key === 'eh' ? 'practitioner' : 'partner_practitioner');
  return [...seen.values()];
}

/** `count` different delegates, drawn without repeats. */
function sample<T>(rng: Rng, list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

function workingDayIn(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  for (;;) {
    const day = addCalendarDays(from, rng.int(0, span));
    if (isWorkingDay(day)) return day;
  }
}

export const synthesise: Synthesise = (_journey, ctx) => {
  ctx.once('training:programme', () => {
    synthesiseProgramme(ctx);
    return 'training';
  });
};

/** The last complete financial year's programme: courses, sessions, bookings, attendance, evaluations, follow-ups. */
export function synthesiseProgramme(ctx: SyntheticContext): void {
  const { rng, end } = ctx;
  const manager = ctx.org.functions.business.userId;
  const { from, to } = financialYearRange(financialYearStart(addCalendarDays(end, 1)) - 1);
  const courses = TOPICS.flatMap(([topic, audience]) => FORMATS.map(([suffix, level]) => ({ title: `${topic}${suffix}`, audience, level: topic.endsWith('awareness') ? 1 : level, id: '' }))).slice(0, COURSE_COUNT);
  for (const c of courses) {
    c.id = ctx.id(from);
    ctx.add('training_courses', {
      id: c.id, title: c.title, level: c.level, audience: c.audience, description: `The partnership’s ${c.title.toLowerCase()} course.`, learning_outcomes: 'Recognise the signs\nKnow what to do and whom to tell',
      length: c.level === 3 ? 'Full day (6 hours)' : 'Half day (3 hours)', impact_after_months: 3, ...ctx.stamp(from, manager), version: 1,
    });
  }
  const staff = staffOf(ctx);
  for (let i = 0; i < SESSION_COUNT; i++) {
    // Every course runs once; the rest of the sessions go mostly to the awareness and level 2 courses.
    const course = i < courses.length ? courses[i]! : rng.chance(0.7) ? rng.pick(courses.filter((c) => c.level < 3)) : rng.pick(courses);
    const heldOn = workingDayIn(rng, from, to);
    const sessionId = ctx.id(addCalendarDays(heldOn, -60));
    const cancelled = rng.chance(0.05);
    const cancelledOn = cancelled ? addCalendarDays(heldOn, -rng.int(3, 20)) : null;
    ctx.add('training_sessions', {
      id: sessionId, course_id: course.id, held_on: heldOn, starts_at: '09:30', ends_at: course.level === 3 ? '16:00' : '12:30', venue: 'Northminster House', places: PLACES, trainer: 'Partnership training pool',
      cancelled_on: cancelledOn, cancelled_reason: cancelled ? 'Too few bookings' : null, ...ctx.stamp(addCalendarDays(heldOn, -60), manager), version: cancelled ? 2 : 1,
    });
    // Those who ask first get places; a place given up goes to the first still waiting, as the service does it.
    const asking = sample(rng, staff, Math.min(staff.length, rng.int(12, PLACES + 4)));
    const withdrew = asking.map((_, n) => !cancelled && n < PLACES && rng.chance(0.08));
    const promoted = withdrew.filter(Boolean).length;
    asking.forEach((delegate, n) => {
      const status = withdrew[n] ? 'cancelled' : n < PLACES + promoted ? 'booked' : 'waiting';
      synthesiseBooking(ctx, { sessionId, heldOn, cancelled, delegate, status, queuedOn: addCalendarDays(heldOn, -45 + n), promoted: status === 'booked' && n >= PLACES });
    });
  }
}

/** One delegate's booking: a place or the waiting list in the order asked, then a cancellation, or attendance and what they said. */
function synthesiseBooking(ctx: SyntheticContext, b: { sessionId: string; heldOn: string; cancelled: boolean; delegate: Delegate; status: BookingStatus; queuedOn: string; promoted: boolean }): void {
  const { rng, end } = ctx;
  const status = b.status;
  const cancelledOn = status === 'cancelled' ? addCalendarDays(b.heldOn, -rng.int(0, 20)) : null;
  const attendance = status === 'booked' && !b.cancelled ? (rng.chance(0.07) ? 'no_show' : 'attended') : null;
  const id = ctx.id(b.queuedOn);
  ctx.add('training_bookings', {
    id, session_id: b.sessionId, user_id: b.delegate.id, agency_id: b.delegate.agencyId, role: b.delegate.role, status, queued_at: new Date(`${b.queuedOn}T09:00:00Z`),
    // Places given up are given up in the last three weeks before the session (see cancelledOn below).
    promoted_at: b.promoted ? new Date(`${addCalendarDays(b.heldOn, -1)}T10:00:00Z`) : null,
    cancelled_at: cancelledOn ? new Date(`${cancelledOn}T10:00:00Z`) : null, late_cancellation: cancelledOn ? isLateCancellation(b.heldOn, cancelledOn) : false, attendance, ...ctx.stamp(b.queuedOn, b.delegate.id), version: attendance ? 2 : 1,
  });
  if (attendance !== 'attended') return;
  if (rng.chance(0.8)) {
    const score = () => Math.min(5, Math.max(1, Math.round(4.2 + rng.normal() * 0.7)));
    ctx.add('training_evaluations', { id: ctx.id(b.heldOn), booking_id: id, content_rating: score(), trainer_rating: score(), relevance_rating: score(), overall_rating: score(), will_do_differently: 'Use what I learned with the families I work with.', created_at: new Date(`${b.heldOn}T16:00:00Z`), created_by: b.delegate.id });
  }
  const due = impactDueOn(b.heldOn, 3);
  const returnedOn = addCalendarDays(due, rng.int(0, 30));
  if (returnedOn <= end && rng.chance(0.33)) {
    ctx.add('training_impact_returns', { id: ctx.id(returnedOn), booking_id: id, practice_changed: rng.weighted(CHANGED), what_changed: 'I share concerns earlier and record the child’s views more fully.', returned_on: returnedOn, created_at: new Date(`${returnedOn}T12:00:00Z`), created_by: b.delegate.id });
  }
}
