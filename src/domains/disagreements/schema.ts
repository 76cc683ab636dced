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

/** A step at the current stage (a reply, an escalation, a withdrawal): when, and what was said. */
const stepFields = (dateMessage: string, note: string, noteMessage: string) =>
  z.object({ occurredOn: isoDate(dateMessage), note: requiredText(note, 10_000, noteMessage), version });

export const respondFields = stepFields('Enter the date of the response', 'The response', 'Enter what was said in response');
export type RespondInput = z.infer<typeof respondFields>;

export const escalateFields = stepFields('Enter the date it was escalated', 'Why it is escalated', 'Enter why the disagreement is escalated');
export type EscalateInput = z.infer<typeof escalateFields>;

// The resolution comes first, as on the page, so the error summary lists the problems in the page's order.
export const resolveFields = z
  .object({ resolution: z.enum(Object.keys(RESOLUTIONS) as [keyof typeof RESOLUTIONS, ...(keyof typeof RESOLUTIONS)[]], { error: 'Select how the disagreement was resolved' }) })
  .extend(stepFields('Enter the date it was resolved', 'Summary', 'Enter a summary of how it was resolved').shape);
export type ResolveInput = z.infer<typeof resolveFields>;

export const withdrawFields = stepFields('Enter the date it was withdrawn', 'Why it is withdrawn', 'Enter why the disagreement is withdrawn');
export type WithdrawInput = z.infer<typeof withdrawFields>;
