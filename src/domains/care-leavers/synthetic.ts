import type { CareLeaverEligibility } from '../../db/types-social-care.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { CareLeaverSpell, SocialCareTeamKind, SyntheticChild, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { CLOSURE_REASONS, ELIGIBILITY_LABELS } from './labels.ts';
import { ageOn, birthdayAt, OC3_AGES } from './oc3.ts';
import { CARE_LEAVER_RECORD } from './service.ts';

/**
 * A care leaver's record as the care-leavers service writes it: opened (by leaving care, or from the young
 * person's record), a personal adviser named, pathway plans on the 6-monthly review clock, keeping-in-touch
 * contacts about every 8 weeks with one timed for each 17th–21st birthday (the OC3 answers), and the closure.
 * The service allocates no case (the personal adviser lives on the record, not in `case_allocations`).
 */

interface Staff {
  id: string;
  agencyId: string;
  managerId: string;
}

/** Where a young person lives (OC3 ACCOM letter and suitability digit) and what they do (ACTIV), as it drifts. */
interface Situation {
  home: string;
  activity: string;
}

interface Contact extends Situation {
  date: string;
  inTouch: string;
  notes: string | null;
}

// Weights of OC3 answers: under 18 no foyer and no staying put (the 903 refuses them).
const YOUNGER_HOMES = { D: 40, E: 24, B: 16, C: 4, K: 5, W: 2, V: 2, Y: 1 } as const;
const ADULT_HOMES = { U: 30, D: 18, Z: 10, E: 8, T: 6, B: 10, K: 6, W: 2, V: 2, S: 2, X: 1, Y: 1 } as const;
const YOUNGER_ACTIVITIES = { F2: 40, P2: 8, F4: 8, P4: 2, F5: 5, P5: 5, G5: 24, G4: 4, G6: 2 } as const;
const ADULT_ACTIVITIES = { F1: 10, P1: 3, F2: 14, P2: 5, F4: 8, P4: 2, F5: 20, P5: 10, G5: 19, G4: 5, G6: 6 } as const;
const OUT_OF_TOUCH = { NO: 70, REFU: 25, RHOM: 5 } as const;

const HOME_PLANS = [
  'Settled; plan to move to their own tenancy with a setting-up-home grant.',
  'Happy where they are; staying until college finishes.',
  'On the housing register with priority; bidding for a one-bedroom flat.',
  'Managing well; support to keep it that way and plan the next move.',
  'Wants to live nearer their siblings; adviser to ask housing about a transfer.',
];
const ACTIVITY_PLANS = [
  'Bursary in place; adviser to check attendance with the college each term.',
  'Looking for an apprenticeship; careers adviser appointment booked.',
  'Work coach at the jobcentre; CV written together.',
  'Would like to start a course in September; help with the application agreed.',
  'Part-time work alongside study; budgeting plan agreed.',
];
const PLAN_SUMMARIES = [
  'Health: registered with a GP and dentist. Money: budgeting support. Relationships: sees siblings monthly. Next steps agreed with the young person.',
  'Needs assessment reviewed with the young person. Goals: keep the tenancy, finish the course, learn to drive. Adviser to visit every 8 weeks.',
  'Emotional health: referred to the young adults’ counselling service. Practical skills: cooking and bills. Family time with mother supported.',
  'Identity documents obtained. Savings account opened. The young person chose what to work on next and who will help.',
  'Plan agreed at a meeting the young person chaired. Health, education, housing and money reviewed; no new risks.',
];
const CONTACT_NOTES = [
  'Met for coffee in town; doing well and keen to talk about college.',
  'Home visit; flat clean and tidy, food in the cupboards.',
  'Phone call; worried about money this month, adviser to check benefits.',
  'Visited at work on their break; enjoying the job.',
  'Helped fill in a housing application.',
];
const UNSUITABLE_NOTE = 'Lost their tenancy; in temporary accommodation while housing finds somewhere.';
const NOT_IN_TOUCH_NOTE = 'Tried by phone, text and a home visit; no reply. Will try again through their friends and the college.';

const eligibilityName = (e: CareLeaverEligibility) => ELIGIBILITY_LABELS[e].name.toLowerCase();

