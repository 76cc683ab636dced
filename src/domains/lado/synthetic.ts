import { addCalendarDays, addMonths, addWorkingDays, FIRST_KNOWN_YEAR } from '../../platform/calendar/working-days.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { searchKey } from '../people/names.ts';
import type { CATEGORIES, REFERRING_AGENCIES, SANCTIONS, SECTORS } from './labels.ts';
import { CHILD_CHRONOLOGY_SUMMARY, LADO_RECORD } from './service.ts';

/**
 * LADO cases as the LADO records them, each about an adult who works with one child of the population. Seed 001
 * (Peterborough, about 44,000 children) had 58 advice-only concerns and 36 allegations that went to a meeting in
 * 2012/13: about 94 a year, so a child aged 2 to 17 has about a 1 in 470 chance a year (some children are never of
 * an age to be involved). The referring agencies and categories follow the seed's tables; outcomes and sanctions
 * follow the national picture (most allegations unsubstantiated or unfounded, about a quarter substantiated).
 */
const YEARLY_CHANCE = 0.0021;
const MEETING_SHARE = 36 / 94;
const YEARS_BACK = 3;
const EARLIEST = `${FIRST_KNOWN_YEAR + 1}-01-01`;
type Agency = keyof typeof REFERRING_AGENCIES;
const AGENCIES: Partial<Record<Agency, number>> = { education: 13, other: 13, foster_carers: 4, social_care: 3, health: 2, faith: 2, secure_estate: 1, voluntary_youth: 2, police: 3 };
const SECTOR_OF: Partial<Record<Agency, keyof typeof SECTORS>> = { education: 'education', foster_carers: 'foster_care', social_care: 'residential', health: 'health', faith: 'faith', secure_estate: 'secure_estate', voluntary_youth: 'voluntary_youth' };
const OTHER_SECTORS: Partial<Record<keyof typeof SECTORS, number>> = { early_years: 5, sport: 3, transport: 2, other: 3, education: 2 };
const CATEGORY_WEIGHTS: Record<keyof typeof CATEGORIES, number> = { physical: 16, sexual: 12, emotional: 5, neglect: 1, conduct: 8 };
const OUTCOMES = { substantiated: 26, unsubstantiated: 34, unfounded: 30, false: 7, malicious: 3 };
const ROLES: Record<string, string> = { education: 'Teacher', early_years: 'Nursery practitioner', residential: 'Residential care worker', foster_care: 'Foster carer', health: 'Nurse', faith: 'Youth leader at a place of worship', secure_estate: 'Custody officer', voluntary_youth: 'Youth worker', sport: 'Sports coach', transport: 'School transport driver', other: 'Tutor' };
const PLACES = ['Brackenridge', 'Holmwood', 'Kestrel Vale', 'Larchfield', 'Millbourne', 'Sedgecombe'];
const EMPLOYER_KIND: Record<string, string> = { education: 'Academy', early_years: 'Nursery', residential: 'Children’s Home', foster_care: 'Fostering Service', health: 'Health Trust', faith: 'Church', secure_estate: 'Secure Centre', voluntary_youth: 'Youth Club', sport: 'Sports Club', transport: 'Travel' };
const GIVEN = ['Alaric', 'Brenna', 'Caspian', 'Delphine', 'Eamon', 'Fenella', 'Gideon', 'Hester', 'Ivo', 'Juno'];
const FAMILY = ['Wrenfield', 'Oakhurst', 'Calloway', 'Pemberly', 'Ashdown', 'Thornby', 'Marchetti', 'Okafor-Lane'];

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  const { child } = journey;
  for (let year = 0; year < YEARS_BACK; year++) {
    if (!ctx.rng.chance(YEARLY_CHANCE)) continue;
    const receivedOn = addCalendarDays(addMonths(ctx.end, -12 * (year + 1)), ctx.rng.int(1, 364));
    const age = Number(receivedOn.slice(0, 4)) - Number(child.dateOfBirth.slice(0, 4));
    if (receivedOn > ctx.end || receivedOn < EARLIEST || age < 2 || age > 17) continue;
    synthesiseCase(journey, ctx, receivedOn);
  }
};

