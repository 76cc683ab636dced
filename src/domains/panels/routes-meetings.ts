import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { dateInputError, dateInputItems, type DateInputValue } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { ATTENDANCE, MEETING_STATUS } from './codes.ts';
import { attempt, body, conflictPage, dateField, dateValue, idOf, keyOf, newKey, view, zodErrors } from './route-helpers.ts';
import { attendeeFields, cancelFields, meetingFields, versionField } from './schema.ts';
import { NotAllowedNow } from './service.ts';
import * as attendance from './service-attendance.ts';
import * as meetings from './service-meetings.ts';

const attendanceItems = (chosen: string | null) => Object.entries(ATTENDANCE).map(([value, text]) => ({ value, text, checked: chosen === value }));

async function meetingView(request: FastifyRequest, reply: FastifyReply, errors?: FormErrors) {
  const page = await meetings.meetingPage(request.ctx(), idOf(request));
  return reply.page(view('meeting'), {
    title: `${page.meeting.panel_name}: meeting`, section: 'panels', ...page, errors, statusTag: MEETING_STATUS[page.meeting.status], attendanceLabels: ATTENDANCE,
  });
}

function meetingForm(reply: FastifyReply, data: { mode: 'create' | 'edit'; panel: { id: string; name: string }; meetingId?: string; values: Record<string, string>; date: DateInputValue; errors?: FormErrors }) {
  const errors = data.errors ?? noErrors();
  return reply.page(view('meeting-form'), {
    title: data.mode === 'create' ? 'Plan a meeting' : 'Change the meeting’s date or place', section: 'panels', ...data, errors,
    dateItems: dateInputItems(data.date, 'meetingDate', errors), dateError: dateInputError('meetingDate', errors),
  });
}

async function attendancePage(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) {
  const { meeting, lines, users } = await attendance.attendanceList(request.ctx(), idOf(request));
  return reply.page(view('attendance'), {
    title: 'Attendance', section: 'panels', meeting, errors, values,
    lines: lines.map((l) => ({ ...l, items: attendanceItems(values[l.key] ?? l.attendance) })),
    userItems: [{ value: '', text: 'Select a person' }, ...users.map((u) => ({ value: u.id, text: `${u.name}, ${u.agencyName}`, selected: values.userId === u.id }))],
    addAttendance: attendanceItems(values.attendance ?? 'present'),
  });
}

