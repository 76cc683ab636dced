import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { CLOSURE_REASONS, DASH_MAX, OUTCOMES, REFERRING_AGENCIES, RISK_BASES } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];

/**
 * The referral: who referred, when, and why it meets the threshold. A DASH score is a whole number from 0 to 27;
 * a referral on professional judgement or escalation says why instead (a score may still be recorded).
 */
export const referralFields = z
  .object({
    referringAgency: z.enum(keys(REFERRING_AGENCIES), { error: 'Select the referring agency' }),
    referrerName: requiredText('Referrer’s name', 200, 'Enter the name of the person who referred the case'),
    referredOn: isoDate('Enter the date the case was referred'),
    riskBasis: z.enum(keys(RISK_BASES), { error: 'Select why the case meets the MARAC threshold' }),
    dashScore: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.coerce.number({ error: 'The DASH score must be a whole number from 0 to 27' }).int('The DASH score must be a whole number from 0 to 27').min(0, 'The DASH score must be a whole number from 0 to 27').max(DASH_MAX, 'The DASH score must be a whole number from 0 to 27').nullable(),
    ),
    riskReason: optionalText('Reason', 5000),
  })
  .superRefine((r, ctx) => {
    if (r.riskBasis === 'dash' && r.dashScore === null) ctx.addIssue({ code: 'custom', path: ['dashScore'], message: 'Enter the DASH score' });
    if (r.riskBasis !== 'dash' && !r.riskReason) ctx.addIssue({ code: 'custom', path: ['riskReason'], message: 'Enter why the case is referred on professional judgement or escalation' });
  });
export type ReferralInput = z.infer<typeof referralFields>;

export const closeFields = z.object({
  closedOn: isoDate('Enter the date the case closes'),
  reason: z.enum(keys(CLOSURE_REASONS), { error: 'Select why the case is closing' }),
  version,
});
export type CloseInput = z.infer<typeof closeFields>;

export const meetingFields = z.object({ heldOn: isoDate('Enter the date of the meeting') });

export const actionFields = z.object({
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  agency: z.enum(keys(REFERRING_AGENCIES), { error: 'Select the agency that will do it' }),
  owner: requiredText('Who does it', 200, 'Enter who will do it'),
  dueOn: isoDate('Enter the date the action is due'),
});

export const discussionFields = z.object({
  summary: requiredText('Information shared', 20_000, 'Enter a summary of the information shared'),
  outcome: z.enum(keys(OUTCOMES), { error: 'Select whether the case closes or is carried to the next meeting' }),
  actions: z.array(actionFields),
  version,
});
export type DiscussionInput = z.infer<typeof discussionFields>;
