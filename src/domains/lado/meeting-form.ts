import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { actionFields, attendeeFields, type MeetingInput, meetingFields } from './schema.ts';

/** How many attendee and action rows the meeting form offers; blank rows are left out. */
export const ATTENDEE_ROWS = 8;
export const ACTION_ROWS = 4;

export function meetingDefaults(today: string): Record<string, unknown> {
  return { heldOn: dateParts(today), idempotencyKey: idempotencyKeyOf(), attendees: Array.from({ length: ATTENDEE_ROWS }, () => ({})), actions: Array.from({ length: ACTION_ROWS }, () => ({})) };
}

/**
 * The meeting form: the date, who came (name and agency, row by row), the discussion, the actions agreed (what,
 * who, by when) and the next meeting. A half-filled row is an error on its empty box; an empty row is ignored.
 */
export function readMeeting(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: MeetingInput | null } {
  const errors = noErrors();
  const heldOn = dateField(body, 'heldOn', 'The date of the meeting', errors, 'Enter the date of the meeting');
  const nextMeetingOn = dateField(body, 'nextMeetingOn', 'The date of the next meeting', errors);
  const attendeeValues = Array.from({ length: ATTENDEE_ROWS }, (_, i) => ({ name: text(body, `attendeeName${i}`), agency: text(body, `attendeeAgency${i}`) }));
  const attendees: MeetingInput['attendees'] = [];
  attendeeValues.forEach((a, i) => {
    if (!a.name.trim() && !a.agency.trim()) return;
    const parsed = attendeeFields.safeParse(a);
    if (parsed.success) attendees.push(parsed.data);
    else for (const issue of parsed.error.issues) addError(errors, `attendee${issue.path[0] === 'name' ? 'Name' : 'Agency'}${i}`, issue.message);
  });
  const actionValues = Array.from({ length: ACTION_ROWS }, (_, i) => ({ what: text(body, `actionWhat${i}`), owner: text(body, `actionOwner${i}`), due: dateField(body, `actionDue${i}`, 'The date the action is due', errors) }));
  const actions: MeetingInput['actions'] = [];
  actionValues.forEach((a, i) => {
    const dueTyped = Object.values(a.due.input).some((v) => String(v ?? '').trim());
    if (!a.what.trim() && !a.owner.trim() && !dueTyped) return;
    const parsed = actionFields.safeParse({ what: a.what, owner: a.owner, dueOn: a.due.value ?? '' });
    if (parsed.success) actions.push(parsed.data);
    else for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'what' ? `actionWhat${i}` : issue.path[0] === 'owner' ? `actionOwner${i}` : `actionDue${i}-day`;
      if (!errors.fields[field]) addError(errors, field, issue.message);
    }
  });
  const values = {
    heldOn: heldOn.input,
    nextMeetingOn: nextMeetingOn.input,
    summary: text(body, 'summary'),
    attendees: attendeeValues,
    actions: actionValues.map((a) => ({ what: a.what, owner: a.owner, due: a.due.input })),
    idempotencyKey: idempotencyKeyOf(body),
  };
  const parsed = meetingFields.safeParse({ heldOn: heldOn.value ?? '', attendees, summary: values.summary, actions, nextMeetingOn: nextMeetingOn.value });
  zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn', 'nextMeetingOn']);
  // "At least one attendee" belongs beside the first row's name box.
  if (errors.fields.attendees) {
    errors.summary = errors.summary.map((s) => (s.href === '#attendees' ? { ...s, href: '#attendeeName0' } : s));
    errors.fields.attendeeName0 ??= errors.fields.attendees;
  }
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}