export async function meetingRoutes(app: FastifyInstance) {
  app.get('/panels/:id/meetings/new', async (request, reply) => {
    const { panel, suggestedDate } = await meetings.newMeetingDefaults(request.ctx(), idOf(request));
    return meetingForm(reply, { mode: 'create', panel, values: { idempotencyKey: newKey(), location: '' }, date: dateValue(suggestedDate) });
  });

  app.post('/panels/:id/meetings/new', async (request, reply) => {
    const ctx = request.ctx();
    const { panel } = await meetings.newMeetingDefaults(ctx, idOf(request));
    const b = body(request);
    const values = { location: text(b, 'location'), idempotencyKey: keyOf(b) };
    const errors = noErrors();
    const date = dateField(b, 'meetingDate', 'The meeting date', errors, 'Enter the date of the meeting');
    const parsed = meetingFields.safeParse({ meetingDate: date.value, location: values.location });
    const all = zodErrors(parsed.success ? null : parsed.error, ['meetingDate', 'location'], errors);
    if (!parsed.success || all.summary.length) return meetingForm(reply.status(400), { mode: 'create', panel, values, date: date.input, errors: all });
    const result = await attempt(() => meetings.createMeeting(ctx, panel.id, parsed.data, values.idempotencyKey));
    if (!result.ok) return meetingForm(reply.status(result.status), { mode: 'create', panel, values, date: date.input, errors: result.errors });
    return reply.redirect(`/panels/meetings/${result.value}`, 303);
  });

  app.get('/panels/meetings/:id', (request, reply) => meetingView(request, reply));

  app.get('/panels/meetings/:id/edit', async (request, reply) => {
    const meeting = await meetings.plannedMeeting(request.ctx(), idOf(request));
    return meetingForm(reply, { mode: 'edit', panel: { id: meeting.panel_id, name: meeting.panel_name }, meetingId: meeting.id, values: { location: meeting.location ?? '', version: String(meeting.version) }, date: dateValue(meeting.meeting_date) });
  });

  app.post('/panels/meetings/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const meeting = await meetings.plannedMeeting(ctx, idOf(request));
    const b = body(request);
    const values = { location: text(b, 'location'), version: text(b, 'version') };
    const errors = noErrors();
    const date = dateField(b, 'meetingDate', 'The meeting date', errors, 'Enter the date of the meeting');
    const parsed = meetingFields.safeParse({ meetingDate: date.value, location: values.location });
    const version = versionField.safeParse(values);
    const all = zodErrors(parsed.success ? null : parsed.error, ['meetingDate', 'location'], errors);
    const form = { mode: 'edit' as const, panel: { id: meeting.panel_id, name: meeting.panel_name }, meetingId: meeting.id, values, date: date.input };
    if (!parsed.success || !version.success || all.summary.length) return meetingForm(reply.status(400), { ...form, errors: all });
    try {
      const result = await attempt(() => meetings.editMeeting(ctx, meeting.id, version.data.version, parsed.data));
      if (!result.ok) return meetingForm(reply.status(result.status), { ...form, errors: result.errors });
    } catch (error) {
      return conflictPage(reply, error, { back: `/panels/meetings/${meeting.id}/edit`, backText: 'Start again from the saved version', yours: [{ label: 'Location', value: values.location }] });
    }
    return reply.redirect(`/panels/meetings/${meeting.id}`, 303);
  });

  app.post('/panels/meetings/:id/agenda', async (request, reply) => {
    const id = idOf(request);
    await meetings.addAgendaItem(request.ctx(), id, text(body(request), 'referralId'));
    return reply.redirect(`/panels/meetings/${id}`, 303);
  });

  app.post('/panels/meetings/:id/agenda/:itemId/remove', async (request, reply) => {
    const id = idOf(request);
    await meetings.removeAgendaItem(request.ctx(), id, idOf(request, 'itemId'));
    return reply.redirect(`/panels/meetings/${id}`, 303);
  });

  app.post('/panels/meetings/:id/finish', async (request, reply) => {
    const id = idOf(request);
    const ctx = request.ctx();
    const version = versionField.safeParse({ version: text(body(request), 'version') });
    try {
      await meetings.plannedMeeting(ctx, id);
      if (!version.success) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
      await meetings.finishMeeting(ctx, id, version.data.version);
    } catch (error) {
      // Not ready to finish: the meeting page again, saying what is missing.
      if (error instanceof BadRequestError || error instanceof NotAllowedNow) {
        return meetingView(request, reply.status(error.statusCode), addError(noErrors(), 'finish', error.message));
      }
      return conflictPage(reply, error, { back: `/panels/meetings/${id}`, backText: 'Return to the meeting', yours: [] });
    }
    return reply.redirect(`/panels/meetings/${id}`, 303);
  });

  const cancelPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) => {
    const meeting = await meetings.plannedMeeting(request.ctx(), idOf(request));
    return reply.page(view('cancel-form'), { title: 'Cancel the meeting', section: 'panels', meeting, values: { version: String(meeting.version), ...values }, errors });
  };

  app.get('/panels/meetings/:id/cancel', (request, reply) => cancelPage(request, reply, {}));

  app.post('/panels/meetings/:id/cancel', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    await meetings.plannedMeeting(ctx, id);
    const b = body(request);
    const values = { reason: text(b, 'reason'), version: text(b, 'version') };
    const parsed = cancelFields.safeParse(values);
    if (!parsed.success) return cancelPage(request, reply.status(400), values, zodErrors(parsed.error, ['reason']));
    try {
      await meetings.cancelMeeting(ctx, id, parsed.data);
    } catch (error) {
      return conflictPage(reply, error, { back: `/panels/meetings/${id}`, backText: 'Return to the meeting', yours: [{ label: 'Reason', value: values.reason }] });
    }
    return reply.redirect(`/panels/meetings/${id}`, 303);
  });

  app.get('/panels/meetings/:id/attendance', (request, reply) => attendancePage(request, reply, { idempotencyKey: newKey() }));

  app.post('/panels/meetings/:id/attendance', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    authorise(ctx, 'panels.chair');
    const b = body(request);
    const answers = Object.fromEntries(Object.keys(b).filter((k) => /^[aux]:/.test(k)).map((k) => [k, text(b, k)]));
    const version = versionField.safeParse({ version: text(b, 'version') });
    if (!version.success) return attendancePage(request, reply.status(400), { ...answers, idempotencyKey: newKey() }, addError(noErrors(), 'attendance-list', 'The form is missing its version. Reload the page and try again.'));
    try {
      await attendance.saveAttendance(ctx, id, version.data.version, answers);
    } catch (error) {
      return conflictPage(reply, error, { back: `/panels/meetings/${id}/attendance`, backText: 'Start again from the saved attendance', yours: [] });
    }
    return reply.redirect(`/panels/meetings/${id}`, 303);
  });

  app.post('/panels/meetings/:id/attendance/add', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    await meetings.plannedMeeting(ctx, id);
    const b = body(request);
    const values = { userId: text(b, 'userId'), name: text(b, 'name'), organisation: text(b, 'organisation'), attendance: text(b, 'attendance'), idempotencyKey: keyOf(b) };
    const parsed = attendeeFields.safeParse({ ...values, userId: values.userId || null });
    if (!parsed.success) return attendancePage(request, reply.status(400), values, zodErrors(parsed.error, ['userId', 'name', 'organisation', 'attendance']));
    const result = await attempt(() => attendance.addAttendee(ctx, id, parsed.data));
    if (!result.ok) return attendancePage(request, reply.status(result.status), values, result.errors);
    return reply.redirect(`/panels/meetings/${id}/attendance`, 303);
  });

  app.post('/panels/meetings/:id/attendance/:attendeeId/remove', async (request, reply) => {
    const id = idOf(request);
    await attendance.removeAttendee(request.ctx(), id, idOf(request, 'attendeeId'));
    return reply.redirect(`/panels/meetings/${id}/attendance`, 303);
  });
}