function staff(ctx: SyntheticContext, kind: SocialCareTeamKind, child: SyntheticChild): Staff {
  const worker = ctx.worker(kind, child);
  const team = ctx.org.socialCare[kind].find((t) => t.id === worker.teamId);
  return { id: worker.id, agencyId: team?.agencyId ?? ctx.org.agencyIds.csc, managerId: team?.managerId ?? worker.id };
}

/** The date, or the Monday after it when it falls at a weekend (advisers visit on working days). */
function weekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addCalendarDays(date, 2) : day === 0 ? addCalendarDays(date, 1) : date;
}

const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
};

/**
 * A daytime moment on a UK date (British Summer Time from the last Sunday of March to the last Sunday of October).
 * Worked out by hand because `ukMoment` formats through Intl twice (half a millisecond), too slow per row here;
 * for hours from 02:00 on it gives the same moment.
 */
function ukDaytime(date: string, hour: number, minute: number): Date {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const d = Number(date.slice(8, 10));
  const bst = (m > 2 && m < 9) || (m === 2 && d >= lastSunday(y, 2)) || (m === 9 && d < lastSunday(y, 9));
  return new Date(Date.UTC(y, m, d, hour - (bst ? 1 : 0), minute));
}

/** A moment in the working day, in UK time. */
const during = (date: string, rng: Rng): Date => ukDaytime(date, rng.int(9, 16), rng.pick([0, 15, 30, 45]));

function home(rng: Rng, age: number): string {
  const letter = rng.weighted<string>(age < 18 ? YOUNGER_HOMES : ADULT_HOMES);
  if (letter === 'S' || letter === 'X') return `${letter}2`;
  const unsuitable = letter === 'W' || letter === 'V' ? rng.chance(0.7) : rng.chance(0.05);
  return `${letter}${unsuitable ? '2' : '1'}`;
}

const activity = (rng: Rng, age: number) => rng.weighted<string>(age < 18 ? YOUNGER_ACTIVITIES : ADULT_ACTIVITIES);

/**
 * Keeping-in-touch dates: every 5 to 8 weeks (sometimes late), and when a 17th–21st birthday falls before the
 * next one is due, usually a contact within 10 days of it, so the OC3 answer is the birthday's.
 */
function contactDates(openedOn: string, dateOfBirth: string, last: string, rng: Rng): string[] {
  const birthdays = OC3_AGES.map((age) => birthdayAt(dateOfBirth, age));
  const dates: string[] = [];
  let prev = openedOn;
  let next = weekday(addCalendarDays(openedOn, rng.int(7, 42)));
  while (next <= last) {
    // A birthday not yet met (no contact within 10 days of it) that comes before the next contact is due.
    const birthday = birthdays.find((b) => addCalendarDays(b, 10) > prev && b <= addCalendarDays(next, 10));
    if (birthday && rng.chance(0.85)) {
      const near = weekday(addCalendarDays(birthday, rng.int(-10, 7)));
      if (near > prev) next = near;
      if (next > last) break;
    }
    dates.push(next);
    prev = next;
    next = weekday(addCalendarDays(prev, rng.chance(0.85) ? rng.int(35, 54) : rng.int(57, 88)));
  }
  return dates;
}

