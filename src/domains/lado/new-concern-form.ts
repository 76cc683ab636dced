import type { DatedForm } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { type ConcernInput, concernFields } from './schema.ts';

export const CONCERN_FIELDS = ['adultRole', 'employer', 'sector', 'referringAgency', 'referrerName', 'category', 'allegation'] as const;

/** The second step of recording a concern: what it is. */
export const CONCERN_FORM: DatedForm<ConcernInput> = {
  dates: { receivedOn: ['The date received', 'Enter the date the concern was received'] },
  fields: (b) => Object.fromEntries(CONCERN_FIELDS.map((f) => [f, text(b, f)])),
  schema: concernFields,
  entered: { allegation: 'What is alleged' },
};
