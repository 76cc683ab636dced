import type { ContactConsent, ContactOutcome, ContactStatus, ContactUrgency, InvolvementBasis } from '../../db/types.ts';
import { DEMO_AGENCIES } from '../../demo/organisation.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, ContactSpell, Journey, SyntheticChild, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { CONTACT_SOURCES, NEED_CODES, OUTCOME_LEVELS, OUTCOMES, PRESENTING_NEEDS } from './codes.ts';

/**
 * The front door's part of the synthetic authority: each contact in the journey as the front door service would
 * have recorded it (the contact, who it is about, the maker's involvement, multi-agency checks, the threshold
 * decision and sign-off) with the chronology entries it writes. The helpers exported here (UK days and moments,
 * agency names, practitioners, involvements) are shared with early help and panels, which build on contacts.
 */

// ---- Shared helpers ------------------------------------------------------------------------------------------

const HOUR = 3_600_000;
const summerTime = new Map<number, [number, number]>();

/** British Summer Time in a year, as UTC milliseconds: 01:00 UTC on the last Sunday of March to that of October. */
function summer(year: number): [number, number] {
  let range = summerTime.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    };
    range = [lastSunday(2), lastSunday(9)];
    summerTime.set(year, range);
  }
  return range;
}

const inSummer = (ms: number) => {
  const [from, to] = summer(new Date(ms).getUTCFullYear());
  return ms >= from && ms < to;
};

/**
 * The UK calendar date of a moment. The platform's `ukDate` builds an Intl formatter per call, too slow for
 * millions of rows; this gives the same answer from the summer time rule.
 */
export function ukDay(moment: Date): string {
  const ms = moment.getTime();
  return new Date(inSummer(ms) ? ms + HOUR : ms).toISOString().slice(0, 10);
}

/** A moment `minutes` after midnight UK time on a date (the offset taken at noon, as `startOfUkDay` does). */
export function momentOn(date: string, minutes: number): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  return new Date(midnight - (inSummer(midnight + 12 * HOUR) ? HOUR : 0) + minutes * 60_000);
}

/** The first moment after the data's last day: every moment written is before it. */
export const endOf = (ctx: SyntheticContext): number => momentOn(addCalendarDays(ctx.end, 1), 0).getTime();

/** A time during the working day (08:30 to 17:30) on a date. */
export const workingMoment = (ctx: SyntheticContext, date: string): Date => momentOn(date, ctx.rng.int(510, 1050));

const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** A stable number from a text (an id), so two capabilities can make the same choice about one record. */
export function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const pickBy = <T>(key: string, list: readonly T[]): T => list[hashOf(key) % list.length]!;

const NAMED = Object.fromEntries(DEMO_AGENCIES.map((a) => [a.key, a.name]));
/** The partnership's agencies by key: the demo's names, and the two agencies the synthetic authority adds. */
export const AGENCY_NAMES: Record<AgencyKey, string> = {
  csc: NAMED.csc!, eh: NAMED.eh!, police: NAMED.police!, health: NAMED.health!, school: NAMED.school!, vol: NAMED.vol!,
  housing: 'Brackenshire Housing', probation: 'Probation Service',
};

/**
 * The organisation gives staff ids but not their names, so text that would name a practitioner names their role.
 */
export function practitionerTitle(agency: AgencyKey, child: SyntheticChild, on: string): string {
  if (agency === 'health') return child.dateOfBirth > on ? 'Midwife' : ageOn(child, on) < 5 ? 'Health visitor' : 'School nurse';
  return { csc: 'Social worker', eh: 'Early help practitioner', police: 'Police officer', school: 'Designated safeguarding lead', vol: 'Family support worker', housing: 'Housing officer', probation: 'Probation officer' }[agency];
}

export const ageOn = (child: SyntheticChild, on: string): number => {
  const years = Number(on.slice(0, 4)) - Number(child.dateOfBirth.slice(0, 4));
  return on.slice(5) < child.dateOfBirth.slice(5) ? years - 1 : years;
};

/**
 * The practitioner of an agency who works with this child: the child's social worker for social care, an early
 * help worker spread across the early help teams, and the agency's one partner practitioner otherwise.
 */
