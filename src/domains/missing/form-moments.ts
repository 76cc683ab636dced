import { parseTimeOfDay, ukMoment, ukWallClock } from '../../platform/calendar/uk-time.ts';
import { dateField } from '../../platform/http/forms.ts';
import { dateParts, type DateInputValue } from '../../platform/views/date-input.ts';
import { addError, type FormErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';

/** A date and a time of day typed in UK time, as the form shows them again. */
export interface MomentInput {
  date: DateInputValue;
  time: string;
}

/** What a date-and-time field shows for a moment (or is blank). */
export function momentParts(moment: Date | null | undefined): MomentInput {
  if (!moment) return { date: dateParts(null), time: '' };
  const { date, time } = ukWallClock(moment);
  return { date: dateParts(date), time };
}

/**
 * A GOV.UK date input `<name>` with a time box `<name>-time`, read as a moment in UK time. Errors go on the day box
 * or the time box, in GOV.UK's words; a time that does not exist (the hour the clocks go forward) is an error.
 */
export function momentField(body: FormBody, name: string, label: string, errors: FormErrors): { input: MomentInput; value: Date | null } {
  const day = dateField(body, name, label, errors, `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
  const typed = text(body, `${name}-time`).trim().slice(0, 10);
  const input = { date: day.input, time: typed };
  if (!typed) {
    addError(errors, `${name}-time`, `Enter the time for ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
    return { input, value: null };
  }
  const time = parseTimeOfDay(typed);
  if (!time) {
    addError(errors, `${name}-time`, `${label}: enter a real time, like 14:30 or 2:30pm`);
    return { input, value: null };
  }
  if (!day.value) return { input, value: null };
  const moment = ukMoment(day.value, time);
  if (!moment) addError(errors, `${name}-time`, `${label}: ${time} did not happen that day because the clocks went forward. Enter the time shown on the clock after the change.`);
  return { input, value: moment };
}
