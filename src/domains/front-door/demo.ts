import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ContactOutcome, ContactStatus, Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays, addWorkingDays, isWorkingDay, ukDate } from '../../platform/calendar/working-days.ts';
import { random } from '../people/synthetic.ts';
import { CONTACT_SOURCES, OUTCOMES, PRESENTING_NEEDS } from './codes.ts';
import { decisionDueFor } from './write.ts';

type Rows = { [T in 'contacts' | 'contact_people' | 'contact_checks' | 'involvements' | 'chronology']: Insertable<Database[T]>[] };

/** The working day `n` working days before `date`. */
function workingDaysBefore(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addCalendarDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** A moment on a UK calendar day, `minutes` after midnight. */
const at = (date: string, minutes: number) => new Date(startOfUkDay(date).getTime() + minutes * 60_000);

interface Maker {
  agency: string;
  userEmail: string | null;
  source: string;
  referrer: [string, string | null];
  /** The kinds of concern (CONCERNS below) this referrer raises. */
  concerns: number[];
}

const MAKERS: Maker[] = [
  { agency: 'school', userEmail: 'pat.quinn@cairn.example', source: 'school', referrer: ['Pat Quinn', 'Designated safeguarding lead, Fernhollow Academy'], concerns: [0, 4] },
  { agency: 'police', userEmail: null, source: 'police', referrer: ['PC Dana Holt', 'Public Protection Unit'], concerns: [7, 1] },
  { agency: 'health', userEmail: 'jo.nyland@cairn.example', source: 'health', referrer: ['Jo Nyland', 'Health visitor'], concerns: [2] },
  { agency: 'csc', userEmail: 'sam.rowe@cairn.example', source: 'family_member', referrer: ['A grandparent (name withheld on request)', null], concerns: [3] },
  { agency: 'school', userEmail: 'pat.quinn@cairn.example', source: 'school', referrer: ['Pat Quinn', 'Designated safeguarding lead, Fernhollow Academy'], concerns: [4, 0] },
  { agency: 'csc', userEmail: 'sam.rowe@cairn.example', source: 'member_of_public', referrer: ['A neighbour', null], concerns: [5] },
  { agency: 'health', userEmail: 'jo.nyland@cairn.example', source: 'health', referrer: ['Jo Nyland', 'Health visitor'], concerns: [2, 6] },
  { agency: 'police', userEmail: null, source: 'police', referrer: ['DC Rowan Pike', 'Domestic Abuse Team'], concerns: [1] },
  { agency: 'vol', userEmail: null, source: 'voluntary', referrer: ['Lou Ferris', 'Family support worker, Brackenshire Family Support Trust'], concerns: [8, 6] },
  { agency: 'csc', userEmail: 'sam.rowe@cairn.example', source: 'anonymous', referrer: ['Anonymous caller', null], concerns: [9] },
];

const CONCERNS: { needs: string[]; reason: string }[] = [
  { needs: ['physical_abuse'], reason: 'Came into school with bruising to the upper arm and said it happened at home. Seemed anxious about going home at the end of the day.' },
  { needs: ['domestic_abuse'], reason: 'Police attended a domestic incident at the home overnight. The children were present and upstairs; mother had visible injuries. Father arrested and released on bail.' },
  { needs: ['neglect', 'parental_mental_health'], reason: 'Missed three health appointments. At the home visit the baby’s weight had dropped and mother said she was struggling to cope and not sleeping.' },
  { needs: ['neglect'], reason: 'Grandparent reports the children are often left alone in the evenings and there is little food in the house.' },
  { needs: ['school_attendance', 'behaviour'], reason: 'Attendance has fallen to 78% this term, with lateness most days. Increasingly withdrawn and has been in fights at lunchtime.' },
  { needs: ['parental_substance_misuse'], reason: 'A neighbour has seen the parents drunk in the street with the children late at night on several occasions.' },
  { needs: ['parental_mental_health', 'young_carer'], reason: 'Mother’s mental health has deteriorated; the eldest child is doing most of the care for the younger ones and missing school.' },
  { needs: ['missing', 'exploitation'], reason: 'Reported missing twice in two weeks, found in another town with older males. Has new clothes and a second phone.' },
  { needs: ['housing', 'financial'], reason: 'Family facing eviction at the end of the month with rent arrears; the children are sharing one room with damp.' },
  { needs: ['emotional_abuse'], reason: 'Caller says the children are shouted at and called names every day and one was locked out of the house last weekend.' },
];

const DECIDED: { level: number; outcome: ContactOutcome; reasons: string }[] = [
  { level: 1, outcome: 'no_further_action', reasons: 'Checks show no further concerns; the school is meeting the child’s needs. Universal services continue.' },
  { level: 2, outcome: 'advice', reasons: 'Level 2 needs that the referrer’s agency can meet. Advice given on support available and on making a further contact if things change.' },
  { level: 3, outcome: 'early_help', reasons: 'Several needs across parenting capacity and the family environment that need agencies working together: early help assessment and Team Around the Child, with the family’s consent.' },
  { level: 2, outcome: 'early_help', reasons: 'Parents are asking for help with routines and boundaries; early help family support offered.' },
  { level: 4, outcome: 'social_care_referral', reasons: 'Level 4: the child’s development is being significantly impaired by neglect. Referral for a child and family assessment.' },
  { level: 4, outcome: 'strategy_discussion', reasons: 'Reasonable cause to suspect significant harm: injuries with an unconvincing explanation. Strategy discussion with police and health today.' },
  { level: 1, outcome: 'advice', reasons: 'Concern about the housing situation only; signposted to the housing options service.' },
];

/**
 * About forty contacts over the last fourteen months from schools, police, health, family and the public, in
 * every state: awaiting decision (some overdue, some due today), awaiting sign-off, and decided with each
 * outcome; some children contacted about again within the year; checks asked and answered. Early help
 * decisions here open no cases: the early help demo creates its own.
 */
export async function seedFrontDoorDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const rnd = random(4040);
  const children = await db.selectFrom('people').select('id').where('person_type', '=', 'child').where('restricted', '=', false).where('merged_into', 'is', null).orderBy('id').execute();
  if (!children.length) return;
  const parents = await db.selectFrom('relationships').select(['person_id', 'related_person_id']).where('kind', '=', 'parent').orderBy('id').execute();
  const user = (email: string | null) => (email ? (org.userIds[email] ?? null) : null);
  const sam = user('sam.rowe@cairn.example')!;
  const morgan = user('morgan.hale@cairn.example')!;
  const rows: Rows = { contacts: [], contact_people: [], contact_checks: [], involvements: [], chronology: [] };

  const TOTAL = 40;
  // Later contacts about the same child as an earlier one (indexes are newest first), within twelve months.
  const recontacts: Record<number, number> = { 2: 20, 6: 22, 9: 25, 14: 30, 31: 38 };
  // Contacts are about the first third of the children, so partners still know only some of them.
  const pool = children.slice(0, Math.max(1, Math.ceil(children.length / 3)));
  const childOf = (i: number): string => pool[(recontacts[i] ?? i) % pool.length]!.id;

  for (let i = 0; i < TOTAL; i++) {
    const id = uuidv7();
    const maker = MAKERS[i % MAKERS.length]!;
    const concern = CONCERNS[maker.concerns[Math.floor(i / MAKERS.length) % maker.concerns.length]!]!;
    const agencyId = org.agencyIds[maker.agency]!;
    const makerId = user(maker.userEmail);
    const socialCare = maker.agency === 'csc';

    // When it arrived and where it has got to.
    let received: string;
    let status: ContactStatus = 'decided';
    if (i < 2) received = today;
    else if (i < 5) received = workingDaysBefore(today, 1);
    else if (i < 8) received = workingDaysBefore(today, [2, 3, 5][i - 5]!);
    else if (i < 12) received = workingDaysBefore(today, 1 + (i % 3));
    else received = addCalendarDays(today, -(7 + (i - 12) * 15));
    if (i < 8) status = 'awaiting_decision';
    else if (i < 12) status = 'awaiting_sign_off';
    const receivedAt = at(received, i < 2 ? 7 * 60 + 40 : 9 * 60 + Math.floor(rnd() * 420));
    const due = decisionDueFor(receivedAt);
    const decision = DECIDED[i % DECIDED.length]!;
    // Decided on the due day, now and then a day late; those waiting for sign-off were decided a few hours in.
    const decidedAt =
      status === 'awaiting_decision' ? null
      : status === 'awaiting_sign_off' ? new Date(receivedAt.getTime() + 3 * 3_600_000)
      : at(i % 9 === 0 ? addWorkingDays(due, 1) : due, 11 * 60 + Math.floor(rnd() * 240));
    const selfSigned = i % 5 === 0;
    const signedOffAt = status === 'decided' && decidedAt ? new Date(decidedAt.getTime() + (selfSigned ? 0 : 90 * 60_000)) : null;

    rows.contacts.push({
      id,
      received_at: receivedAt,
      decision_due: due,
      source: maker.source,
      referrer_name: maker.referrer[0],
      referrer_role: maker.referrer[1],
      referrer_phone: maker.agency === 'csc' ? null : '01632 960 0' + String(10 + i),
      referrer_email: maker.userEmail,
      made_by_agency_id: agencyId,
      reason: concern.reason,
      presenting_needs: concern.needs,
      consent: i % 7 === 3 ? 'overridden' : i % 4 === 1 ? 'not_given' : 'given',
      consent_override_reason: i % 7 === 3 ? 'Asking the parents first could put the child at greater risk.' : null,
      urgency: i === 3 || i % 11 === 5 ? 'immediate' : i % 3 === 0 ? 'same_day' : 'standard',
      status,
      allocated_to: status === 'awaiting_decision' ? (i % 2 === 0 ? null : sam) : sam,
      early_help_case_id: null,
      decision_level: status === 'awaiting_decision' && i !== 7 ? null : decision.level,
      decision_outcome: status === 'awaiting_decision' && i !== 7 ? null : decision.outcome,
      decision_reasons: status === 'awaiting_decision' && i !== 7 ? null : decision.reasons,
      decided_by: decidedAt ? (selfSigned && status === 'decided' ? morgan : sam) : null,
      decided_at: decidedAt,
      signed_off_by: signedOffAt ? morgan : null,
      signed_off_at: signedOffAt,
      returned_comment: i === 7 ? 'The checks are not back from health yet. Wait for them before deciding.' : null,
      created_by: makerId,
    });

    // The children, a sibling now and then, and a parent as household.
    const childIds = [childOf(i)];
    const sibling = pool[(i * 7 + 3) % pool.length]!.id;
    if (i % 6 === 4 && !childIds.includes(sibling)) childIds.push(sibling);
    const parent = parents.find((p) => p.related_person_id === childIds[0])?.person_id;
    for (const personId of childIds) rows.contact_people.push({ contact_id: id, person_id: personId, role: 'child', relationship: null });
    if (parent && i % 2 === 0) rows.contact_people.push({ contact_id: id, person_id: parent, role: 'household', relationship: i % 4 === 0 ? 'mother' : 'father' });
    const everyone = rows.contact_people.filter((p) => p.contact_id === id).map((p) => p.person_id);
    if (!socialCare) {
      for (const personId of everyone) {
        rows.involvements.push({ person_id: personId, agency_id: agencyId, basis: 'made_contact', detail: `Made a contact on ${received}`, start_date: received, source_type: 'contact', source_id: id, created_by: makerId });
      }
    }
    const agencyName = (key: string) => ({ school: 'Fernhollow Academy', police: 'Brackenshire Police', health: 'Brackenshire Community Health NHS Trust', csc: "Brackenshire Children's Social Care", vol: 'Brackenshire Family Support Trust' })[key] ?? key;
    const needs = concern.needs.map((n) => PRESENTING_NEEDS[n]!.toLowerCase()).join(', ');
    for (const personId of childIds) {
      rows.chronology.push({ person_id: personId, occurred_at: receivedAt, entry_type: 'contact.received', summary: `Contact received from ${CONTACT_SOURCES[maker.source]!.toLowerCase()} (${agencyName(maker.agency)}): ${needs}`, agency_id: agencyId, recorded_by: makerId, record_type: 'contact', record_id: id });
    }

    // Multi-agency checks: answered on decided contacts, some still waiting on today's work.
    const askHealth = i === 3 || i === 5 || i === 7 || (i >= 8 && i % 3 === 0);
    const askSchool = i === 1 || (i >= 12 && i % 4 === 0 && maker.agency !== 'school');
    const askPolice = i === 6 || (i >= 8 && i % 5 === 0 && maker.agency !== 'police');
    const asks: { key: string; responder: string | null; answer: string }[] = [];
    if (askHealth && maker.agency !== 'health') asks.push({ key: 'health', responder: user('jo.nyland@cairn.example'), answer: 'Known to health visiting. Immunisations up to date; last seen at the 1-year review, no concerns recorded then. GP notes mother’s low mood last winter.' });
    if (askSchool) asks.push({ key: 'school', responder: user('pat.quinn@cairn.example'), answer: 'On roll. Attendance 91% this year. Some concerns about tiredness and hunger logged in the last month; parents engage when contacted.' });
    if (askPolice) asks.push({ key: 'police', responder: null, answer: 'Two domestic incidents at the address in the last 12 months, both verbal; no arrests. No markers on the children.' });
    for (const [n, ask] of asks.entries()) {
      const checkId = uuidv7();
      const requestedAt = new Date(receivedAt.getTime() + (30 + n * 5) * 60_000);
      const waiting = status === 'awaiting_decision' && i !== 6;
      const withdrawn = i === 16 && n === 0;
      const respondedAt = waiting || withdrawn ? null : new Date(requestedAt.getTime() + 5 * 3_600_000);
      const requester = sam;
      rows.contact_checks.push({
        id: checkId,
        contact_id: id,
        agency_id: org.agencyIds[ask.key]!,
        question: 'Please share what your agency knows about the child and family: any current or past involvement, and any concerns.',
        requested_by: requester,
        requested_at: requestedAt,
        status: waiting ? 'requested' : withdrawn ? 'withdrawn' : 'responded',
        response: respondedAt ? ask.answer : null,
        responded_by: respondedAt ? ask.responder : null,
        responded_at: respondedAt,
        created_by: requester,
      });
      const requestedDay = ukDate(requestedAt);
      const ended = respondedAt ? ukDate(respondedAt) : withdrawn ? requestedDay : null;
      for (const personId of childIds) {
        rows.involvements.push({ person_id: personId, agency_id: org.agencyIds[ask.key]!, basis: 'multi_agency_check', detail: `Asked by the front door for a multi-agency check on ${requestedDay}`, start_date: requestedDay, end_date: ended, source_type: 'contact_check', source_id: checkId, created_by: requester });
        rows.chronology.push({ person_id: personId, occurred_at: requestedAt, entry_type: 'contact.check_requested', summary: `Multi-agency check requested from ${agencyName(ask.key)}`, agency_id: org.agencyIds.csc!, recorded_by: requester, record_type: 'contact_check', record_id: checkId });
        if (respondedAt) rows.chronology.push({ person_id: personId, occurred_at: respondedAt, entry_type: 'contact.check_responded', summary: `${agencyName(ask.key)} responded to a multi-agency check`, agency_id: org.agencyIds[ask.key]!, recorded_by: ask.responder, record_type: 'contact_check', record_id: checkId });
      }
    }

    if (signedOffAt) {
      const levelNames = ['Universal', 'Early help: single agency', 'Targeted multi-agency early help', 'Statutory social care'];
      for (const personId of childIds) {
        rows.chronology.push({ person_id: personId, occurred_at: signedOffAt, entry_type: 'threshold.decision', summary: `Threshold decision: level ${decision.level} (${levelNames[decision.level - 1]}), ${OUTCOMES[decision.outcome].toLowerCase()}`, agency_id: org.agencyIds.csc!, recorded_by: morgan, record_type: 'contact', record_id: id });
      }
    }
  }

  for (const table of Object.keys(rows) as (keyof Rows)[]) {
    if (rows[table].length) await db.insertInto(table).values(rows[table] as never).execute();
  }
}