export function practitionerOf(ctx: SyntheticContext, child: SyntheticChild, agency: AgencyKey): string {
  if (agency === 'csc') return ctx.worker('assessment', child).id;
  const teams = ctx.org.earlyHelp;
  if (agency === 'eh' && teams.length) {
    const team = teams[child.index % teams.length]!;
    return team.workerIds.length ? team.workerIds[Math.floor(child.index / teams.length) % team.workerIds.length]! : team.managerId;
  }
  return ctx.org.partnerUserIds[agency];
}

/** The manager of the social care team holding the child (the worker's own manager). */
export function managerOf(ctx: SyntheticContext, child: SyntheticChild): string {
  const worker = ctx.worker('assessment', child);
  return ctx.org.socialCare.assessment.find((t) => t.id === worker.teamId)?.managerId ?? worker.id;
}

/** An involvement as the services write it; every one names the same columns, whoever writes it. */
export function involve(
  ctx: SyntheticContext,
  v: { personId: string; agencyId: string; basis: InvolvementBasis; detail: string; start: string; end: string | null; sourceType: string; sourceId: string; by: string | null; at: Date },
): void {
  ctx.add('involvements', {
    id: ctx.id(v.at), person_id: v.personId, agency_id: v.agencyId, basis: v.basis, detail: v.detail, start_date: v.start, end_date: v.end,
    source_type: v.sourceType, source_id: v.sourceId, ...ctx.stamp(v.at, v.by),
  });
}

// ---- What other capabilities repeat about a contact -----------------------------------------------------------

const REASONS: Record<ContactOutcome, string[]> = {
  no_further_action: [
    'Checks show no further concerns; the school is meeting the child’s needs. Universal services continue.',
    'A one-off incident with protective parents who acted appropriately. No further action; universal services continue.',
  ],
  advice: [
    'Level 2 needs that the referrer’s agency can meet. Advice given on support available and on making a further contact if things change.',
    'Concern about the housing situation only; signposted to the housing options service.',
  ],
  early_help: [
    'Several needs across parenting capacity and the family environment that need agencies working together: early help assessment and Team Around the Child, with the family’s consent.',
    'Parents are asking for help with routines and boundaries; early help family support offered.',
  ],
  social_care_referral: [
    'Level 4: the child’s development is being significantly impaired by neglect. Referral for a child and family assessment.',
    'Needs at level 4 across parenting capacity and the home: referral to children’s social care for a child and family assessment.',
  ],
  strategy_discussion: [
    'Reasonable cause to suspect significant harm: injuries with an unconvincing explanation. Strategy discussion with police and health today.',
    'Disclosure of abuse by a household member: strategy discussion today with police and health.',
  ],
};

/** The decision's reasons, the same wherever they are repeated (early help's case opening quotes them). */
export const decisionReasons = (c: Pick<ContactSpell, 'id' | 'outcome'>): string => (c.outcome ? pickBy(`${c.id}:reasons`, REASONS[c.outcome]) : '');

/** The contact's urgency, the same wherever it is repeated (an early help step-up records it too). */
export function contactUrgency(c: Pick<ContactSpell, 'id' | 'outcome' | 'level' | 'earlyHelpCaseId'>): ContactUrgency {
  const roll = hashOf(`${c.id}:urgency`) % 100;
  if (c.outcome === 'strategy_discussion') return roll < 80 ? 'immediate' : 'same_day';
  if (c.earlyHelpCaseId) return roll < 15 ? 'immediate' : roll < 65 ? 'same_day' : 'standard';
  if (c.outcome === 'social_care_referral' || c.level === 4) return roll < 10 ? 'immediate' : roll < 45 ? 'same_day' : 'standard';
  return roll < 3 ? 'immediate' : roll < 15 ? 'same_day' : 'standard';
}

// ---- Words --------------------------------------------------------------------------------------------------

const LEVEL_NAMES = ['Universal', 'Early help: single agency', 'Targeted multi-agency early help', 'Statutory social care'];