/** What each contact found: in touch (mostly), where they live and what they do, changing now and then. */
function contactAnswers(dates: string[], dateOfBirth: string, spell: CareLeaverSpell, start: Situation, rng: Rng): Contact[] {
  const engagement = rng.pick([0.97, 0.94, 0.9, 0.75]);
  let now = { ...start };
  return dates.map((date, i) => {
    const age = ageOn(dateOfBirth, date);
    const lastOfClosure = i === dates.length - 1 && spell.closedReason === 'no_longer_needs' && age >= 18;
    if (lastOfClosure && rng.chance(0.5)) return { date, inTouch: 'NREQ', home: '0', activity: '0', notes: null };
    if (!rng.chance(engagement)) {
      const inTouch = age >= 17 ? rng.weighted(OUT_OF_TOUCH) : 'NO';
      // Returned home: the 903 wants accommodation and activity left blank.
      if (inTouch === 'RHOM') {
        now = { ...now, home: 'B1' };
        return { date, inTouch, home: '', activity: '', notes: null };
      }
      return { date, inTouch, home: '0', activity: '0', notes: inTouch === 'NO' ? NOT_IN_TOUCH_NOTE : null };
    }
    // Residential care ends at 18; otherwise about one contact in seven finds them moved.
    const moved = (age >= 18 && now.home.startsWith('C')) || rng.chance(0.15);
    if (moved) now = { ...now, home: home(rng, age) };
    if (rng.chance(0.2)) now = { ...now, activity: activity(rng, age) };
    const notes = moved && now.home.endsWith('2') ? UNSUITABLE_NOTE : rng.chance(0.2) ? rng.pick(CONTACT_NOTES) : null;
    return { date, inTouch: 'YES', ...now, notes };
  });
}

/** The keeping-in-touch summary the service writes: in touch, home (suitability), activity. */
function contactSummary(c: Contact): string {
  const parts = [CARE_LEAVER_IN_TOUCH[c.inTouch]];
  if (c.home && c.home !== '0') parts.push(`${CARE_LEAVER_ACCOMMODATION[c.home[0]!]} (${c.home.endsWith('1') ? 'suitable' : 'unsuitable'})`);
  if (c.activity && c.activity !== '0') parts.push(CARE_LEAVER_ACTIVITY[c.activity]!);
  return `Keeping in touch on ${formatDate(c.date)}: ${parts.join('; ')}`;
}

/** The period of care the young person was in on `date`, if any (an eligible child is still looked after). */
function periodOn(episodes: Parameters<Synthesise>[0]['episodes'], date: string) {
  for (const e of episodes) for (const p of e.carePeriods) if (p.startDate <= date && (p.endDate === null || p.endDate > date)) return p;
  return null;
}

