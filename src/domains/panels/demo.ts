import { type Insertable, type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, PanelKind } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { localityForPostcode } from '../people/localities.ts';
import { random } from '../people/synthetic.ts';
import { orderAgenda } from './agenda.ts';
import { CLOSURE_OUTCOMES, MASG_SERVICES, PANEL_KINDS } from './codes.ts';
import { REFERRAL_SOURCE } from './repository.ts';

type Table = 'panels' | 'panel_referrals' | 'panel_meetings' | 'panel_agenda_items' | 'panel_attendance' | 'panel_actions' | 'involvements' | 'chronology';
type Rows = { [T in Table]: Insertable<Database[T]>[] };

const PANELS: { kind: PanelKind; name: string; locality: string | null; every: number; held: number; referrals: number }[] = [
  { kind: 'masg', name: 'North, West and Rural MASG', locality: 'north_west_rural', every: 14, held: 5, referrals: 10 },
  { kind: 'masg', name: 'Central and East MASG', locality: 'central_east', every: 14, held: 5, referrals: 10 },
  { kind: 'masg', name: 'South MASG', locality: 'south', every: 14, held: 5, referrals: 10 },
  { kind: 'unborn_baby', name: 'Unborn Baby Panel', locality: null, every: 28, held: 3, referrals: 6 },
  { kind: 'met_hub', name: 'MET hub', locality: null, every: 28, held: 3, referrals: 8 },
];

const DECISIONS: Record<PanelKind, string[]> = {
  masg: [
    'Housing to complete an assessment of the family’s accommodation; school to offer a mentor.',
    'Children’s centre to offer a parenting programme; 0–19 service to review sleep and routines.',
    'Lead professional to hold a TAC meeting within two weeks with the new services invited.',
    'Educational psychology to assess; attendance officer to agree a part-time timetable with the family.',
    'Domestic abuse service to contact mother; school to monitor and share concerns weekly.',
  ],
  unborn_baby: [
    'Pre-birth assessment to start; midwife to share the birth plan with the hospital safeguarding team.',
    'Referral to the substance misuse service; review the plan at 32 weeks.',
    'Birth plan agreed with mother; health visitor to visit within a week of the birth.',
  ],
  met_hub: [
    'Police to complete the exploitation risk screening; return home interview within 72 hours of any missing episode.',
    'Youth offending service to offer mentoring; school to share attendance daily.',
    'Disruption activity agreed with police; social care to review the safety plan.',
  ],
};
const REASONS: Record<PanelKind, string[]> = {
  masg: [
    'The Team Around the Child has met three times without progress: attendance is still below 70% and the family is overcrowded.',
    'Stepped down after assessment. Needs remain around routines and boundaries; the family asks for help with housing.',
    'Behaviour at school and at home is escalating; mother is struggling and services are not joined up.',
    'Parents’ conflict and father’s mental health are affecting the children; the family has not engaged with the services offered so far.',
  ],
  unborn_baby: [
    'Mother is 20 weeks pregnant; two older children were removed in 2023. A pre-birth plan is needed.',
    'Substance misuse in the household and no settled accommodation; the baby is due in the spring.',
    'Young mother (17) with limited support; domestic abuse by the father of the baby is reported.',
  ],
  met_hub: [
    'Missing from home four times in six weeks, found in another town; older associates suspected of exploitation.',
    'Found with large amounts of cash and a second phone; school reports a sudden change in friendships.',
    'Concerns of sexual exploitation: gifts and lifts from adults met online.',
  ],
};
const ATTENDEES: { name: string; organisation: string }[] = [
  { name: 'Dana Holt', organisation: 'Brackenshire Housing' },
  { name: 'Sunil Rao', organisation: 'Youth Offending Service' },
  { name: 'Meg Carter', organisation: '0–19 Service' },
];

