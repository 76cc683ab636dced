import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { DEMO_USERS, type DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import type { Attendance, BookingStatus, PracticeChanged } from './tables.ts';

/**
 * A programme around today: courses at each level; sessions held months ago (attendance, evaluations, follow-ups
 * returned and due), a session held last week whose attendance is still to be marked, one cancelled, and sessions to
 * come (one small workshop full with a waiting list). Sam Rowe has a past session to evaluate once attendance is
 * marked and a place is free for him on the voice-of-the-child course; Kit Ellery and Jo Nyland have follow-ups due.
 */
const COURSES = [
  { key: 'awareness', title: 'Safeguarding children: awareness', level: 1, audience: 'Everyone who works or volunteers with children and families', length: 'Half day (3 hours)', months: 3,
    description: 'What abuse and neglect look like, what to do when you are worried about a child, and how to make a referral to the front door.', outcomes: 'Recognise the signs of abuse and neglect\nKnow how to share a concern and with whom\nUnderstand the threshold document' },
  { key: 'neglect', title: 'Recognising and responding to neglect', level: 2, audience: 'Practitioners in all agencies who work with families', length: 'Full day (6 hours)', months: 3,
    description: 'The partnership’s neglect strategy in practice: spotting cumulative neglect early and using the Quality of Care tool with families.', outcomes: 'Use the Quality of Care tool\nRecognise cumulative harm\nPlan help that is specific and measurable' },
  { key: 'domestic', title: 'Domestic abuse and its impact on children', level: 2, audience: 'Practitioners in all agencies', length: 'Half day (3 hours)', months: 3,
    description: 'How domestic abuse affects children of every age, risk assessment with DASH, and referral to MARAC.', outcomes: 'Understand coercive control\nComplete a DASH risk assessment\nKnow when to refer to MARAC' },
  { key: 'exploitation', title: 'Child sexual and criminal exploitation', level: 3, audience: 'Qualified practitioners and managers', length: 'Full day (6 hours)', months: 4,
    description: 'Exploitation outside the home: grooming, county lines, the exploitation screening tool and the MET hub.', outcomes: 'Screen for exploitation\nMap a child’s network and places of concern\nRefer to the MET hub' },
  { key: 'voice', title: 'The voice of the child', level: 2, audience: 'Practitioners in all agencies', length: 'Half day (3 hours)', months: 3,
    description: 'Hearing children’s own words and putting them at the centre of assessments, plans and conferences.', outcomes: 'Use direct work tools with children\nRecord a child’s views in their own words' },
  { key: 'fathers', title: 'Assessments: involving fathers and male carers', level: 3, audience: 'Social workers and early help practitioners who assess families', length: 'Half day (3 hours)', months: 6,
    description: 'Learning from practice reviews about the men in children’s lives who are missed in assessments.', outcomes: 'Identify every adult in the household\nAssess risk and strength in male carers' },
];

type Booking = [email: string, status: BookingStatus, attendance?: Attendance, late?: boolean];
type Evaluation = [email: string, ratings: [number, number, number, number], text: string];
type Impact = [email: string, changed: PracticeChanged, text: string];
const SESSIONS: { course: string; days: number; places: number; venue: string; trainer: string; cancelled?: string; bookings: Booking[]; evaluations?: Evaluation[]; impact?: Impact[] }[] = [
  {
    course: 'neglect', days: -130, places: 20, venue: 'Northminster House, Training Room 2', trainer: 'Helen Marsh, Training and Development Manager',
    bookings: [['sam.rowe', 'booked', 'attended'], ['kit.ellery', 'booked', 'attended'], ['jo.nyland', 'booked', 'attended'], ['rob.delaney', 'booked', 'attended'], ['pat.quinn', 'booked', 'no_show'], ['nia.brooks', 'cancelled', undefined, true]],
    evaluations: [['sam.rowe', [5, 5, 4, 5], 'Use the Quality of Care tool at the first home visit, not only when things get worse.'], ['jo.nyland', [4, 4, 5, 4], 'Share missed appointments with the lead professional straight away.'], ['kit.ellery', [4, 5, 5, 5], 'Ask families about routines and meals, not only the home conditions.']],
    impact: [['sam.rowe', 'a_lot', 'I now score the Quality of Care tool with parents at the start of every assessment and again at review; families say it makes clear what we are asking.'], ['rob.delaney', 'a_little', 'I record cumulative concerns in the chronology more carefully.']],
  },
  {
    course: 'awareness', days: -40, places: 20, venue: 'Northminster House, Training Room 1', trainer: 'Partnership training pool',
    bookings: [['rob.delaney', 'booked', 'attended'], ['nia.brooks', 'booked', 'attended'], ['pat.quinn', 'booked', 'attended'], ['morgan.hale', 'booked', 'no_show'], ['jo.nyland', 'cancelled']],
    evaluations: [['rob.delaney', [4, 4, 3, 4], 'Check the threshold document before every referral.'], ['nia.brooks', [5, 4, 4, 4], 'Explain to young people what will happen when I share a concern.'], ['pat.quinn', [3, 4, 4, 3], 'Make sure every new member of staff knows who the designated safeguarding lead is.']],
  },
  { course: 'domestic', days: -6, places: 20, venue: 'Fernhollow Academy, Conference Room', trainer: 'Brackenshire Domestic Abuse Service', bookings: [['sam.rowe', 'booked'], ['rob.delaney', 'booked'], ['pat.quinn', 'booked']] },
  { course: 'exploitation', days: 10, places: 20, venue: 'Northminster House, Training Room 2', trainer: 'Detective Sergeant Amir Kelly', cancelled: 'The trainer is unwell; the course will be offered again next month.', bookings: [['kit.ellery', 'booked'], ['jo.nyland', 'booked']] },
  { course: 'exploitation', days: 24, places: 4, venue: 'Northminster House, Meeting Room 4 (a small workshop)', trainer: 'Detective Sergeant Amir Kelly', bookings: [['rob.delaney', 'booked'], ['nia.brooks', 'booked'], ['kit.ellery', 'booked'], ['jo.nyland', 'booked'], ['pat.quinn', 'waiting'], ['morgan.hale', 'waiting']] },
  { course: 'voice', days: 31, places: 20, venue: 'Northminster House, Training Room 1', trainer: 'Participation Team, Brackenshire Council', bookings: [['kit.ellery', 'booked'], ['pat.quinn', 'booked'], ['iris.fenwick', 'booked']] },
  { course: 'fathers', days: 52, places: 20, venue: 'Northminster House, Training Room 2', trainer: 'Independent trainer', bookings: [] },
  { course: 'neglect', days: 66, places: 20, venue: 'Brackenshire Community Health, Seminar Room', trainer: 'Helen Marsh, Training and Development Manager', bookings: [['morgan.hale', 'booked']] },
];

export async function seedTrainingDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const tess = org.userIds['tess.marlow@cairn.example'];
  if (!tess) return;
  const courseIds: Record<string, string> = {};
  for (const c of COURSES) {
    courseIds[c.key] = uuidv7();
    await db.insertInto('training_courses').values({ id: courseIds[c.key], title: c.title, level: c.level, audience: c.audience, description: c.description, learning_outcomes: c.outcomes, length: c.length, impact_after_months: c.months, created_by: tess }).execute();
  }
  const who = (name: string) => {
    const user = DEMO_USERS.find((u) => u.email === `${name}@cairn.example`)!;
    return { id: org.userIds[user.email]!, agencyId: org.agencyIds[user.agency]!, role: user.roles[0]! };
  };
  for (const s of SESSIONS) {
    const heldOn = addCalendarDays(today, s.days);
    const sessionId = uuidv7();
    await db.insertInto('training_sessions').values({
      id: sessionId, course_id: courseIds[s.course]!, held_on: heldOn, starts_at: '09:30', ends_at: s.course === 'neglect' || s.course === 'exploitation' ? '16:00' : '12:30', venue: s.venue, places: s.places, trainer: s.trainer,
      cancelled_on: s.cancelled ? addCalendarDays(today, -3) : null, cancelled_reason: s.cancelled ?? null, created_by: tess,
    }).execute();
    const bookedAt = Date.parse(`${addCalendarDays(heldOn, -30)}T09:00:00Z`);
    const bookingIds: Record<string, string> = {};
    for (const [i, [name, status, attendance, late]] of s.bookings.entries()) {
      const user = who(name);
      bookingIds[name] = uuidv7();
      await db.insertInto('training_bookings').values({
        id: bookingIds[name], session_id: sessionId, user_id: user.id, agency_id: user.agencyId, role: user.role, status, queued_at: new Date(bookedAt + i * 3_600_000),
        cancelled_at: status === 'cancelled' ? new Date(`${addCalendarDays(heldOn, late ? -1 : -14)}T10:00:00Z`) : null, late_cancellation: late ?? false, attendance: attendance ?? null, created_by: user.id,
      }).execute();
    }
    for (const [name, [content, trainer, relevance, overall], text] of s.evaluations ?? []) {
      await db.insertInto('training_evaluations').values({ booking_id: bookingIds[name]!, content_rating: content, trainer_rating: trainer, relevance_rating: relevance, overall_rating: overall, will_do_differently: text, created_by: who(name).id }).execute();
    }
    for (const [name, changed, text] of s.impact ?? []) {
      await db.insertInto('training_impact_returns').values({ booking_id: bookingIds[name]!, practice_changed: changed, what_changed: text, returned_on: addCalendarDays(today, -20), created_by: who(name).id }).execute();
    }
  }
  const school = org.userIds['pat.quinn@cairn.example']!;
  const vol = org.userIds['bea.tollard@cairn.example']!;
  await db.insertInto('training_validations').values([
    { agency_id: org.agencyIds.school!, title: 'Safeguarding induction for school staff', level: 1, trainer: 'Designated Safeguarding Lead, Fernhollow Academy', outline: 'A two-hour induction for every new member of staff: signs of abuse and neglect, recording concerns, the designated safeguarding lead’s role, and the partnership’s threshold document.', submitted_on: addCalendarDays(today, -200), decision: 'validated', decided_on: addCalendarDays(today, -170), expires_on: addCalendarDays(today, 560), decision_notes: null, created_by: school, version: 2 },
    { agency_id: org.agencyIds.vol!, title: 'Safeguarding for family support volunteers', level: 1, trainer: 'Volunteer Coordinator, Brackenshire Family Support Trust', outline: 'Half a day for new volunteers: what abuse looks like in the home, what to do when a child says something worrying, and keeping records.', submitted_on: addCalendarDays(today, -12), decision: null, decided_on: null, expires_on: null, decision_notes: null, created_by: vol, version: 1 },
  ]).execute();
}
