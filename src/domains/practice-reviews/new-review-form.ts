import type { DatedForm } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { type ReferralInput, referralFields } from './schema.ts';

export const REFERRAL_FIELDS = ['title', 'referringAgencyId', 'summary'] as const;

/** The second step of a referral for review: the serious incident and when the partnership learnt of it. */
export const REFERRAL_FORM: DatedForm<ReferralInput> = {
  dates: {
    incidentOn: ['The date of the incident', 'Enter the date of the serious incident'],
    awareOn: ['The date the partnership became aware', 'Enter the date the partnership became aware'],
  },
  fields: (b) => Object.fromEntries(REFERRAL_FIELDS.map((f) => [f, text(b, f)])),
  schema: referralFields,
  entered: { summary: 'What happened' },
};
