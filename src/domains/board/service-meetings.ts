import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { attendanceByAgency } from './figures.ts';
import { ATTENDANCE } from './labels.ts';
import * as repo from './repository.ts';
import type { DecisionInput, MeetingInput, MemberInput } from './schema.ts';
import type { AttendanceStatus } from './tables.ts';

/**
 * Members, meetings, attendance and decisions. The business manager keeps them (`partnership.manage`); board
 * members read them (`quality.view`). Nothing here names a child.
 */

export async function memberList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  const today = ukToday();
  return (await repo.members(ctx.db)).map((m) => ({ ...m, current: m.from_on <= today && (!m.to_on || m.to_on >= today) }));
}

export async function memberFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const [member] = await repo.members(ctx.db, { id });
  if (!member) throw new NotFoundError();
  return member;
}

/** Users who may be linked to a seat: anyone active with an account. */
export async function userChoices(ctx: RequestContext) {
  const users = await ctx.db.selectFrom('users').select(['id', 'name']).orderBy('name').execute();
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}

function checkDates(input: MemberInput) {
  if (input.toOn && input.toOn < input.fromOn) throw new FieldProblem('toOn', 'The date the member left must be on or after the date they joined');
}

export async function addMember(ctx: RequestContext, input: MemberInput, key: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  checkDates(input);
  const { id } = await repo.insertOnce(ctx.db, 'board_members', key, {
    name: input.name, role: input.role, agency_id: input.agencyId, from_on: input.fromOn, to_on: input.toOn, user_id: input.userId, created_by: ctx.actor.id,
  });
  return id;
}

export async function editMember(ctx: RequestContext, id: string, input: MemberInput): Promise<void> {
  await memberFor(ctx, id);
  checkDates(input);
  const saved = await updateAtVersion(ctx.db, 'board_members', id, input.version ?? 0, { name: input.name, role: input.role, agency_id: input.agencyId, from_on: input.fromOn, to_on: input.toOn, user_id: input.userId });
  if (!saved) throw new ConflictError('Someone else changed this member after you opened the form. Your changes have not been saved: look at the member as they are now and try again.');
}

export async function meetingList(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  const rows = await repo.meetings(ctx.db);
  const marks = await repo.attendanceOf(ctx.db, rows.map((m) => m.id));
  return rows.map((m) => ({ ...m, present: marks.filter((a) => a.meeting_id === m.id && (a.status === 'attended' || a.status === 'deputy')).length, recorded: marks.filter((a) => a.meeting_id === m.id).length }));
}

export async function meetingFor(ctx: RequestContext, id: string) {
  const meeting = await repo.findMeeting(ctx.db, id);
  if (!meeting) throw new NotFoundError();
  return meeting;
}

/** A meeting with its agenda, who was expected and how each attended, and its decisions. */
export async function meetingPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const meeting = await meetingFor(ctx, id);
  const expected = await repo.membersOn(ctx.db, meeting.held_on);
  const marks = new Map((await repo.attendanceOf(ctx.db, [id])).map((a) => [a.member_id, a.status]));
  return {
    meeting,
    agenda: meeting.agenda.split('\n').map((line) => line.trim()).filter(Boolean),
    attendance: expected.map((m) => ({ ...m, status: marks.get(m.id) ?? null })),
    decisions: await repo.decisions(ctx.db, id),
  };
}

export async function addMeeting(ctx: RequestContext, input: MeetingInput, key: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const { id } = await repo.insertOnce(ctx.db, 'board_meetings', key, { held_on: input.heldOn, kind: input.kind, agenda: input.agenda, created_by: ctx.actor.id });
  return id;
}

const STATUSES = Object.keys(ATTENDANCE) as AttendanceStatus[];

/**
 * Records how each member expected at the meeting attended, at the version of the meeting the user read: the
 * whole register is replaced at once, so two people recording it cannot leave half of each.
 */
export async function recordAttendance(ctx: RequestContext, id: string, version: number, marks: Record<string, string>): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const meeting = await meetingFor(ctx, id);
  const expected = await repo.membersOn(ctx.db, meeting.held_on);
  const rows = expected.flatMap((m) => {
    const status = marks[m.id];
    if (!status) return [];
    if (!STATUSES.includes(status as AttendanceStatus)) throw new FieldProblem(`status-${m.id}`, `Select how ${m.name} attended`);
    return [{ meeting_id: id, member_id: m.id, status: status as AttendanceStatus }];
  });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateAtVersion(trx, 'board_meetings', id, version, {}))) throw new ConflictError('Someone else changed this meeting after you opened the register. Your register has not been saved: look at the meeting as it is now and try again.');
    await trx.deleteFrom('board_attendance').where('meeting_id', '=', id).execute();
    if (rows.length) await trx.insertInto('board_attendance').values(rows).execute();
  });
}

export async function addDecision(ctx: RequestContext, meetingId: string, input: DecisionInput, key: string): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const meeting = await meetingFor(ctx, meetingId);
  if (input.dueOn && input.dueOn < meeting.held_on) throw new FieldProblem('dueOn', 'The due date must be on or after the date of the meeting');
  await repo.insertOnce(ctx.db, 'board_decisions', key, { meeting_id: meetingId, text: input.text, lead: input.lead, due_on: input.dueOn, created_by: ctx.actor.id });
}

export async function decisionLog(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  return repo.decisions(ctx.db);
}

/** Attendance by agency over a financial year at the regular board meetings, best attended first. */
export async function attendanceYear(ctx: RequestContext, yearStart: number | null) {
  authorise(ctx, 'quality.view');
  const years = await repo.yearsWithBusiness(ctx.db);
  const year = yearStart ?? years[0] ?? financialYearStart(ukToday());
  const range = financialYearRange(year);
  const [meetings, members, agencies] = await Promise.all([repo.meetings(ctx.db, range), repo.members(ctx.db), repo.agencyChoices(ctx.db)]);
  const marks = await repo.attendanceOf(ctx.db, meetings.map((m) => m.id));
  const rows = attendanceByAgency(members, meetings, marks).map((r) => ({ ...r, agencyName: agencies[r.agencyId] ?? 'Unknown agency' }));
  rows.sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0) || a.agencyName.localeCompare(b.agencyName));
  return { year, years: years.includes(year) ? years : [year, ...years], rows, regularMeetings: meetings.filter((m) => m.kind === 'board').length, otherMeetings: meetings.filter((m) => m.kind !== 'board').length };
}
