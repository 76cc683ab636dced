import { idempotencyKeyOf, readDatedForm, type DatedForm } from '../../platform/http/forms.ts';
import { UUID } from '../../platform/http/params.ts';
import { checkDate, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { checkNewPerson } from '../people/person-form.ts';
import type { PersonInput } from '../people/schema.ts';
import { type NotificationInput, notificationFields } from './schema.ts';

/** The child travels between the two steps in the form body (`child`), never in the URL. */
export const readChild = (body: FormBody): string | null => {
  const id = text(body, 'child');
  return UUID.test(id) ? id.toLowerCase() : null;
};

export const NOTIFICATION_FIELDS = ['timeOfDeath', 'place', 'placeDetail', 'expectation', 'rapidResponse', 'notifyingAgency', 'notifierName', 'circumstances'] as const;

/** The notification's fields and dates, read the same way when recording the death and when correcting it. */
export const NOTIFICATION_FORM: DatedForm<NotificationInput> = {
  dates: {
    diedOn: ['The date of death', 'Enter the date the child died'],
    rapidResponseOn: ['The date of the joint agency response', undefined],
    notifiedOn: ['The date notified', 'Enter the date the panel was notified'],
  },
  fields: (b) => Object.fromEntries(NOTIFICATION_FIELDS.map((f) => [f, text(b, f)])),
  schema: notificationFields,
  entered: { circumstances: 'What is known', notifierName: 'Notified by' },
};

/** "Add a child": the child who died, added to the person index by its rules (a date of birth is needed). */
export function readNewChild(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: PersonInput | null } {
  const values = {
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
  const input = checkNewPerson(values, 'child', 'value' in dob ? dob.value : null, errors, 'newGivenName');
  return { values, errors, input };
}

export const readNotification = (body: FormBody) => readDatedForm(body, NOTIFICATION_FORM);
