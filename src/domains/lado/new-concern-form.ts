import { dateField, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { UUID } from '../../platform/http/params.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { checkNewPerson } from '../people/person-form.ts';
import type { PersonInput } from '../people/schema.ts';
import { type ConcernInput, concernFields } from './schema.ts';

/**
 * Who the concern is about travels between the two steps in the form body (`adult`, repeated `child`), never in
 * the URL: the adult's and children's names are personal data.
 */
export interface Draft {
  adultId: string | null;
  childIds: string[];
}

export function readDraft(body: FormBody): Draft {
  const adult = text(body, 'adult');
  const childIds = [...new Set(list(body, 'child').filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  return { adultId: UUID.test(adult) ? adult.toLowerCase() : null, childIds };
}

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


/** "Add someone new": an adult (the person the concern is about) or a child involved, by the person index's rules. */
export function readNewPerson(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: PersonInput | null } {
  const values = {
    newPersonType: text(body, 'newPersonType'),
    newGivenName: text(body, 'newGivenName'),
    newFamilyName: text(body, 'newFamilyName'),
    newDateOfBirth: readDateInput(body, 'newDateOfBirth'),
    newSex: text(body, 'newSex'),
    newPersonKey: idempotencyKeyOf({ idempotencyKey: text(body, 'newPersonKey') }),
    confirmDifferent: text(body, 'confirmDifferent'),
  };
  const errors = noErrors();
  const dob = checkDate(values.newDateOfBirth, 'Date of birth');
  if ('error' in dob) addError(errors, 'newDateOfBirth-day', dob.error);
  if (values.newPersonType !== 'adult' && values.newPersonType !== 'child') addError(errors, 'newPersonType', 'Select whether this is the adult the concern is about or a child involved');
  const input = checkNewPerson(values, values.newPersonType || undefined, 'value' in dob ? dob.value : null, errors, 'newPersonType');
  return { values, errors, input };
}
