import { z } from 'zod';
import { requiredText } from '../../platform/views/text-fields.ts';
import { PRACTICE_CHANGED, VALIDATION_DECISIONS } from './labels.ts';

const isoDate = (message: string) => z.iso.date({ error: message });
const time = (message: string) => z.string({ error: message }).trim().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, message);
const level = z.coerce.number({ error: 'Select the level' }).int('Select the level').min(1, 'Select the level').max(3, 'Select the level');
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const rating = (message: string) => z.coerce.number({ error: message }).int(message).min(1, message).max(5, message);

export const courseFields = z.object({
  title: requiredText('Title', 200, 'Enter the title of the course'),
  level,
  audience: requiredText('Audience', 500, 'Enter who the course is for'),
  description: requiredText('Description', 5000, 'Enter a description of the course'),
  learningOutcomes: requiredText('Learning outcomes', 5000, 'Enter the learning outcomes'),
  length: requiredText('Length', 100, 'Enter how long the course is, for example “Half day (3 hours)”'),
  impactAfterMonths: z.coerce.number({ error: 'Enter the number of months, from 1 to 12' }).int('Enter a whole number of months').min(1, 'Enter the number of months, from 1 to 12').max(12, 'Enter the number of months, from 1 to 12'),
});
export type CourseInput = z.infer<typeof courseFields>;
export const courseChangeFields = courseFields.extend({ version: z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive() });
export type CourseChange = z.infer<typeof courseChangeFields>;

export const sessionFields = z
  .object({
    heldOn: isoDate('Enter the date of the session'),
    startsAt: time('Enter the start time as hours and minutes, for example 09:30'),
    endsAt: time('Enter the end time as hours and minutes, for example 12:30'),
    venue: requiredText('Venue', 300, 'Enter the venue'),
    places: z.coerce.number({ error: 'Enter the number of places' }).int('Enter a whole number of places').min(1, 'Enter the number of places, from 1 to 500').max(500, 'Enter the number of places, from 1 to 500'),
    trainer: requiredText('Trainer', 200, 'Enter the name of the trainer'),
  })
  .refine((s) => s.endsAt > s.startsAt, { path: ['endsAt'], message: 'The end time must be after the start time' });
export type SessionInput = z.infer<typeof sessionFields>;

export const cancelSessionFields = z.object({ reason: requiredText('Reason', 1000, 'Enter why the session is cancelled') });

export const evaluationFields = z.object({
  contentRating: rating('Rate the content from 1 to 5'),
  trainerRating: rating('Rate the trainer from 1 to 5'),
  relevanceRating: rating('Rate how relevant it was from 1 to 5'),
  overallRating: rating('Rate the course overall from 1 to 5'),
  willDoDifferently: requiredText('What you will do differently', 5000, 'Enter what you will do differently'),
});
export type EvaluationInput = z.infer<typeof evaluationFields>;

export const impactFields = z.object({
  practiceChanged: z.enum(keys(PRACTICE_CHANGED), { error: 'Select how much your practice has changed' }),
  whatChanged: requiredText('What changed', 5000, 'Enter what has changed in your practice, or why it has not'),
});
export type ImpactInput = z.infer<typeof impactFields>;

export const validationFields = z.object({
  title: requiredText('Title', 200, 'Enter the title of the course'),
  level,
  trainer: requiredText('Trainer', 200, 'Enter who delivers the course'),
  outline: requiredText('Outline', 10_000, 'Enter an outline of the course'),
});
export type ValidationInput = z.infer<typeof validationFields>;

export const decisionFields = z
  .object({
    decision: z.enum(keys(VALIDATION_DECISIONS), { error: 'Select the panel’s decision' }),
    decidedOn: isoDate('Enter the date of the panel’s decision'),
    expiresOn: isoDate('Enter a real date').nullable(),
    notes: z.string().trim().max(5000, 'Reasons or conditions must be 5000 characters or fewer').nullish().transform((v) => v || null),
    version: z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive(),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'not_validated' && !d.expiresOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Enter the date the validation expires' });
    if (d.decision !== 'not_validated' && d.expiresOn && d.expiresOn <= d.decidedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The validation must expire after the decision' });
    if (d.decision === 'not_validated' && !d.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Enter the reasons the course was not validated' });
    if (d.decision === 'conditions' && !d.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Enter the conditions' });
  });
export type DecisionInput = z.infer<typeof decisionFields>;
