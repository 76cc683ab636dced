import type { AttendanceStatus, MeetingKind, Rag } from './tables.ts';

/**
 * The board's figures, worked out from rows with no database: attendance by agency over a year, budget shares and
 * the business plan's summary. Kept apart so the rules are tested on their own.
 */

type Member = { id: string; agency_id: string; from_on: string; to_on: string | null };
type Meeting = { id: string; held_on: string; kind: MeetingKind };
type Mark = { meeting_id: string; member_id: string; status: AttendanceStatus };

/** A member is expected at a meeting held while they were on the board: one who joined mid-year, only after joining. */
export const expectedAt = (member: Member, meeting: Meeting) => member.from_on <= meeting.held_on && (!member.to_on || member.to_on >= meeting.held_on);

/** Present in person or by a deputy: either way the agency was at the table. */
const present = (status: AttendanceStatus | undefined) => status === 'attended' || status === 'deputy';

export interface AgencyAttendance {
  agencyId: string;
  /** Seats expected: each member once for each regular meeting held while they sat on the board. */
  expected: number;
  present: number;
  apologies: number;
  /** Whole per cent present, or null when the agency was expected at none. */
  percent: number | null;
}

/**
 * Attendance by agency at the regular board meetings of a period, as the annual report shows it: development days
 * and extraordinary meetings are left out (subgroup members come to the first; the second are called at short
 * notice). A seat with nothing recorded counts as absent.
 */
export function attendanceByAgency(members: readonly Member[], meetings: readonly Meeting[], marks: readonly Mark[]): AgencyAttendance[] {
  const status = new Map(marks.map((m) => [`${m.meeting_id}|${m.member_id}`, m.status]));
  const regular = meetings.filter((m) => m.kind === 'board');
  const byAgency = new Map<string, AgencyAttendance>();
  for (const member of members) {
    const row = byAgency.get(member.agency_id) ?? { agencyId: member.agency_id, expected: 0, present: 0, apologies: 0, percent: null };
    for (const meeting of regular.filter((m) => expectedAt(member, m))) {
      const s = status.get(`${meeting.id}|${member.id}`);
      row.expected += 1;
      if (present(s)) row.present += 1;
      if (s === 'apologies') row.apologies += 1;
    }
    byAgency.set(member.agency_id, row);
  }
  return [...byAgency.values()].filter((r) => r.expected > 0).map((r) => ({ ...r, percent: Math.round((100 * r.present) / r.expected) }));
}

export interface Share {
  agencyId: string;
  agreedPence: number;
  receivedPence: number;
  /** This agency's share of the total agreed, to one decimal place. */
  sharePercent: number;
}

/** Each agency's share of the year's agreed budget, and the totals agreed and received. */
export function budgetShares(rows: readonly { agency_id: string; agreed_pence: number; received_pence: number }[]) {
  const agreed = rows.reduce((sum, r) => sum + r.agreed_pence, 0);
  const received = rows.reduce((sum, r) => sum + r.received_pence, 0);
  const shares: Share[] = rows.map((r) => ({
    agencyId: r.agency_id, agreedPence: r.agreed_pence, receivedPence: r.received_pence,
    sharePercent: agreed ? Math.round((1000 * r.agreed_pence) / agreed) / 10 : 0,
  }));
  return { shares, agreedPence: agreed, receivedPence: received, outstandingPence: agreed - received };
}

/** Pence as pounds, as the budget prints them: £12,345.67 (whole pounds without pence). */
export function pounds(pence: number): string {
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(pence);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  const rest = abs % 100;
  return `${sign}£${whole}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

/** An action is overdue when it is past its due date and not complete. */
export const isOverdue = (a: { due_on: string; rag: Rag }, today: string) => a.rag !== 'complete' && a.due_on < today;

export const RAG_ORDER: Rag[] = ['red', 'amber', 'green', 'complete'];

/** The plan at a glance: for each priority, how many actions are in each RAG status and how many are overdue. */
export function planSummary(priorities: readonly { id: string; number: number; title: string }[], actions: readonly { priority_id: string; due_on: string; rag: Rag }[], today: string) {
  const count = (list: readonly { due_on: string; rag: Rag }[]) => ({
    ...Object.fromEntries(RAG_ORDER.map((rag) => [rag, list.filter((a) => a.rag === rag).length])) as Record<Rag, number>,
    overdue: list.filter((a) => isOverdue(a, today)).length,
    total: list.length,
  });
  return {
    rows: priorities.map((p) => ({ ...p, counts: count(actions.filter((a) => a.priority_id === p.id)) })),
    totals: count(actions),
  };
}
