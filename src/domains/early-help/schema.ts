import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { LOCALITY_KEYS } from '../people/localities.ts';
import { CLOSURE_REASON_KEYS, REVIEW_DECISION_KEYS, STEP_DOWN_REASON_KEYS } from './labels.ts';

const isoDate = z.iso.date({ error: 'Enter a real date' });
const version = z.coerce.number({ error: 'The form is out of date: reload the page' }).int().min(0);
const idempotencyKey = z.uuid({ error: 'The form is out of date: reload the page' });
const userId = (missing: string) => z.uuid({ error: missing });

export const openCaseFields = z.object({
  locality: z.enum(LOCALITY_KEYS, { error: 'Select the locality' }),
  lead: z.enum(['yes', 'no'], { error: 'Select whether you will be the lead professional' }),
  idempotencyKey,
});

export const stepDownFields = z.object({
  summary: requiredText('The assessment summary', 10_000, 'Enter the summary of the social care assessment'),
  reason: z.enum(STEP_DOWN_REASON_KEYS, { error: 'Select why the case is stepping down' }),
  suggestedAgencyId: z
    .union([z.uuid(), z.literal('')], { error: 'Select an agency from the list' })
    .transform((v) => v || null),
  idempotencyKey,
});

export const allocateFields = z.object({
  leadId: userId('Select the lead professional'),
  version,
});

/** One section of the assessment: a domain of the threshold framework. */
export const sectionFields = z.object({
  domainId: z.uuid(),
  strengths: optionalText('Strengths', 10_000),
  needs: optionalText('Needs', 10_000),
  level: z.coerce.number().int().min(1).max(4).nullable(),
});

export const assessmentFields = z.object({
  sections: z.array(sectionFields),
  childViews: optionalText('The child’s views', 10_000),
  familyViews: optionalText('The family’s views', 10_000),
  summary: optionalText('The summary', 10_000),
  consentGiven: z.boolean(),
  consentBy: optionalText('Who gave consent', 200),
  consentOn: isoDate.nullable(),
  version,
});
export type AssessmentInput = z.infer<typeof assessmentFields>;

export const tacMemberFields = z.object({
  agencyId: z.uuid({ error: 'Select the agency' }),
  userId: userId('Select the person joining the team'),
  role: requiredText('Role in the team', 200, 'Enter their role in the team, for example School designated safeguarding lead'),
  idempotencyKey,
});

export const outcomeFields = z.object({
  outcome: requiredText('The outcome', 2000, 'Enter what will be better for the child'),
});

export const actionFields = z.object({
  outcomeId: z.union([z.uuid(), z.literal('')], { error: 'Select the outcome from the list' }).transform((v) => v || null),
  action: requiredText('The action', 2000, 'Enter the action'),
  ownerId: userId('Select who will do it'),
  dueOn: isoDate,
  completedOn: isoDate.nullable(),
});

export const reviewFields = z.object({
  heldOn: isoDate,
  progress: requiredText('Progress', 10_000, 'Enter the progress made against the plan'),
  familyViews: optionalText('The family’s views', 10_000),
  decision: z.enum(REVIEW_DECISION_KEYS, { error: 'Select the review’s decision' }),
  nextReviewDue: isoDate.nullable(),
  version,
});
export type ReviewInput = z.infer<typeof reviewFields>;

export const closeFields = z.object({
  reason: z.enum(CLOSURE_REASON_KEYS, { error: 'Select why the case is closing' }),
  summary: requiredText('The closing summary', 10_000, 'Enter a closing summary'),
  version,
});

export const stepUpFields = z
  .object({
    reason: requiredText('The reason', 10_000, 'Enter why the case needs to go to the front door'),
    urgency: z.enum(['immediate', 'same_day', 'standard'], { error: 'Select how urgent it is' }),
    consent: z.enum(['given', 'not_given', 'overridden'], { error: 'Select whether the family agreed' }),
    consentOverrideReason: optionalText('The reason for overriding consent', 2000),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.consent === 'overridden' && !v.consentOverrideReason) {
      ctx.addIssue({ code: 'custom', path: ['consentOverrideReason'], message: 'Enter why consent was not sought or was overridden' });
    }
  });
export type StepUpInput = z.infer<typeof stepUpFields>;

/** The API's review body: the same fields, with the case version read. */
export const reviewBody = z.object({
  heldOn: z.iso.date(),
  progress: z.string().trim().min(1).max(10_000),
  familyViews: z.string().trim().max(10_000).nullish(),
  decision: z.enum(REVIEW_DECISION_KEYS),
  nextReviewDue: z.iso.date().nullish().describe('Defaults to 6 weeks after the review'),
  version: z.number().int().min(0).describe('The case version you read'),
});
