import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addCalendarDays, FIRST_KNOWN_YEAR, isWorkingDay, ukDate } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import type { AttendanceStatus, BoardRole } from './tables.ts';

/**
 * The board in the synthetic authority: a member for each partner agency (and the partnership's chair and business
 * manager) from the start of the data, and for each financial year the children's work touches, six board meetings
 * and a development day with attendance, a decision or two at each, a new member who joins part-way through the
 * year, and each agency's budget contribution. All of it is partnership-wide, so it is written once per year
 * (`ctx.once`) whichever child's journey reaches that year first.
 */

type Seat = { id: string; agency: string; from: string; to: string | null };

const BASE: { role: BoardRole; agency: AgencyKey | 'business'; name: string }[] = [
  { role: 'chair', agency: 'business', name: 'Independent chair' },
  { role: 'adviser', agency: 'business', name: 'Partnership business manager' },
  { role: 'vice_chair', agency: 'police', name: 'Detective Superintendent, Public Protection' },
  { role: 'member', agency: 'csc', name: 'Director of Children’s Services' },
  { role: 'member', agency: 'health', name: 'Designated Nurse for Safeguarding' },
  { role: 'member', agency: 'eh', name: 'Head of Early Help' },
  { role: 'member', agency: 'school', name: 'Headteacher representative' },
  { role: 'member', agency: 'vol', name: 'Voluntary sector representative' },
  { role: 'member', agency: 'probation', name: 'Head of Probation Delivery Unit' },
  { role: 'participant_observer', agency: 'housing', name: 'Head of Housing Options' },
];

/** Whole pounds a year, before each year's small change. */
const CONTRIBUTIONS: Partial<Record<AgencyKey, number>> = { csc: 62_000, police: 24_000, health: 30_000, eh: 8_000, school: 6_000, probation: 3_000 };

/** Regular meetings in May, July, September, November, January and March; a development day in June. */
const MEETING_MONTHS: [number, 'board' | 'development_day'][] = [[5, 'board'], [6, 'development_day'], [7, 'board'], [9, 'board'], [11, 'board'], [1, 'board'], [3, 'board']];

const ATTENDANCE: Record<AttendanceStatus, number> = { attended: 78, deputy: 9, apologies: 11, absent: 2 };
const DECISIONS = [
  'Agree the quality assurance report and its actions',
  'Ask the Quality and Effectiveness Group to follow up the audit findings',
  'Adopt the revised threshold document',
  'Agree the training programme for the coming year',
  'Publish the annual report',
];

const seatsOf = new WeakMap<SyntheticContext, Seat[]>();

function agencyOf(ctx: SyntheticContext, key: AgencyKey | 'business') {
  return key === 'business' ? ctx.org.functions.business.agencyId : ctx.org.agencyIds[key];
}

/** The members who sit from the start of the data, written the first time any year is. */
function seats(ctx: SyntheticContext): Seat[] {
  const known = seatsOf.get(ctx);
  if (known) return known;
  const by = ctx.org.functions.business.userId;
  const from = `${FIRST_KNOWN_YEAR}-04-01`;
  const list = BASE.map((b) => {
    const id = ctx.id(from);
    ctx.add('board_members', { id, name: b.name, role: b.role, agency_id: agencyOf(ctx, b.agency), from_on: from, to_on: null, user_id: b.agency === 'business' && b.role === 'adviser' ? by : null, idempotency_key: null, ...ctx.stamp(from, by), version: 1 });
    return { id, agency: agencyOf(ctx, b.agency), from, to: null };
  });
  seatsOf.set(ctx, list);
  return list;
}

/** The working day on or after the 15th of a month of the financial year starting in April of `year`. */
function meetingDay(year: number, month: number): string {
  let day = `${month >= 4 ? year : year + 1}-${String(month).padStart(2, '0')}-15`;
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

export function synthesiseYear(ctx: SyntheticContext, year: number): string {
  const { rng, end } = ctx;
  const by = ctx.org.functions.business.userId;
  const seated = seats(ctx);
  // Someone new joins each October for an agency (a second seat), so the year's figures have a mid-year joiner.
  const joinedOn = `${year}-10-01`;
  if (joinedOn <= end) {
    const agency = rng.pick(['csc', 'police', 'health', 'eh', 'school'] as const);
    const id = ctx.id(joinedOn);
    ctx.add('board_members', { id, name: 'Deputy representative', role: 'member', agency_id: ctx.org.agencyIds[agency], from_on: joinedOn, to_on: `${year + 1}-03-31`, user_id: null, idempotency_key: null, ...ctx.stamp(joinedOn, by), version: 1 });
    seated.push({ id, agency: ctx.org.agencyIds[agency], from: joinedOn, to: `${year + 1}-03-31` });
  }
  for (const [month, kind] of MEETING_MONTHS) {
    const heldOn = meetingDay(year, month);
    if (heldOn > end) continue;
    const meetingId = ctx.id(heldOn);
    ctx.add('board_meetings', { id: meetingId, held_on: heldOn, kind, agenda: kind === 'board' ? 'Minutes and actions\nPerformance report\nSub-group reports' : 'Learning from reviews\nNext year’s priorities', idempotency_key: null, ...ctx.stamp(heldOn, by), version: 1 });
    for (const seat of seated) {
      if (seat.from > heldOn || (seat.to && seat.to < heldOn)) continue;
      ctx.add('board_attendance', { meeting_id: meetingId, member_id: seat.id, status: rng.weighted(ATTENDANCE) });
    }
    if (kind !== 'board') continue;
    for (let i = rng.int(1, 2); i > 0; i--) {
      ctx.add('board_decisions', { id: ctx.id(heldOn), meeting_id: meetingId, text: rng.pick(DECISIONS), lead: 'Partnership business manager', due_on: addCalendarDays(heldOn, rng.int(30, 120)), idempotency_key: null, ...ctx.stamp(heldOn, by), version: 1 });
    }
  }
  const agreedOn = `${year}-04-01`;
  if (agreedOn <= end) {
    const yearOver = `${year + 1}-03-31` <= end;
    for (const [key, pounds] of Object.entries(CONTRIBUTIONS) as [AgencyKey, number][]) {
      const agreed = Math.round(pounds * (1 + (year - 2020) * 0.02)) * 100;
      ctx.add('board_contributions', { id: ctx.id(agreedOn), agency_id: ctx.org.agencyIds[key], year_start: year, agreed_pence: agreed, received_pence: yearOver ? agreed : Math.round(agreed / 2), ...ctx.stamp(agreedOn, by), version: 1 });
    }
  }
  return String(year);
}

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  const years = new Set<number>([financialYearStart(ctx.end)]);
  for (const contact of journey.contacts) years.add(financialYearStart(ukDate(contact.receivedAt)));
  for (const year of [...years].sort()) ctx.once(`board-year:${year}`, () => synthesiseYear(ctx, year));
};
