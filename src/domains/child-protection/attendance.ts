import { addError, type FormErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';

/**
 * Who took part in a strategy discussion, conference or core group, typed as rows on the form: agency, name,
 * role, whether they came and (conferences) whether they sent a report. Empty rows are ignored, so a form
 * offers a few spare rows without JavaScript.
 */
export interface AttendeeInput {
  agencyId: string;
  name: string;
  role: string | null;
  attended: boolean;
  reportSubmitted: boolean;
}

/** The rows as typed, kept to show the form again. */
export interface AttendeeRow {
  agencyId: string;
  name: string;
  role: string;
  attended: string;
  report: string;
}

export const SPARE_ROWS = 3;
export const MIN_ROWS = 6;
const MAX_ROWS = 40;

export const blankRow = (): AttendeeRow => ({ agencyId: '', name: '', role: '', attended: 'yes', report: 'no' });

/** The rows to show: those entered plus a few spare ones. */
export function rowsToShow(rows: AttendeeRow[]): AttendeeRow[] {
  const filled = rows.filter((r) => r.agencyId || r.name.trim() || r.role.trim());
  const count = Math.max(MIN_ROWS, filled.length + SPARE_ROWS);
  return [...filled, ...Array.from({ length: count - filled.length }, blankRow)];
}

export function readRows(body: FormBody): AttendeeRow[] {
  const count = Math.min(MAX_ROWS, Number(text(body, 'attendeeRows')) || MIN_ROWS);
  return Array.from({ length: count }, (_, i) => ({
    agencyId: text(body, `attendee-${i}-agency`),
    name: text(body, `attendee-${i}-name`),
    role: text(body, `attendee-${i}-role`),
    attended: text(body, `attendee-${i}-attended`) || 'yes',
    report: text(body, `attendee-${i}-report`) || 'no',
  }));
}

/**
 * Checks the rows: each filled row needs an agency from the list and a name. Errors point at the row's field.
 * `rowsShown` are the rows as they will be shown again, so error ids match the boxes on the page.
 */
export function checkRows(rows: AttendeeRow[], agencyIds: ReadonlySet<string>, errors: FormErrors): AttendeeInput[] {
  const result: AttendeeInput[] = [];
  const filled = rows.filter((r) => r.agencyId || r.name.trim() || r.role.trim());
  filled.forEach((r, i) => {
    const n = i + 1;
    if (!r.agencyId || !agencyIds.has(r.agencyId)) addError(errors, `attendee-${i}-agency`, `Select the agency of person ${n} who took part`);
    if (!r.name.trim()) addError(errors, `attendee-${i}-name`, `Enter the name of person ${n} who took part`);
    else if (r.name.trim().length > 200) addError(errors, `attendee-${i}-name`, `The name of person ${n} must be 200 characters or fewer`);
    if (r.role.trim().length > 200) addError(errors, `attendee-${i}-role`, `The role of person ${n} must be 200 characters or fewer`);
    result.push({ agencyId: r.agencyId, name: r.name.trim(), role: r.role.trim() || null, attended: r.attended !== 'no', reportSubmitted: r.report === 'yes' });
  });
  if (!filled.length) addError(errors, 'attendee-0-agency', 'Enter at least one person who took part');
  return result;
}
