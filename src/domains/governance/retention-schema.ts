import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';

export const HOLD_REASONS = {
  litigation: 'Litigation (a claim made or expected)',
  public_inquiry: 'Public inquiry (for example the Independent Inquiry into Child Sexual Abuse)',
  police_investigation: 'Police investigation',
  subject_access_request: 'Subject access request in progress',
  complaint: 'Complaint or ombudsman investigation',
  other: 'Other legal reason',
} as const;

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const years = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.coerce.number({ error: `${label} must be a whole number of years` }).int(`${label} must be a whole number of years`).min(0, `${label} must be 0 or more`).max(150, `${label} must be 150 or fewer`).nullable(),
  );

/** A change to one rule of the schedule. A permanent rule needs no years; any other needs at least one way to count. */
export const ruleForm = z
  .object({
    version,
    permanent: z.enum(['yes', 'no'], { error: 'Select whether these records are kept permanently' }).transform((v) => v === 'yes'),
    yearsFromBirth: years('Years from the date of birth'),
    yearsAfterEvent: years('Years after the event'),
    yearsAfterDeath: years('Years after death'),
    rule: requiredText('Rule', 500, 'Enter the rule in plain English'),
    basis: requiredText('Basis', 1000, 'Enter the legal or business basis for the rule'),
  })
  .superRefine((v, ctx) => {
    if (!v.permanent && v.yearsFromBirth === null && v.yearsAfterEvent === null) {
      ctx.addIssue({ code: 'custom', path: ['yearsFromBirth'], message: 'Enter years from the date of birth or years after the event, or keep these records permanently' });
    }
  });
export type RuleInput = z.infer<typeof ruleForm>;

export const holdForm = z
  .object({
    reason: z.enum(Object.keys(HOLD_REASONS) as [keyof typeof HOLD_REASONS, ...(keyof typeof HOLD_REASONS)[]], { error: 'Select why the record must be kept' }),
    reference: requiredText('Reference', 200, 'Enter the reference (a claim number, the inquiry, a crime reference or the request)'),
    detail: optionalText('Details', 2000),
    fromDate: isoDate('Enter the date the hold starts'),
    untilDate: isoDate('Enter a real date the hold ends').nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.untilDate && v.untilDate < v.fromDate) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: 'The date the hold ends must be on or after the date it starts' });
  });
export type HoldInput = z.infer<typeof holdForm>;

export const releaseForm = z.object({
  version,
  releaseReason: requiredText('Reason', 1000, 'Enter why the hold is released'),
});

export const keepForm = z.object({
  keepUntil: isoDate('Enter the date of the next review'),
  reason: requiredText('Reason', 1000, 'Enter why the record is kept for longer'),
});

export const destroyForm = z.object({
  confirm: z.literal('yes', { error: 'Confirm that you have checked the record and it is to be destroyed' }),
});
