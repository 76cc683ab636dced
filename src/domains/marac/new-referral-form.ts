import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { UUID } from '../../platform/http/params.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { checkNewPerson } from '../people/person-form.ts';
import type { PersonInput } from '../people/schema.ts';
import { type ReferralInput, referralFields } from './schema.ts';

/** Who the case is about travels between the two steps in the form body, never in the URL (names are personal data). */
export interface Draft {
  victimId: string | null;
  perpetratorId: string | null;
  childIds: string[];
}

const uuidOrNull = (v: string) => (UUID.test(v) ? v.toLowerCase() : null);

export function readDraft(body: FormBody): Draft {
  const childIds = [...new Set(list(body, 'child').filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  return { victimId: uuidOrNull(text(body, 'victim')), perpetratorId: uuidOrNull(text(body, 'perpetrator')), childIds };
}

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

export type NewPersonRole = 'victim' | 'perpetrator' | 'child';

/** "Add someone new": the victim, the alleged perpetrator (adults) or a child in the household, by the person index's rules. */
export function readNewPerson(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: PersonInput | null; role: NewPersonRole | null } {
  const values = {
    newRole: text(body, 'newRole'),
    newGivenName: text(body, 'newGivenName'),
    newFamilyName: text(body, 'newFamilyName'),
    newDateOfBirth: readDateInput(body, 'newDateOfBirth'),
    newSex: text(body, 'newSex'),
    newPersonKey: idempotencyKeyOf({ idempotencyKey: text(body, 'newPersonKey') }),
    confirmDifferent: text(body, 'confirmDifferent'),
  };
  const role = (['victim', 'perpetrator', 'child'] as const).find((r) => r === values.newRole) ?? null;
  const errors = noErrors();
  const dob = checkDate(values.newDateOfBirth, 'Date of birth');
  if ('error' in dob) addError(errors, 'newDateOfBirth-day', dob.error);
  if (!role) addError(errors, 'newRole', 'Select who they are on this case');
  const input = checkNewPerson(values, role ? (role === 'child' ? 'child' : 'adult') : undefined, 'value' in dob ? dob.value : null, errors, 'newRole');
  return { values, errors, role, input };
}