const NEED_REASONS: Record<string, string> = {
  neglect: 'The child often arrives hungry and in unwashed clothes; the home was found cold with little food when visited.',
  physical_abuse: 'Came in with bruising to the upper arm and said it happened at home. Seemed anxious about going home.',
  emotional_abuse: 'The child is shouted at and called names at home and was locked out of the house last weekend.',
  sexual_abuse: 'The child made a disclosure to a member of staff that raises concern of sexual harm by an adult known to the family.',
  domestic_abuse: 'Police attended a domestic incident at the home overnight. The children were present; mother had visible injuries.',
  parental_mental_health: 'Mother’s mental health has deteriorated and she says she is struggling to cope and not sleeping.',
  parental_substance_misuse: 'The parents have been seen drunk with the children late at night on several occasions.',
  child_mental_health: 'The young person has been self-harming and told a teacher they feel hopeless.',
  behaviour: 'Increasingly withdrawn and has been in fights at lunchtime; behaviour at home is hard to manage.',
  school_attendance: 'Attendance has fallen below 80% this term, with lateness most days.',
  missing: 'Reported missing twice in two weeks and found in another town with older young people.',
  exploitation: 'Has new clothes and a second phone and is spending time with older males; concern of exploitation.',
  young_carer: 'The child is doing most of the care for a parent and younger siblings and is missing school.',
  housing: 'The family faces eviction at the end of the month with rent arrears; the children share one damp room.',
  financial: 'The family has run out of money and food; debts are mounting and the parents are under strain.',
};
const GENERAL_REASON = 'Concerns about the child’s wellbeing at home that the referrer wants the front door to consider.';
const STEP_UP_REASON = 'The early help plan has not reduced the risk and new concerns have been shared; the family has stopped engaging.';
const OVERRIDE = 'Asking the parents first could put the child at greater risk.';
const CHECK_QUESTION = 'Please share what your agency knows about the child and family: any current or past involvement, and any concerns.';
const ANSWERS: Record<'health' | 'school' | 'police', string[]> = {
  health: [
    'Known to health. Immunisations up to date; no concerns recorded at the last review.',
    'GP notes mother’s low mood last winter; two missed appointments this year.',
  ],
  school: [
    'On roll. Attendance 91% this year. Some concerns about tiredness and hunger logged in the last month.',
    'On roll with good attendance. No concerns recorded; parents engage when contacted.',
  ],
  police: [
    'Two domestic incidents at the address in the last 12 months, both verbal; no arrests. No markers on the children.',
    'No police information held about the child or household members.',
  ],
};

const GIVEN = ['Ash', 'Bryn', 'Cass', 'Dale', 'Eden', 'Fen', 'Hollis', 'Jory', 'Lane', 'Marlo', 'Nell', 'Perry', 'Remy', 'Sol', 'Tam', 'Vale'];
const FAMILY = ['Brackwood', 'Cobbet', 'Dunmore', 'Fallowby', 'Greave', 'Hollin', 'Kestle', 'Mossop', 'Orrin', 'Pellow', 'Quarle', 'Sallow', 'Tunstall', 'Wickam'];
const ROLES: Record<AgencyKey, string> = {
  csc: 'Duty social worker', eh: 'Early help practitioner', police: 'Public Protection Unit', health: 'Health visitor', school: 'Designated safeguarding lead',
  vol: 'Family support worker', housing: 'Housing officer', probation: 'Probation officer',
};
const PUBLIC_REFERRERS: Record<string, [string, string | null]> = {
  family_member: ['A grandparent (name withheld on request)', null], member_of_public: ['A neighbour', null], anonymous: ['Anonymous caller', null],
  self: ['The young person', null], other_local_authority: ['Duty officer', 'Children’s services, another local authority'], social_care: ['Duty social worker', 'Children’s social care'],
};

const SOURCES: Record<AgencyKey, string> = { csc: 'family_member', eh: 'other', police: 'police', health: 'health', school: 'school', vol: 'voluntary', housing: 'housing', probation: 'other' };

// ---- Contacts -----------------------------------------------------------------------------------------------

type Ask = 'health' | 'school' | 'police';

/** Each contact in the journey as the front door recorded it. */
export const synthesise: Synthesise = (journey, ctx) => {
  const endMs = endOf(ctx);
  for (const c of journey.contacts) if (c.receivedAt.getTime() < endMs) writeContact(journey, c, ctx, endMs);
};

