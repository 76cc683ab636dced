import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { type ReferralInput, referralFields } from './schema.ts';

export const REFERRAL_FIELDS = ['title', 'referringAgencyId', 'summary'] as const;

/** The details step, checked by the schema, with the date inputs' own problems first. */
export function readReferral(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: ReferralInput | null } {
  const errors = noErrors();
  const incident = dateField(body, 'incidentOn', 'The date of the incident', errors, 'Enter the date of the serious incident');
  const aware = dateField(body, 'awareOn', 'The date the partnership became aware', errors, 'Enter the date the partnership became aware');
  const values: Record<string, unknown> = { ...Object.fromEntries(REFERRAL_FIELDS.map((f) => [f, text(body, f)])), incidentOn: incident.input, awareOn: aware.input, idempotencyKey: idempotencyKeyOf(body) };
  const parsed = referralFields.safeParse({ ...values, incidentOn: incident.value ?? '', awareOn: aware.value ?? '' });
  zodErrors(parsed.success ? null : parsed.error, errors, ['incidentOn', 'awareOn']);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}
