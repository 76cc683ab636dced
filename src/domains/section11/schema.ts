import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { RATINGS } from './labels.ts';
import type { Rating } from './tables.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });

/** Indicators are typed one a line; blank lines are dropped. */
const indicatorLines = z
  .string()
  .default('')
  .transform((v) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(300, 'Each indicator must be 300 characters or fewer')).max(12, 'Enter no more than 12 indicators'));

export const standardFields = z.object({
  number: z.coerce.number({ error: 'Enter the standard’s number' }).int('Enter a whole number').min(1, 'The number must be 1 or more').max(99, 'The number must be 99 or less'),
  title: requiredText('Standard', 200, 'Enter the standard'),
  description: requiredText('What it means', 2000, 'Enter what the standard means'),
  indicators: indicatorLines,
  inUse: z.boolean(),
});
export type StandardInput = z.infer<typeof standardFields>;
export const standardEdit = standardFields.extend({ version });

export const roundFields = z.object({
  title: requiredText('Name of the round', 200, 'Enter a name for the round, for example “Section 11 self-assessment 2026”'),
  opensOn: isoDate('Enter the date the round opens'),
  dueOn: isoDate('Enter the date returns are due'),
  challengeOn: isoDate('Enter a real date').nullable(),
  agencyIds: z.array(z.uuid({ error: 'Select agencies from the list' })).min(1, 'Select the agencies asked to make a return'),
});
export type RoundInput = z.infer<typeof roundFields>;

export const ratingField = z.enum(Object.keys(RATINGS) as [Rating, ...Rating[]], { error: 'Select a rating' });

/** One standard's answer as typed; whether it is complete enough is decided on submission (a draft may be partial). */
export const answerFields = z.object({
  rating: ratingField,
  evidence: optionalText('Evidence', 10_000),
  action: optionalText('Improvement action', 5000),
  actionDueOn: isoDate('Enter a real date').nullable(),
});
export type AnswerInput = z.infer<typeof answerFields>;

export const challengeFields = z.object({
  challenged: requiredText('What was challenged', 10_000, 'Enter what was challenged'),
  agencyAnswer: optionalText('The agency’s answer', 10_000),
  agreedActions: optionalText('Agreed actions', 10_000),
  version: z.coerce.number().int().min(0),
});
export type ChallengeInput = z.infer<typeof challengeFields>;

export const versionOnly = z.object({ version });

export const extensionFields = z.object({ extendedTo: isoDate('Enter the new due date'), version });
