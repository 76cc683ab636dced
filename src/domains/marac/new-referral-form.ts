import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { type ReferralInput, referralFields } from './schema.ts';

const REFERRAL_FIELDS = ['referringAgency', 'referrerName', 'riskBasis', 'dashScore', 'riskReason'] as const;

/** The details step, checked by the schema, with the date input's own problems first. */
export function readReferral(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: ReferralInput | null } {
  const errors = noErrors();
  const referred = dateField(body, 'referredOn', 'The date referred', errors, 'Enter the date the case was referred');
  const values: Record<string, unknown> = { ...Object.fromEntries(REFERRAL_FIELDS.map((f) => [f, text(body, f)])), referredOn: referred.input, idempotencyKey: idempotencyKeyOf(body) };
  const parsed = referralFields.safeParse({ ...values, referredOn: referred.value ?? '' });
  zodErrors(parsed.success ? null : parsed.error, errors, ['referredOn']);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}
