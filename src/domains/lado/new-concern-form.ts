import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { type ConcernInput, concernFields } from './schema.ts';

export const CONCERN_FIELDS = ['adultRole', 'employer', 'sector', 'referringAgency', 'referrerName', 'category', 'allegation'] as const;

/** The details step: what the concern is, checked by the schema, with the date input's own problems first. */
export function readConcern(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: ConcernInput | null } {
  const errors = noErrors();
  const received = dateField(body, 'receivedOn', 'The date received', errors, 'Enter the date the concern was received');
  const values: Record<string, unknown> = { ...Object.fromEntries(CONCERN_FIELDS.map((f) => [f, text(body, f)])), receivedOn: received.input, idempotencyKey: idempotencyKeyOf(body) };
  const parsed = concernFields.safeParse({ ...values, receivedOn: received.value ?? '' });
  zodErrors(parsed.success ? null : parsed.error, errors, ['receivedOn']);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}
