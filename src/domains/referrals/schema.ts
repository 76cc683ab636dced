import { z } from 'zod';
import { ASSESSMENT_FACTORS, CLOSURE_REASONS, codesOf, DISABILITIES, NO_FACTORS, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { OUTCOME_KEYS, PLAN_END_REASON_KEYS, REVIEW_DECISION_KEYS } from './labels.ts';

/** What each form and API body must hold. Dates arrive as 'YYYY-MM-DD' (from GOV.UK date inputs or JSON). */

const isoDate = (missing: string) => z.string({ error: missing }).regex(/^\d{4}-\d{2}-\d{2}$/, missing);
const version = z.coerce.number({ error: 'The form is missing its version: go back and open it again' }).int().min(0);

export const referralFields = z.object({
  referralDate: isoDate('Enter the date the referral was received'),
  source: z.enum(codesOf(REFERRAL_SOURCES), { error: 'Select who made the referral' }),
  reason: requiredText('Reasons for the referral', 5000, 'Enter the reasons for the referral'),
});
export type ReferralFields = z.infer<typeof referralFields>;

export const nfaFields = z.object({ notes: requiredText('Reasons', 5000, 'Enter why the referral needs no further action'), version });

export const startFields = z.object({
  startDate: isoDate('Enter the date the assessment started'),
  workerId: z.uuid({ error: 'Select the social worker who will do the assessment' }).nullish(),
  version,
});

/** Factor 21 ("no factors identified") stands alone (rule 8869). */
export const factorList = z
  .array(z.enum(codesOf(ASSESSMENT_FACTORS), { error: 'Select factors from the list' }))
  .refine((f) => !f.includes(NO_FACTORS) || f.length === 1, 'Select “No factors identified” on its own, or only the factors identified')
  .refine((f) => new Set(f).size === f.length, 'Select each factor once');

/** A draft: anything may be empty. */
export const assessmentDraftFields = z.object({
  childSeenDate: z.string().nullable(),
  childViews: optionalText('The child’s views', 10000),
  familyViews: optionalText('The family’s views', 10000),
  analysis: optionalText('Analysis', 20000),
  factors: factorList,
  outcome: z.enum(OUTCOME_KEYS).nullable(),
  version,
});
export type AssessmentDraft = z.infer<typeof assessmentDraftFields>;

/** Submitted for authorisation: complete. */
export const assessmentSubmitFields = assessmentDraftFields.extend({
  childSeenDate: isoDate('Enter the date the child was seen'),
  childViews: requiredText('The child’s views', 10000, 'Enter the child’s views, or why they could not be given'),
  familyViews: requiredText('The family’s views', 10000, 'Enter the family’s views'),
  analysis: requiredText('Analysis', 20000, 'Enter your analysis of the child’s needs and risks'),
  factors: factorList.refine((f) => f.length > 0, 'Select the factors identified, or “No factors identified”'),
  outcome: z.enum(OUTCOME_KEYS, { error: 'Select what the assessment recommends' }),
});

export const authoriseFields = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('authorise'),
    primaryNeed: z.enum(codesOf(PRIMARY_NEEDS), { error: 'Select the child’s primary need' }),
    comment: optionalText('Manager’s comment', 5000),
    version,
  }),
  z.object({
    decision: z.literal('return'),
    primaryNeed: z.string().nullish(),
    comment: requiredText('What needs to change', 5000, 'Enter what needs to change before you can authorise it'),
    version,
  }),
]);
export const authoriseDecision = z.enum(['authorise', 'return'], { error: 'Select whether you authorise the assessment or return it' });

export const needFields = z.object({ primaryNeed: z.enum(codesOf(PRIMARY_NEEDS), { error: 'Select the child’s primary need' }), version });

export const disabilityFields = z.object({
  disabilities: z
    .array(z.enum(codesOf(DISABILITIES), { error: 'Select from the list' }))
    .min(1, 'Select the child’s disabilities, or “No disability”')
    .refine((d) => !d.includes('NONE') || d.length === 1, 'Select “No disability” on its own, or only the disabilities the child has'),
  version,
});

export const itemFields = z
  .object({
    kind: z.enum(['outcome', 'action'], { error: 'Select whether this is an outcome or an action' }),
    description: requiredText('Description', 2000, 'Enter what it is'),
    owner: optionalText('Who', 200),
    agencyId: z.uuid({ error: 'Select an agency from the list' }).nullish(),
    dueDate: z.string().nullable(),
    status: z.enum(['open', 'done', 'dropped']).default('open'),
  })
  .refine((i) => i.kind === 'outcome' || i.owner || i.agencyId, { path: ['owner'], message: 'Enter who will do it, or select their agency' })
  .refine((i) => i.kind === 'outcome' || i.dueDate, { path: ['dueDate'], message: 'Enter the date it is due by' });
export type ItemFields = z.infer<typeof itemFields>;

export const reviewFields = z.object({
  reviewDate: isoDate('Enter the date the review was held'),
  progress: requiredText('Progress', 10000, 'Enter the progress made against the plan'),
  decision: z.enum(REVIEW_DECISION_KEYS, { error: 'Select what the review decided' }),
  nextReviewDue: z.string().nullable(),
  version,
});
export type ReviewFields = z.infer<typeof reviewFields>;

export const endPlanFields = z.object({
  endDate: isoDate('Enter the date the plan ended'),
  reason: z.enum(PLAN_END_REASON_KEYS, { error: 'Select why the plan is ending' }),
  version,
});

export const closeFields = z.object({
  closureDate: isoDate('Enter the date the episode closed'),
  reason: z.enum(codesOf(CLOSURE_REASONS), { error: 'Select the reason for closure' }),
  notes: optionalText('Closing notes', 5000),
  version,
});

/** The API's referral body. */
export const referralBody = z.object({
  referralDate: z.iso.date().describe('The date children’s social care received the referral (YYYY-MM-DD)'),
  source: z.enum(codesOf(REFERRAL_SOURCES)).describe('CIN ReferralSource code'),
  reason: z.string().trim().min(1).max(5000),
});