function writeContact(journey: Journey, c: ContactSpell, ctx: SyntheticContext, endMs: number): void {
  const { child } = journey;
  const rng = ctx.rng;
  const received = ukDay(c.receivedAt);
  const agencyId = ctx.org.agencyIds[c.agency];
  const worker = ctx.worker('assessment', child).id;
  const manager = managerOf(ctx, child);
  const stepUp = c.earlyHelpCaseId !== null;

  // Where the contact had got to by the end of the data.
  const decidedAt = c.outcome && c.decidedAt && c.decidedAt.getTime() < endMs ? laterOf(c.decidedAt, c.receivedAt) : null;
  const signedOffAt = decidedAt && c.signedOffAt && c.signedOffAt.getTime() < endMs ? laterOf(c.signedOffAt, decidedAt) : null;
  const status: ContactStatus = signedOffAt ? 'decided' : decidedAt ? 'awaiting_sign_off' : 'awaiting_decision';
  const outcome = decidedAt ? c.outcome! : null;
  const level = outcome ? (c.level !== null && OUTCOME_LEVELS[outcome].includes(c.level) ? c.level : OUTCOME_LEVELS[outcome].at(-1)!) : null;
  const selfSigned = signedOffAt !== null && signedOffAt.getTime() === decidedAt!.getTime();
  const allocated = decidedAt || rng.chance(0.5) ? worker : null;

  // Who made it: a partner agency's practitioner, the family or public by telephone, or the early help lead stepping up.
  const source = stepUp ? 'early_help_step_up' : c.agency === 'csc' ? rng.weighted({ family_member: 35, member_of_public: 20, anonymous: 15, self: 5, other_local_authority: 15, social_care: 10 }) : SOURCES[c.agency];
  const maker = c.agency === 'csc' ? worker : practitionerOf(ctx, child, c.agency);
  const [referrerName, referrerRole] = stepUp ? ['Early help lead professional', 'Early help lead professional']
    : c.agency === 'csc' ? PUBLIC_REFERRERS[source]!
    : [`${c.agency === 'police' ? rng.pick(['PC ', 'DC ']) : ''}${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`, ROLES[c.agency]];
  const needs = stepUp ? [] : c.presentingNeeds.filter((n) => NEED_CODES.includes(n));
  const presenting = stepUp || needs.length ? needs : ['other'];
  const consent: ContactConsent = rng.weighted(level === 4 || stepUp ? { given: 60, not_given: 15, overridden: 25 } : { given: 82, not_given: 12, overridden: 6 });

  ctx.add('contacts', {
    id: c.id,
    received_at: c.receivedAt,
    decision_due: dueDate('thresholdDecision', received),
    source,
    referrer_name: referrerName,
    referrer_role: referrerRole,
    referrer_phone: source === 'anonymous' || source === 'self' ? null : `01632 960 ${String(rng.int(0, 999)).padStart(3, '0')}`,
    referrer_email: null,
    made_by_agency_id: agencyId,
    reason: stepUp ? STEP_UP_REASON : (NEED_REASONS[presenting[0]!] ?? GENERAL_REASON),
    presenting_needs: presenting,
    consent,
    consent_override_reason: consent === 'overridden' ? OVERRIDE : null,
    urgency: contactUrgency(c),
    status,
    allocated_to: allocated,
    early_help_case_id: c.earlyHelpCaseId,
    decision_level: level,
    decision_outcome: outcome,
    decision_reasons: outcome ? decisionReasons(c) : null,
    decided_by: decidedAt ? (selfSigned ? manager : worker) : null,
    decided_at: decidedAt,
    signed_off_by: signedOffAt ? manager : null,
    signed_off_at: signedOffAt,
    returned_comment: null,
    ...ctx.stamp(c.receivedAt, maker),
    updated_at: signedOffAt ?? decidedAt ?? c.receivedAt,
  });

  // The child, and the parents as the household (most contacts name them).
  const people: { personId: string; role: 'child' | 'household'; relationship: string | null }[] = [{ personId: child.personId, role: 'child', relationship: null }];
  // The people index makes the first parent the mother and the second the father.
  if (rng.chance(0.8)) child.parentIds.forEach((personId, i) => people.push({ personId, role: 'household', relationship: i === 0 ? 'mother' : 'father' }));
  for (const p of people) ctx.add('contact_people', { contact_id: c.id, person_id: p.personId, role: p.role, relationship: p.relationship });
  if (c.agency !== 'csc') {
    for (const p of people) {
      involve(ctx, { personId: p.personId, agencyId, basis: 'made_contact', detail: `Made a contact on ${received}`, start: received, end: null, sourceType: 'contact', sourceId: c.id, by: maker, at: c.receivedAt });
    }
  }
  const needText = presenting.map((n) => (PRESENTING_NEEDS[n] ?? n).toLowerCase()).join(', ');
  const summary = stepUp ? 'Stepped up from early help: contact received by the front door' : `Contact received from ${(CONTACT_SOURCES[source] ?? source).toLowerCase()} (${AGENCY_NAMES[c.agency]}): ${needText}`;
  note(ctx, child, c.receivedAt, 'contact.received', summary, agencyId, maker, 'contact', c.id);

  if (allocated) writeChecks(journey, c, ctx, { worker: allocated, decidedAt, outcome, endMs });

  if (signedOffAt && outcome && level) {
    const decision = `Threshold decision: level ${level} (${LEVEL_NAMES[level - 1]}), ${OUTCOMES[outcome].toLowerCase()}`;
    note(ctx, child, signedOffAt, 'threshold.decision', decision, ctx.org.agencyIds.csc, manager, 'contact', c.id);
  }
}

