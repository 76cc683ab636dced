import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { AUDIENCES, QUESTION_KINDS } from './labels.ts';

const keys = <T extends Record<string, unknown>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
const isoDate = (message: string) => z.iso.date({ error: message });
const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();

/** A survey's details: who it is for, what it says first, whether it is anonymous, and when it runs. */
export const surveyFields = z
  .object({
    title: requiredText('Title', 200, 'Enter a title for the survey'),
    audience: z.enum(keys(AUDIENCES), { error: 'Select who the survey is for' }),
    introduction: requiredText('Introduction', 2000, 'Enter an introduction that says what the survey is for'),
    anonymous: yesNo('Select whether answers are anonymous'),
    opensOn: isoDate('Enter the date the survey opens'),
    closesOn: isoDate('Enter the date the survey closes'),
  })
  .superRefine((v, issue) => {
    if (v.closesOn < v.opensOn) issue.addIssue({ code: 'custom', path: ['closesOn'], message: 'The closing date must be the same as or after the opening date' });
    // Children answer through one-time links with no account, so nobody could be named.
    if (v.audience === 'children' && !v.anonymous) issue.addIssue({ code: 'custom', path: ['anonymous'], message: 'A survey of children and young people is always anonymous: select “Yes”' });
  });
export type SurveyInput = z.infer<typeof surveyFields>;
export const surveyEditFields = surveyFields.and(z.object({ version }));

export const MAX_OPTIONS = 12;

/** One question. The choices of a choice question come one a line; a scale or free-text question has none. */
export const questionFields = z
  .object({
    text: requiredText('Question', 300, 'Enter the question'),
    hint: optionalText('Hint', 500),
    kind: z.enum(keys(QUESTION_KINDS), { error: 'Select the type of answer' }),
    required: yesNo('Select whether an answer is required'),
    options: z.string().default(''),
  })
  .transform((v) => ({ ...v, options: v.kind === 'single' || v.kind === 'multiple' ? [...v.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean)] : [] }))
  .superRefine((v, issue) => {
    if (v.kind !== 'single' && v.kind !== 'multiple') return;
    const problem =
      v.options.length < 2 ? 'Enter at least 2 answers to choose from, one on each line'
      : v.options.length > MAX_OPTIONS ? `Enter no more than ${MAX_OPTIONS} answers to choose from`
      : v.options.some((o) => o.length > 200) ? 'Each answer to choose from must be 200 characters or fewer'
      : new Set(v.options.map((o) => o.toLowerCase())).size < v.options.length ? 'Each answer to choose from must be different'
      : null;
    if (problem) issue.addIssue({ code: 'custom', path: ['options'], message: problem });
  });
export type QuestionInput = z.infer<typeof questionFields>;

export const linkBatchFields = z.object({
  count: z.coerce.number({ error: 'Enter how many links to make, as a number' }).int('Enter a whole number of links').min(1, 'Make at least 1 link').max(200, 'Make no more than 200 links at a time'),
});
