import { addCalendarDays, addMonths, FIRST_KNOWN_YEAR } from '../../platform/calendar/working-days.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { CASE_SOURCE } from './repository.ts';
import { CHILD_CHRONOLOGY_SUMMARY, MARAC_RECORD } from './service.ts';

/**
 * MARAC cases in the synthetic authority, calibrated to seed 001 (216 cases a year, 51 repeats, 239 children in
 * the households, at about 44,000 children). The population holds only households with children, so only those
 * cases are made: about 1 household in 180 a year (about 130 cases and 240 children at peterborough scale), a
 * quarter of them referred again within 12 months. Referrals come mostly from the police and the IDVA service.
 */
export const YEARLY_CHANCE = 0.0055;
const REPEAT_CHANCE = 0.3;
const YEARS_BACK = 3;
const EARLIEST = `${FIRST_KNOWN_YEAR + 1}-01-01`;
/** Meetings every fortnight, on the Thursdays counted from this one. */
const FIRST_MEETING = '2010-01-07';
const AGENCIES = { police: 62, idva: 22, social_care: 5, health: 5, housing: 2, probation: 2, education: 1, voluntary: 1 };
const ACTIONS: [string, string][] = [
  ['police', 'Flag the address for an urgent police response'],
  ['idva', 'Agree a safety plan with the victim'],
  ['housing', 'Fit a door alarm and locks (sanctuary scheme)'],
  ['social_care', 'Check the children’s safety and share the MARAC actions with their school'],
  ['health', 'Tell the GP and the health visitor of the risk'],
  ['probation', 'Review the alleged perpetrator’s licence conditions'],
  ['idva', 'Support the victim to apply for a non-molestation order'],
];

interface CaseFacts {
  id: string;
  referredOn: string;
  closedOn: string | null;
}

const pack = (cases: CaseFacts[]) => cases.map((c) => `${c.id}|${c.referredOn}|${c.closedOn ?? ''}`).join(';');
const unpack = (packed: string): CaseFacts[] =>
  packed ? packed.split(';').map((p) => { const [id, referredOn, closedOn] = p.split('|') as [string, string, string]; return { id, referredOn, closedOn: closedOn || null }; }) : [];

