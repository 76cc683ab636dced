import type { DatedForm } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { type NotificationInput, notificationFields } from './schema.ts';

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
