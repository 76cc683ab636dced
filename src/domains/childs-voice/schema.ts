import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { CAPTURED_HOW } from './labels.ts';

const keys = <T extends Record<string, unknown>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
/** A face from 1 to 5, or nothing when the child did not choose one. */
const face = z
  .string()
  .regex(/^[1-5]?$/, 'Choose a face from the ones shown')
  .transform((v) => (v ? Number(v) : null));

/** The child's views as the practitioner heard them: their words first, then how, the faces and what they want. */
export const viewsFields = z
  .object({
    recordedOn: z.iso.date({ error: 'Enter the date the child shared their views' }),
    inTheirWords: requiredText('What the child said', 5000, 'Enter what the child said, in their own words'),
    capturedHow: z.enum(keys(CAPTURED_HOW), { error: 'Select how the child’s views were heard' }),
    capturedOther: optionalText('How the views were heard', 300),
    feelHome: face,
    feelSchool: face,
    feelPlan: face,
    wants: optionalText('What the child wants to happen', 2000),
  })
  .superRefine((v, issue) => {
    if (v.capturedHow === 'other' && !v.capturedOther) issue.addIssue({ code: 'custom', path: ['capturedOther'], message: 'Say how the child’s views were heard' });
  })
  .transform((v) => ({ ...v, capturedOther: v.capturedHow === 'other' ? v.capturedOther : null }));
export type ViewsInput = z.infer<typeof viewsFields>;