/** Multi-agency checks: asked on a share of contacts (more as the concern is higher), answered mostly within hours. */
function writeChecks(journey: Journey, c: ContactSpell, ctx: SyntheticContext, s: { worker: string; decidedAt: Date | null; outcome: ContactOutcome | null; endMs: number }) {
  const { child } = journey;
  const rng = ctx.rng;
  const share = s.outcome === 'strategy_discussion' ? 0.85 : s.outcome === 'social_care_referral' ? 0.7 : s.outcome === 'early_help' ? 0.55 : s.outcome ? 0.25 : 0.45;
  if (!rng.chance(share)) return;
  const received = ukDay(c.receivedAt);
  const candidates = (['health', 'school', 'police'] as Ask[]).filter((a) => a !== c.agency && (a !== 'school' || ageOn(child, received) >= 4));
  const asks = candidates.filter(() => rng.chance(0.6));
  if (!asks.length && candidates.length) asks.push(rng.pick(candidates));
  if (!asks.length) return;
  // Asked soon after the contact arrived, before any decision.
  const window = (s.decidedAt ? s.decidedAt.getTime() : c.receivedAt.getTime() + 4 * HOUR) - c.receivedAt.getTime();
  const requestedAt = new Date(c.receivedAt.getTime() + Math.floor(window * (0.1 + 0.3 * rng.next())));
  if (requestedAt.getTime() >= s.endMs) return;
  const requestedOn = ukDay(requestedAt);
  const csc = ctx.org.agencyIds.csc;
  const ids: string[] = [];
  for (const ask of asks) {
    const id = ctx.id(requestedAt);
    ids.push(id);
    const agencyId = ctx.org.agencyIds[ask];
    const responder = practitionerOf(ctx, child, ask);
    const answerAt = new Date(requestedAt.getTime() + Math.round(rng.logNormal(3, 0.8) * HOUR));
    const withdrawn = s.decidedAt !== null && rng.chance(0.06);
    const respondedAt = !withdrawn && answerAt.getTime() < s.endMs ? answerAt : null;
    const ended = respondedAt ? ukDay(respondedAt) : withdrawn ? ukDay(s.decidedAt!) : null;
    ctx.add('contact_checks', {
      id,
      contact_id: c.id,
      agency_id: agencyId,
      question: CHECK_QUESTION,
      requested_by: s.worker,
      requested_at: requestedAt,
      status: respondedAt ? 'responded' : withdrawn ? 'withdrawn' : 'requested',
      response: respondedAt ? rng.pick(ANSWERS[ask]) : null,
      responded_by: respondedAt ? responder : null,
      responded_at: respondedAt,
      ...ctx.stamp(requestedAt, s.worker),
      updated_at: respondedAt ?? (withdrawn ? s.decidedAt! : requestedAt),
    });
    involve(ctx, { personId: child.personId, agencyId, basis: 'multi_agency_check', detail: `Asked by the front door for a multi-agency check on ${requestedOn}`, start: requestedOn, end: ended, sourceType: 'contact_check', sourceId: id, by: s.worker, at: requestedAt });
    if (respondedAt) note(ctx, child, respondedAt, 'contact.check_responded', `${AGENCY_NAMES[ask]} responded to a multi-agency check`, agencyId, responder, 'contact_check', id);
  }
  note(ctx, child, requestedAt, 'contact.check_requested', `Multi-agency check requested from ${asks.map((a) => AGENCY_NAMES[a]).join(', ')}`, csc, s.worker, 'contact_check', ids[0]!);
}

function note(ctx: SyntheticContext, child: SyntheticChild, at: Date, type: string, summary: string, agencyId: string, by: string, recordType: string, recordId: string) {
  ctx.chronology({ personId: child.personId, at, type, summary, agencyId, by, recordType, recordId });
}