/** The fortnightly meeting on or after a date. */
export function meetingOnOrAfter(date: string): string {
  const days = Math.round((Date.parse(date) - Date.parse(FIRST_MEETING)) / 86_400_000);
  return addCalendarDays(FIRST_MEETING, Math.ceil(days / 14) * 14);
}

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  const { child } = journey;
  if (!child.parentIds.length) return;
  const household = [...child.parentIds].sort().join('+');
  // The first child of the household decides its cases; each sibling is then named on them.
  const cases = unpack(ctx.once(`marac:${household}`, () => pack(householdCases(child.parentIds, ctx))));
  for (const c of cases) {
    if (child.dateOfBirth > c.referredOn) continue;
    ctx.add('marac_case_children', { case_id: c.id, person_id: child.personId });
    involve(ctx, child.personId, c);
    ctx.chronology({ personId: child.personId, at: c.referredOn, type: 'marac.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agencyId: ctx.org.functions.marac.agencyId, by: ctx.org.functions.marac.userId, recordType: MARAC_RECORD, recordId: c.id });
  }
};

function involve(ctx: SyntheticContext, personId: string, c: CaseFacts) {
  ctx.add('involvements', {
    id: ctx.id(c.referredOn), person_id: personId, agency_id: ctx.org.functions.marac.agencyId, basis: 'marac', detail: 'MARAC case', start_date: c.referredOn, end_date: c.closedOn,
    source_type: CASE_SOURCE, source_id: c.id, ...ctx.stamp(c.referredOn, ctx.org.functions.marac.userId),
  });
}

/** A household's cases: a yearly draw for a first referral, and perhaps a repeat within the 12 months after. */
export function householdCases(parentIds: string[], ctx: SyntheticContext): CaseFacts[] {
  const made: CaseFacts[] = [];
  for (let year = YEARS_BACK - 1; year >= 0; year--) {
    if (!ctx.rng.chance(YEARLY_CHANCE)) continue;
    const referredOn = addCalendarDays(addMonths(ctx.end, -12 * (year + 1)), ctx.rng.int(1, 364));
    if (referredOn > ctx.end || referredOn < EARLIEST) continue;
    const first = makeCase(parentIds, ctx, referredOn, null);
    made.push(first);
    if (ctx.rng.chance(REPEAT_CHANCE)) {
      const again = addCalendarDays(first.closedOn ?? referredOn, ctx.rng.int(20, 300));
      if (again <= ctx.end && again <= addMonths(referredOn, 12)) made.push(makeCase(parentIds, ctx, again, first.id));
    }
    break;
  }
  return made;
}

/** One referral: discussed at the next fortnightly meeting, carried once in a while, then closed. */
function makeCase(parentIds: string[], ctx: SyntheticContext, referredOn: string, repeatOf: string | null): CaseFacts {
  const rng = ctx.rng;
  const by = ctx.org.functions.marac.userId;
  const id = ctx.id(referredOn);
  const [victimId, perpetratorId = null] = parentIds as [string, string?];
  const dash = rng.chance(0.85) ? rng.int(14, 24) : null;
  const meetings = [meetingOnOrAfter(addCalendarDays(referredOn, 1))];
  if (rng.chance(0.2)) meetings.push(addCalendarDays(meetings[0]!, 14));
  const held = meetings.filter((m) => m <= ctx.end);
  const closedOn = held.length === meetings.length ? meetings.at(-1)! : null;
  ctx.add('marac_cases', {
    id, victim_id: victimId, perpetrator_id: perpetratorId, referring_agency: rng.weighted(AGENCIES), referrer_name: rng.pick(['PC on the response team', 'IDVA', 'Duty social worker', 'Midwife', 'Housing officer']),
    referred_on: referredOn, dash_score: dash ?? rng.int(8, 13), risk_basis: dash !== null ? 'dash' : 'professional_judgement',
    risk_reason: dash !== null ? null : 'Professional judgement: escalating incidents although the DASH score is below 14.', repeat_of: repeatOf,
    closed_on: closedOn, closure_reason: closedOn ? 'actions_complete' : null, ...ctx.stamp(referredOn, by), version: closedOn ? 2 : 1,
  });
  for (const person of [victimId, ...(perpetratorId ? [perpetratorId] : [])]) involve(ctx, person, { id, referredOn, closedOn });
  meetings.forEach((on, i) => {
    const meetingId = ctx.once(`marac-meeting:${on}`, () => {
      const mid = ctx.id(on);
      ctx.add('marac_meetings', { id: mid, held_on: on, ...ctx.stamp(addCalendarDays(on, -28), by), version: 1 });
      return mid;
    });
    const discussed = on <= ctx.end;
    const discussionId = ctx.id(on);
    ctx.add('marac_discussions', {
      id: discussionId, meeting_id: meetingId, case_id: id, created_by: by, created_at: new Date(`${on}T09:00:00Z`), updated_at: new Date(`${on}T17:00:00Z`), version: discussed ? 2 : 1,
      summary: discussed ? 'Agencies shared what they know of the risk to the victim and the children.' : null, outcome: discussed ? (i === meetings.length - 1 ? 'closed' : 'carried') : null,
    });
    if (!discussed) return;
    for (const [agency, what] of [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(ACTIONS)))]) {
      const due = addCalendarDays(on, rng.int(3, 21));
      const roll = rng.int(1, 100);
      const planned = roll <= 78 ? addCalendarDays(due, -rng.int(0, 2)) : roll <= 93 ? addCalendarDays(due, rng.int(1, 14)) : null;
      const doneOn = planned && planned <= ctx.end ? planned : null;
      ctx.add('marac_actions', { id: ctx.id(on), case_id: id, discussion_id: discussionId, what, agency, owner: 'Named officer', due_on: due, done_on: doneOn, ...ctx.stamp(on, by), version: doneOn ? 2 : 1 });
    }
  });
  return { id, referredOn, closedOn };
}