/** The working day on or before a date. */
function workingDayOnOrBefore(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const at = (date: string, hour = 10) => new Date(startOfUkDay(date).getTime() + hour * 3_600_000);

interface Sim {
  id: string;
  personId: string;
  edd: string | null;
  referredOn: string;
  referredBy: string;
  status: 'awaiting' | 'open' | 'closed';
  nextReview: string | null;
  score: number | null;
  discussions: number;
  services: Set<string>;
  closedOn: string | null;
  outcome: string | null;
}

/**
 * The five panels of the demo partnership, all chaired by Chris Varley: about forty referrals by route and
 * presenting issue, meetings held over the last ten weeks (attendance, decisions, distance travelled mostly
 * rising, actions some overdue), and one meeting to come for each panel with its agenda built from the cases due.
 */
export async function seedPanelsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const rnd = random(4040);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const user = (email: string) => org.userIds[`${email}@cairn.example`]!;
  const chair = user('chris.varley');
  const eh = org.agencyIds.eh!;
  const rows: Rows = { panels: [], panel_referrals: [], panel_meetings: [], panel_agenda_items: [], panel_attendance: [], panel_actions: [], involvements: [], chronology: [] };
  const note = (personId: string, date: string, type: string, summary: string, agencyId: string, by: string, referralId: string) =>
    rows.chronology.push({ person_id: personId, occurred_at: at(date, 15), entry_type: type, summary, agency_id: agencyId, recorded_by: by, record_type: 'panel_referral', record_id: referralId });

  const people = await sql<{ id: string; person_type: string; date_of_birth: string | null; expected_date_of_delivery: string | null; postcode: string | null }>`
    SELECT p.id, p.person_type, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, to_char(p.expected_date_of_delivery, 'YYYY-MM-DD') AS expected_date_of_delivery,
      (SELECT a.postcode FROM person_addresses a WHERE a.person_id = p.id AND a.end_date IS NULL ORDER BY a.start_date DESC LIMIT 1) AS postcode
    FROM people p WHERE p.person_type <> 'adult' AND NOT p.restricted AND p.merged_into IS NULL ORDER BY p.id`.execute(db);
  const used = new Set<string>();
  const ageOn = (dob: string | null) => (dob ? (Date.parse(today) - Date.parse(dob)) / 31_557_600_000 : -1);
  const candidates = (kind: PanelKind, locality: string | null) =>
    people.rows.filter((p) => !used.has(p.id) && (kind === 'unborn_baby' ? p.person_type === 'unborn'
      : p.person_type === 'child' && (kind === 'met_hub' ? ageOn(p.date_of_birth) >= 10 : localityForPostcode(p.postcode) === locality)));

  PANELS.forEach((def, index) => {
    const panelId = uuidv7();
    const config = PANEL_KINDS[def.kind];
    rows.panels.push({ id: panelId, kind: def.kind, name: def.name, locality: def.locality, chair_id: chair, meets_every_days: def.every, created_by: chair, created_at: at(addCalendarDays(today, -120)) });
    // Each panel meets on its own day; the last meeting held was within the last cycle, the next one is still to come.
    const lastHeld = workingDayOnOrBefore(addCalendarDays(today, -(2 + 3 * index)));
    const heldDates = Array.from({ length: def.held }, (_, k) => addCalendarDays(lastHeld, -def.every * (def.held - 1 - k)));
    const upcoming = addCalendarDays(lastHeld, def.every);

    const sims: Sim[] = candidates(def.kind, def.locality).slice(0, def.referrals).map((p) => {
      used.add(p.id);
      return {
        id: '', personId: p.id, edd: p.expected_date_of_delivery, referredOn: minDate(addCalendarDays(heldDates[0]!, -7 + Math.floor(rnd() * (def.every * def.held))), addCalendarDays(today, -1)),
        referredBy: '', status: 'awaiting', nextReview: null, score: null, discussions: 0, services: new Set(), closedOn: null, outcome: null,
      };
    });
    // The latest referrals arrived after the last meeting: they wait for the next one.
    for (const s of sims.slice(sims.length - Math.floor(sims.length / 4))) s.referredOn = minDate(addCalendarDays(lastHeld, 1 + Math.floor(rnd() * 4)), addCalendarDays(today, -1));
    // Referral ids are time-ordered, as real referrals' would be.
    sims.sort((a, b) => a.referredOn.localeCompare(b.referredOn));
    for (const s of sims) {
      s.id = uuidv7();
      const route = def.kind === 'masg' ? pick(['caf', 'caf', 'step_down_initial', 'step_down_initial', 'step_down_core', 'contact_below_threshold']) : pick(Object.keys(config.routes));
      s.referredBy = def.kind === 'masg' && route === 'caf' ? user('kit.ellery') : def.kind === 'unborn_baby' && ['midwife', 'health_visitor'].includes(route) ? user('jo.nyland') : user('sam.rowe');
      const referringAgency = s.referredBy === user('kit.ellery') ? eh : s.referredBy === user('jo.nyland') ? org.agencyIds.health! : org.agencyIds.csc!;
      const issues = [...new Set([pick(Object.keys(config.issues).slice(0, 7)), pick(Object.keys(config.issues)), ...(rnd() < 0.4 ? [pick(Object.keys(config.issues))] : [])])];
      rows.panel_referrals.push({
        id: s.id, panel_id: panelId, person_id: s.personId, route, presenting_issues: issues, reason: pick(REASONS[def.kind]),
        referred_on: s.referredOn, referred_by: s.referredBy, referring_agency_id: referringAgency, created_by: s.referredBy, created_at: at(s.referredOn, 11),
      });
      rows.involvements.push({ person_id: s.personId, agency_id: eh, basis: 'panel', detail: `Referred to ${def.name}`, start_date: s.referredOn, source_type: REFERRAL_SOURCE, source_id: s.id, created_by: s.referredBy });
      note(s.personId, s.referredOn, 'panel.referred', `Referred to ${def.name}`, referringAgency, s.referredBy, s.id);
    }

    const due = (date: string) => sims.filter((s) => s.referredOn < date && (s.status === 'awaiting' || (s.status === 'open' && s.nextReview! <= date)));
    const ordered = (date: string) =>
      orderAgenda(def.kind, due(date).map((s) => ({ id: s.id, referralId: s.id, itemType: s.status === 'awaiting' ? ('new' as const) : ('review' as const), referredOn: s.referredOn, reviewDue: s.nextReview, expectedDateOfDelivery: s.edd, s })));

    heldDates.forEach((date, k) => {
      const meetingId = uuidv7();
      rows.panel_meetings.push({ id: meetingId, panel_id: panelId, meeting_date: date, location: 'Brackenshire House, room 2', status: 'held', created_by: chair, created_at: at(addCalendarDays(date, -def.every)) });
      rows.panel_attendance.push({ meeting_id: meetingId, user_id: chair, name: 'Chris Varley', agency_id: eh, attendance: 'present', created_by: chair });
      rows.panel_attendance.push({ meeting_id: meetingId, user_id: user('kit.ellery'), name: 'Kit Ellery', agency_id: eh, attendance: rnd() < 0.85 ? 'present' : 'apologies', created_by: chair });
      rows.panel_attendance.push({ meeting_id: meetingId, user_id: user('sam.rowe'), name: 'Sam Rowe', agency_id: org.agencyIds.csc!, attendance: rnd() < 0.8 ? 'present' : 'apologies', created_by: chair });
      rows.panel_attendance.push({ meeting_id: meetingId, user_id: user('jo.nyland'), name: 'Jo Nyland', agency_id: org.agencyIds.health!, attendance: pick(['present', 'present', 'apologies', 'absent'] as const), created_by: chair });
      for (const a of ATTENDEES) rows.panel_attendance.push({ meeting_id: meetingId, user_id: null, name: a.name, organisation: a.organisation, attendance: rnd() < 0.75 ? 'present' : 'apologies', created_by: chair });
      const next = k + 1 < heldDates.length ? heldDates[k + 1]! : upcoming;
      ordered(date).forEach(({ s, itemType }, position) => {
        const item: Insertable<Database['panel_agenda_items']> = { meeting_id: meetingId, referral_id: s.id, item_type: itemType, position: position + 1, created_by: chair };
        if (rnd() < 0.06) {
          rows.panel_agenda_items.push({ ...item, status: 'deferred', decision: 'Not reached: the referrer could not attend.' });
          note(s.personId, date, 'panel.deferred', `Not discussed at ${def.name} on ${formatDate(date)}: deferred to the next meeting`, eh, chair, s.id);
          return;
        }
        s.discussions += 1;
        // Most children move on: each review scores the same or better, now and then a step back.
        const score = config.scoresDistance ? Math.max(1, Math.min(10, s.score === null ? 2 + Math.floor(rnd() * 4) : s.score + pick([0, 1, 1, 2, 2, 3, -1]))) : null;
        const services = config.scoresDistance ? [...new Set([pick(Object.keys(MASG_SERVICES).slice(0, 5)), pick(Object.keys(MASG_SERVICES))])] : [];
        services.forEach((x) => s.services.add(x));
        s.score = score;
        const closing = s.discussions >= 2 && rnd() < 0.22;
        const outcome = closing ? pick(['needs_met', 'needs_met', 'continued_tac', 'stepped_up', 'no_longer_meets_criteria']) : null;
        const review = closing ? null : rnd() < 0.8 ? next : addCalendarDays(next, def.every);
        const text = pick(DECISIONS[def.kind]);
        rows.panel_agenda_items.push({
          ...item, status: 'decided', discussion: 'The referrer presented the family’s progress; members shared what their services know.', decision: text,
          distance_score: score, next_review_due: review, services_offered: services, closure_outcome: outcome,
        });
        const scoreText = score ? `distance travelled ${score} out of 10; ` : '';
        if (closing) {
          Object.assign(s, { status: 'closed', nextReview: null, closedOn: date, outcome });
          note(s.personId, date, 'panel.referral_closed', `${def.name} closed the referral: ${CLOSURE_OUTCOMES[outcome!]!.toLowerCase()}`, eh, chair, s.id);
        } else {
          Object.assign(s, { status: 'open', nextReview: review });
          note(s.personId, date, 'panel.discussed', `${itemType === 'new' ? 'First discussed' : 'Reviewed'} at ${def.name}: ${scoreText}next review ${formatDate(review)}`, eh, chair, s.id);
        }
        if (rnd() < 0.6) {
          const owner = pick(['kit.ellery', 'kit.ellery', 'sam.rowe', 'morgan.hale']);
          const dueOn = addCalendarDays(date, 7 + Math.floor(rnd() * 21));
          const completed = dueOn < today && rnd() < 0.65 ? addCalendarDays(dueOn, -Math.floor(rnd() * 5)) : null;
          const action = text.split(';')[0]!;
          rows.panel_actions.push({ referral_id: s.id, meeting_id: meetingId, action, owner_id: user(owner), due_on: dueOn, completed_on: completed, created_by: chair });
          note(s.personId, date, 'panel.action_set', `${def.name} action, due ${formatDate(dueOn)}: ${action}`, eh, chair, s.id);
          if (completed) note(s.personId, completed, 'panel.action_completed', `Panel action done: ${action}`, eh, user(owner), s.id);
        }
      });
    });

    const upcomingId = uuidv7();
    rows.panel_meetings.push({ id: upcomingId, panel_id: panelId, meeting_date: upcoming, location: 'Brackenshire House, room 2', status: 'planned', created_by: chair, created_at: at(lastHeld, 16) });
    ordered(upcoming).forEach(({ s, itemType }, position) => rows.panel_agenda_items.push({ meeting_id: upcomingId, referral_id: s.id, item_type: itemType, position: position + 1, created_by: chair }));

    for (const s of sims) {
      const row = rows.panel_referrals.find((r) => r.id === s.id)!;
      Object.assign(row, { status: s.status, next_review_due: s.nextReview, services_offered: [...s.services].sort(), closed_on: s.closedOn, outcome: s.outcome });
      if (s.closedOn) rows.involvements.find((i) => i.source_id === s.id)!.end_date = s.closedOn;
    }
  });

  for (const table of Object.keys(rows) as Table[]) {
    for (let i = 0; i < rows[table].length; i += 500) await db.insertInto(table).values(rows[table].slice(i, i + 500) as never).execute();
  }
}
