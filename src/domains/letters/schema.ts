import { z } from 'zod';
import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { readDateInput } from '../../platform/views/date-input.ts';
import { type LetterType, readTime } from './model.ts';

const free = (what: string, max: number) => z.string().trim().max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);
const note = free('The note', 2000).transform((v) => v || null);
const recipientId = z.string().min(1, 'Select who the letter is to');

const invitation = z.object({
  recipientId,
  meetingTime: z
    .string()
    .trim()
    .min(1, 'Enter the time the conference starts')
    .refine((v) => readTime(v) !== null, 'Enter the time the conference starts, like 10am, 2:30pm or 14:30')
    .transform((v) => readTime(v)!),
  place: free('The place', 300).min(1, 'Enter where the conference will be held'),
  note,
});
const plan = z.object({
  recipientId,
  moreWorries: free('What we are worried about', 3000).transform((v) => v || null),
  changes: free('What needs to happen', 4000).min(1, 'Enter what needs to happen'),
  tasks: free('Who will do what', 4000).min(1, 'Enter who will do what'),
  note,
});
const outcome = z.object({ recipientId, note });

export type InvitationInput = z.infer<typeof invitation> & { meetingDate: string };
export type PlanInput = z.infer<typeof plan>;
export type OutcomeInput = z.infer<typeof outcome>;
export type LetterInput = InvitationInput | PlanInput | OutcomeInput;

const SCHEMAS = { 'conference-invitation': invitation, 'family-plan': plan, 'contact-outcome': outcome } as const;
const FIELDS: Record<LetterType, string[]> = {
  'conference-invitation': ['recipientId', 'meetingTime', 'place', 'note'],
  'family-plan': ['recipientId', 'moreWorries', 'changes', 'tasks', 'note'],
  'contact-outcome': ['recipientId', 'note'],
};

const PAGE_ORDER = ['recipientId', 'meetingDate', 'meetingTime', 'place', 'moreWorries', 'changes', 'tasks', 'note'];

export interface ReadForm {
  /** What was typed, kept to show again (and carried through the review page). */
  values: Record<string, unknown>;
  errors: FormErrors;
  input: LetterInput | null;
}

/** Reads a letter's form: its fields by type, the conference date (today or later), the idempotency key. */
export function readLetterForm(type: LetterType, body: FormBody, today = ukToday()): ReadForm {
  const values: Record<string, unknown> = { idempotencyKey: idempotencyKeyOf(body) };
  for (const f of FIELDS[type]) values[f] = text(body, f);
  const errors = noErrors();
  let meetingDate: string | null = null;
  if (type === 'conference-invitation') {
    values.meetingDate = readDateInput(body, 'meetingDate');
    meetingDate = dateField(body, 'meetingDate', 'The date of the conference', errors, 'Enter the date of the conference').value;
    if (meetingDate && meetingDate < today) addError(errors, 'meetingDate-day', `The date of the conference must be today or later (today is ${formatDate(today)})`);
  }
  const parsed = SCHEMAS[type].safeParse(values);
  if (!parsed.success) zodErrors(parsed.error, errors);
  // The summary lists problems in the order the fields appear on the page.
  const rank = (href: string) => PAGE_ORDER.findIndex((f) => href.startsWith(`#${f}`));
  errors.summary.sort((a, b) => rank(a.href) - rank(b.href));
  if (errors.summary.length || !parsed.success) return { values, errors, input: null };
  return { values, errors, input: type === 'conference-invitation' ? { ...(parsed.data as z.infer<typeof invitation>), meetingDate: meetingDate! } : parsed.data };
}
