import type { DatedForm } from '../../platform/http/forms.ts';
import { text } from '../../platform/views/form-fields.ts';
import { type ReferralInput, referralFields } from './schema.ts';

const REFERRAL_FIELDS = ['referringAgency', 'referrerName', 'riskBasis', 'dashScore', 'riskReason'] as const;

/** The second step of a referral: who referred it, when, and why it meets the threshold. */
export const REFERRAL_FORM: DatedForm<ReferralInput> = {
  dates: { referredOn: ['The date referred', 'Enter the date the case was referred'] },
  fields: (b) => Object.fromEntries(REFERRAL_FIELDS.map((f) => [f, text(b, f)])),
  schema: referralFields,
  entered: { riskReason: 'Reason for professional judgement or escalation' },
};
