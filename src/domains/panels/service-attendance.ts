import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository.ts';
import * as meetings from './repository-meetings.ts';
import type { AttendeeInput } from './schema.ts';
import { FieldError, VersionConflict } from './service.ts';
import { plannedMeeting } from './service-meetings.ts';

type Attendance = 'present' | 'apologies' | 'absent';
const VALUES: readonly string[] = ['present', 'apologies', 'absent'];

/**
 * One line of the attendance list. `key` names where it comes from: `a:` a row already on this meeting's list,
 * `u:` a user expected (the chair, or on the last meeting's list), `x:` someone without an account who came last time.
 */
export interface AttendanceLine {
  key: string;
  name: string;
  represents: string;
  attendance: Attendance | null;
  attendeeId: string | null;
}

/** The list to fill in: who is already recorded, then the usual members (last meeting's list and the chair). */
export async function attendanceList(ctx: RequestContext, meetingId: string) {
  const meeting = await plannedMeeting(ctx, meetingId);
  const [recorded, last, users] = await Promise.all([
    meetings.attendance(ctx.db, meetingId),
    meetings.lastAttendance(ctx.db, meeting.panel_id, meetingId),
    repo.activeUsers(ctx.db),
  ]);
  const lines: AttendanceLine[] = recorded.map((a) => ({
    key: `a:${a.id}`, name: a.name, represents: a.agency_name ?? a.organisation ?? '', attendance: a.attendance, attendeeId: a.id,
  }));
  const onList = (userId: string | null, name: string, organisation: string | null) =>
    recorded.some((a) => (userId ? a.user_id === userId : !a.user_id && a.name === name && a.organisation === organisation));
  const expectedUsers = [...new Set([meeting.chair_id, ...last.map((a) => a.user_id)].filter((id): id is string => Boolean(id)))];
  for (const id of expectedUsers) {
    const user = users.find((u) => u.id === id);
    if (user && !onList(id, user.name, null)) lines.push({ key: `u:${id}`, name: user.name, represents: user.agencyName, attendance: null, attendeeId: null });
  }
  for (const a of last.filter((l) => !l.user_id && !onList(null, l.name, l.organisation))) {
    lines.push({ key: `x:${a.id}`, name: a.name, represents: a.organisation ?? '', attendance: null, attendeeId: null });
  }
  return { meeting, lines, users };
}

/** Saves the list: each line given an answer is recorded; lines left blank stay off the list. */
export async function saveAttendance(ctx: RequestContext, meetingId: string, version: number, answers: Record<string, string>) {
  const { meeting, lines, users } = await attendanceList(ctx, meetingId);
  const last = await meetings.lastAttendance(ctx.db, meeting.panel_id, meetingId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await meetings.touchMeeting(trx, meetingId, version))) throw new VersionConflict('Someone else changed this meeting’s attendance while you were recording it.', meeting);
    for (const line of lines) {
      const value = answers[line.key];
      if (!value || !VALUES.includes(value)) continue;
      const attendance = value as Attendance;
      const [kind, id] = line.key.split(':') as [string, string];
      if (kind === 'a') await meetings.setAttendance(trx, meetingId, id, attendance);
      else if (kind === 'u') {
        const user = users.find((u) => u.id === id)!;
        await meetings.insertAttendee(trx, { meetingId, userId: id, name: user.name, agencyId: user.agencyId, organisation: null, attendance, createdBy: ctx.actor.id });
      } else {
        const before = last.find((a) => a.id === id)!;
        await meetings.insertAttendee(trx, { meetingId, userId: null, name: before.name, agencyId: null, organisation: before.organisation, attendance, createdBy: ctx.actor.id });
      }
    }
  });
}

/** Adds someone to the list: a Cairn user (named with their agency) or a named person from another organisation. */
export async function addAttendee(ctx: RequestContext, meetingId: string, input: AttendeeInput) {
  await plannedMeeting(ctx, meetingId);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'panel_attendance' };
  if (await findIdempotentResource(ctx.db, claim)) return;
  const user = input.userId ? await repo.findUser(ctx.db, input.userId) : null;
  if (input.userId && !user) throw new FieldError('userId', 'Select a person from the list');
  const recorded = await meetings.attendance(ctx.db, meetingId);
  const already = user ? recorded.some((a) => a.user_id === user.id) : recorded.some((a) => !a.user_id && a.name.toLowerCase() === input.name!.toLowerCase() && a.organisation === input.organisation);
  if (already) throw new FieldError(user ? 'userId' : 'name', `${user?.name ?? input.name} is already on the attendance list`, 409);
  const resourceId = uuidv7();
  await once(ctx.db, { ...claim, resourceId }, async (trx) => {
    await meetings.insertAttendee(trx, {
      id: resourceId, meetingId, userId: user?.id ?? null, name: user?.name ?? input.name!, agencyId: user?.agencyId ?? null,
      organisation: user ? null : input.organisation, attendance: input.attendance, createdBy: ctx.actor.id,
    });
  });
}

export async function removeAttendee(ctx: RequestContext, meetingId: string, attendeeId: string) {
  await plannedMeeting(ctx, meetingId);
  if (!(await meetings.deleteAttendee(ctx.db, meetingId, attendeeId))) throw new NotFoundError();
}
