import { z } from 'zod';
import { requiredText } from '../../platform/views/text-fields.ts';
import { RESOLUTIONS } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const uuid = (message: string) => z.uuid({ error: message });

/** Raising a disagreement: whose decision, what and when, why the raiser disagrees and what they want instead. */
export const raiseFields = z.object({
  aboutAgency: uuid('Select the agency whose decision you disagree with'),
  decision: requiredText('The decision', 2000, 'Enter the decision you disagree with'),
  decisionOn: isoDate('Enter the date of the decision'),
  reasons: requiredText('Why you disagree', 10_000, 'Enter why you disagree with the decision'),
  outcomeSought: requiredText('The outcome you want', 5000, 'Enter the outcome you want'),
});
export type RaiseInput = z.infer<typeof raiseFields>;

/** A reply at the current stage: what was said and when. */
export const respondFields = z.object({
  occurredOn: isoDate('Enter the date of the response'),
  note: requiredText('The response', 10_000, 'Enter what was said in response'),
  version,
});
export type RespondInput = z.infer<typeof respondFields>;

export const escalateFields = z.object({
  occurredOn: isoDate('Enter the date it was escalated'),
  note: requiredText('Why it is escalated', 10_000, 'Enter why the disagreement is escalated'),
  version,
});
export type EscalateInput = z.infer<typeof escalateFields>;

export const resolveFields = z.object({
  resolution: z.enum(Object.keys(RESOLUTIONS) as [keyof typeof RESOLUTIONS, ...(keyof typeof RESOLUTIONS)[]], { error: 'Select how the disagreement was resolved' }),
  occurredOn: isoDate('Enter the date it was resolved'),
  note: requiredText('Summary', 10_000, 'Enter a summary of how it was resolved'),
  version,
});
export type ResolveInput = z.infer<typeof resolveFields>;

export const withdrawFields = z.object({
  occurredOn: isoDate('Enter the date it was withdrawn'),
  note: requiredText('Why it is withdrawn', 10_000, 'Enter why the disagreement is withdrawn'),
  version,
});
export type WithdrawInput = z.infer<typeof withdrawFields>;
