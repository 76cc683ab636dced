import { z } from 'zod';
import { ABUSE_CATEGORIES, codesOf } from '../../platform/codes/cin.ts';
import { requiredText } from '../../platform/views/text-fields.ts';
import { NO_PLAN_NEXT, PLAN_END_REASONS, SECTION_47_OUTCOMES } from './model.ts';

/** The forms' fields, checked with Zod; dates arrive already read from GOV.UK date inputs as 'YYYY-MM-DD'. */

const isoDate = (missing: string) => z.iso.date({ error: missing });
const version = z.coerce.number({ error: 'The form is out of date: reload the page' }).int().min(0);
const idempotencyKey = z.uuid({ error: 'The form is out of date: reload the page' });
const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const strategyFields = z.object({
  heldOn: isoDate('Enter the date the strategy discussion was held'),
  format: z.enum(['discussion', 'meeting'], { error: 'Select whether it was a discussion or a meeting' }),
  concerns: requiredText('The concerns', 10_000, 'Enter the concerns discussed'),
  decision: z.enum(['section_47', 'child_in_need_assessment', 'no_further_action'], { error: 'Select what was decided' }),
  decisionReasons: requiredText('The reasons', 10_000, 'Enter the reasons for the decision'),
  idempotencyKey,
});
export type StrategyInput = z.infer<typeof strategyFields>;

export const section47Fields = z.object({
  findings: requiredText('The findings', 20_000, 'Enter the findings of the enquiry'),
  outcome: z.enum(keysOf(SECTION_47_OUTCOMES), { error: 'Select the outcome of the enquiry' }),
  completedDate: isoDate('Enter the date the enquiry was completed'),
  chairId: z
    .union([z.uuid(), z.literal('')], { error: 'Select a chair from the list' })
    .optional()
    .transform((v) => v || null),
  version,
});
export type Section47Input = z.infer<typeof section47Fields>;

export const conferenceFields = z.object({
  heldOn: isoDate('Enter the date the conference was held'),
  decision: z.enum(['plan', 'no_plan', 'continue_plan', 'end_plan'], { error: 'Select the conference’s decision' }),
  categories: z.array(z.enum(codesOf(ABUSE_CATEGORIES), { error: 'Select a category from the list' })),
  summary: requiredText('The summary', 20_000, 'Enter a summary of the conference'),
  endReason: z.enum(keysOf(PLAN_END_REASONS), { error: 'Select why the plan ends' }).optional(),
  noPlanNext: z.enum(keysOf(NO_PLAN_NEXT), { error: 'Select what happens next' }).optional(),
  version,
});
export type ConferenceInput = z.infer<typeof conferenceFields>;

export const coreGroupFields = z.object({
  heldOn: isoDate('Enter the date the core group met'),
  progress: requiredText('Progress', 20_000, 'Enter the progress against the plan'),
  version,
});
export type CoreGroupInput = z.infer<typeof coreGroupFields>;

export const transferInFields = z.object({
  notifiedOn: isoDate('Enter the date the transfer was notified'),
  fromAuthority: requiredText('The local authority', 200, 'Enter the local authority the child moved from'),
  categories: z.array(z.enum(codesOf(ABUSE_CATEGORIES))),
  idempotencyKey,
});
export type TransferInInput = z.infer<typeof transferInFields>;

export const escalationFields = z.object({
  stage: z.enum(['head_of_service', 'legal_planning'], { error: 'Select which review this is' }),
  reviewedOn: isoDate('Enter the date of the review'),
  note: requiredText('The outcome', 10_000, 'Enter the outcome of the review'),
  version,
});
export type EscalationInput = z.infer<typeof escalationFields>;