/** One concern about an adult who works with this child, from receipt to closure (or the end of the data). */
export function synthesiseCase(journey: Journey, ctx: SyntheticContext, receivedOn: string): void {
  const rng = ctx.rng;
  const lado = ctx.org.partnerUserIds.csc;
  const stamp = (on: string) => ctx.stamp(on, lado);
  const agency = rng.weighted(AGENCIES as Record<Agency, number>);
  const sector = SECTOR_OF[agency] ?? rng.weighted(OTHER_SECTORS as Record<keyof typeof SECTORS, number>);
  const adultId = ctx.id(receivedOn);
  const [given, family] = [rng.pick(GIVEN), rng.pick(FAMILY)];
  ctx.add('people', {
    id: adultId, person_type: 'adult', given_name: given, family_name: family, date_of_birth: addCalendarDays(receivedOn, -rng.int(22 * 365, 60 * 365)), date_of_death: null, expected_date_of_delivery: null, sex: rng.chance(0.55) ? 'M' : 'F', ethnicity: null,
    nhs_number: null, upn: null, language: null, disabilities: ['NONE'], allocated_team_id: null, search_name: searchKey(given, family), ...stamp(receivedOn),
  });
  // Most initial considerations are made the day after receipt; some take longer.
  const decidedOn = addWorkingDays(receivedOn, rng.chance(0.8) ? rng.int(0, 1) : rng.int(2, 4));
  const meeting = rng.chance(MEETING_SHARE);
  const closedOn = addWorkingDays(decidedOn, meeting ? Math.round(rng.logNormal(45, 0.5)) : rng.int(1, 10));
  const decided = decidedOn <= ctx.end;
  const closed = decided && closedOn <= ctx.end;
  const id = ctx.id(receivedOn);
  const outcome = closed && meeting ? rng.weighted(OUTCOMES) : null;
  const sanctions: (keyof typeof SANCTIONS)[] = !closed || !meeting ? [] : outcome === 'substantiated' ? (rng.chance(0.4) ? ['dismissal', 'dbs_referral'] : ['disciplinary_warning', 'training']) : rng.chance(0.3) ? ['training'] : ['no_action'];
  ctx.add('lado_cases', {
    id, adult_id: adultId, adult_role: ROLES[sector] ?? 'Volunteer', employer: `${rng.pick(PLACES)} ${EMPLOYER_KIND[sector] ?? 'Services'}`, sector, referring_agency: agency, referrer_name: 'Designated safeguarding lead',
    received_on: receivedOn, category: rng.weighted(CATEGORY_WEIGHTS), allegation: 'Concern reported by the referrer; details held by the LADO.', consideration_due: addWorkingDays(receivedOn, 1),
    decision: decided ? (meeting ? 'meeting' : 'advice_only') : null, decided_on: decided ? decidedOn : null, decision_reasons: decided ? (meeting ? 'The threshold for an allegation management meeting is met.' : 'Advice given to the employer; no further LADO action.') : null, decided_by: decided ? lado : null,
    police_informed_on: decided && meeting ? decidedOn : null, employer_informed_on: decided ? decidedOn : null, dbs_referred_on: sanctions.includes('dbs_referral') ? closedOn : null, regulator: null, regulator_informed_on: null,
    outcome, sanctions, closed_on: closed ? closedOn : null, closure_notes: null, ...stamp(receivedOn), version: 1,
  });
  ctx.add('lado_case_children', { case_id: id, person_id: journey.child.personId });
  ctx.chronology({ personId: journey.child.personId, at: receivedOn, type: 'lado.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agencyId: ctx.org.agencyIds.csc, by: lado, recordType: LADO_RECORD, recordId: id });
  if (!decided || !meeting) return;
  // Meetings every few weeks until the case closes; each agrees an action, done before the next.
  for (let on = addWorkingDays(decidedOn, rng.int(2, 5)), n = 0; n < 3 && on <= ctx.end && (!closed || on <= closedOn); n++) {
    const meetingId = ctx.id(on);
    const next = addWorkingDays(on, rng.int(15, 25));
    ctx.add('lado_meetings', { id: meetingId, case_id: id, held_on: on, summary: 'Information shared by the police and employer; next steps agreed.', next_meeting_on: closed && next > closedOn ? null : next, ...stamp(on), version: 1 });
    ctx.add('lado_meeting_attendees', { meeting_id: meetingId, position: 0, name: 'LADO', agency: 'LADO Service' });
    ctx.add('lado_meeting_attendees', { meeting_id: meetingId, position: 1, name: 'Investigating officer', agency: 'Police' });
    const due = addWorkingDays(on, 10);
    const doneOn = addWorkingDays(on, rng.int(5, 12));
    const done = doneOn <= ctx.end && (!closed || doneOn <= closedOn) ? doneOn : closed ? closedOn : null;
    ctx.add('lado_actions', { id: ctx.id(on), case_id: id, meeting_id: meetingId, what: 'Employer to report on its investigation', owner: 'Employer', due_on: due, done_on: done, ...stamp(on), version: 1 });
    on = next;
  }
}