export const synthesise: Synthesise = (journey, ctx) => {
  const spell = journey.careLeaver;
  if (!spell || spell.openedOn > ctx.end) return;
  const { child } = journey;
  const rng = ctx.rng;
  const closedOn = spell.closedOn && spell.closedReason && spell.closedOn <= ctx.end ? spell.closedOn : null;
  // Nothing is recorded on a closed record, so the last day of work is the day before closure.
  const last = closedOn ? addCalendarDays(closedOn, -1) : ctx.end;
  const adviser = staff(ctx, 'leaving_care', child);
  const careWorker = staff(ctx, 'children_in_care', child);
  const chronicle = (at: Date, by: Staff, type: string, summary: string) =>
    ctx.chronology({ personId: child.personId, at, type, summary, agencyId: by.agencyId, by: by.id, recordType: CARE_LEAVER_RECORD, recordId: spell.id });

  // Leaving care opens a relevant or former relevant record in the same step; otherwise it is opened from the
  // young person's record (eligible while still in care by their social worker; qualifying by the adviser), naming the adviser at once.
  const leftCare = journey.episodes.some((e) => e.carePeriods.some((p) => p.endDate === spell.openedOn));
  const byLeaving = leftCare && (spell.eligibility === 'relevant' || spell.eligibility === 'former_relevant');
  const opener = byLeaving || spell.eligibility === 'eligible' ? careWorker : adviser;
  const openedAt = during(spell.openedOn, rng);
  chronicle(openedAt, opener, 'care_leaver.opened', `Care leaver record opened (${eligibilityName(spell.eligibility)}) from ${spell.openedOn}`);
  let updatedAt = openedAt;
  // Opened by leaving care, the leaving care manager names the adviser within the week; from the record, at once.
  const adviserOn = byLeaving ? addCalendarDays(spell.openedOn, rng.int(1, 6)) : spell.openedOn;
  const advised = !byLeaving || adviserOn <= last;
  if (advised) {
    const at = byLeaving ? during(adviserOn, rng) : openedAt;
    // The contract gives no staff names: the summary names the team where the service names the adviser.
    chronicle(at, byLeaving ? { ...adviser, id: adviser.managerId } : opener, 'care_leaver.adviser', 'Personal adviser: a personal adviser in the leaving care team');
    updatedAt = at;
  }

  // An eligible child who then leaves care: leaving care changes the record's status, in the care service's step.
  let eligibility = spell.eligibility;
  if (eligibility === 'eligible') {
    const period = periodOn(journey.episodes, spell.openedOn);
    if (period?.endDate && period.endDate <= last) {
      eligibility = ageOn(child.dateOfBirth, period.endDate) < 18 ? 'relevant' : 'former_relevant';
      updatedAt = during(period.endDate, rng);
      chronicle(updatedAt, careWorker, 'care_leaver.opened', `Care leaver eligibility changed to ${eligibilityName(eligibility)} from ${period.endDate}`);
    }
  }

  const openingAge = ageOn(child.dateOfBirth, spell.openedOn);
  const start: Situation = { home: home(rng, openingAge), activity: activity(rng, openingAge) };
  const contacts = advised ? contactAnswers(contactDates(adviserOn, child.dateOfBirth, last, rng), child.dateOfBirth, spell, start, rng) : [];
  for (const c of contacts) {
    const at = during(c.date, rng);
    ctx.add('care_leaver_contacts', {
      id: ctx.id(at), care_leaver_id: spell.id, person_id: child.personId, contact_date: c.date, in_touch: c.inTouch,
      accommodation: c.home || null, activity: c.activity || null, notes: c.notes, ...ctx.stamp(at, adviser.id),
    });
    chronicle(at, adviser, 'care_leaver.contact', contactSummary(c));
  }

  // Qualifying care leavers are owed advice and assistance, not a pathway plan.
  if (spell.eligibility !== 'qualifying' && advised) {
    const sixteenth = birthdayAt(child.dateOfBirth, 16);
    const firstDue = dueDate('pathwayPlan', sixteenth > spell.openedOn ? sixteenth : spell.openedOn);
    let planDate = weekday(rng.chance(0.85) ? addCalendarDays(spell.openedOn, rng.int(7, 70)) : addCalendarDays(firstDue, rng.int(1, 60)));
    if (planDate <= adviserOn) planDate = addCalendarDays(adviserOn, 1);
    for (let first = true; planDate <= last; first = false) {
      const next = dueDate('pathwayPlanReview', planDate);
      const now = [...contacts].reverse().find((c) => c.date <= planDate && c.inTouch === 'YES') ?? start;
      const at = during(planDate, rng);
      ctx.add('pathway_plans', {
        id: ctx.id(at), care_leaver_id: spell.id, person_id: child.personId, plan_date: planDate, next_review_due: next,
        accommodation: `${CARE_LEAVER_ACCOMMODATION[now.home[0]!]}. ${rng.pick(HOME_PLANS)}`,
        activity: `${CARE_LEAVER_ACTIVITY[now.activity]}. ${rng.pick(ACTIVITY_PLANS)}`,
        summary: rng.pick(PLAN_SUMMARIES), ...ctx.stamp(at, adviser.id),
      });
      chronicle(at, adviser, first ? 'care_leaver.pathway_plan' : 'care_leaver.pathway_plan_review', `${first ? 'Pathway plan' : 'Pathway plan review'} on ${formatDate(planDate)}. Next review due ${formatDate(next)}`);
      // Reviews mostly in the fortnight before they fall due; about one in seven late.
      planDate = weekday(rng.chance(0.85) ? addCalendarDays(next, -rng.int(2, 14)) : addCalendarDays(next, rng.int(1, 43)));
    }
  }

  if (closedOn && spell.closedReason) {
    updatedAt = during(closedOn, rng);
    chronicle(updatedAt, adviser, 'care_leaver.closed', `Care leaver record closed: ${CLOSURE_REASONS[spell.closedReason].toLowerCase()}`);
  }
  ctx.add('care_leavers', {
    id: spell.id, person_id: child.personId, eligibility, personal_adviser_id: advised ? adviser.id : null,
    opened_on: spell.openedOn, closed_on: closedOn, closed_reason: closedOn ? spell.closedReason : null,
    ...ctx.stamp(openedAt, opener.id), updated_at: updatedAt,
  });
};
