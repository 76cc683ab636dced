import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { SAMPLE_ENTRY_TYPES } from './labels.ts';

export const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });

export const templateFields = z.object({
  title: requiredText('Theme', 200, 'Enter the theme of the audit template'),
  description: requiredText('What the audit looks at', 2000, 'Enter what audits of this theme look at'),
});
export type TemplateInput = z.infer<typeof templateFields>;

export const questionFields = z.object({ text: requiredText('Question', 1000, 'Enter the question') });
export type QuestionInput = z.infer<typeof questionFields>;

export const auditFields = z.object({
  title: requiredText('Audit title', 200, 'Enter a title for the audit'),
  templateId: z.uuid({ error: 'Select the audit template' }),
  agencyIds: z.array(z.uuid({ error: 'Select agencies from the list' })).min(1, 'Select the agencies taking part'),
  periodFrom: isoDate('Enter the start of the audit period'),
  periodTo: isoDate('Enter the end of the audit period'),
  answersDueOn: isoDate('Enter the date agencies’ answers are due'),
});
export type AuditInput = z.infer<typeof auditFields>;

export const sampleFields = z
  .object({
    method: z.enum(['random', 'criteria'], { error: 'Select how to draw the sample' }),
    size: z.coerce.number({ error: 'Enter how many children to audit, from 1 to 50' }).int('Enter a whole number of children, from 1 to 50').min(1, 'Enter how many children to audit, from 1 to 50').max(50, 'An audit can sample at most 50 children'),
    entryType: z.string().optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.method === 'criteria' && !SAMPLE_ENTRY_TYPES.includes(v.entryType ?? '')) ctx.addIssue({ code: 'custom', path: ['entryType'], message: 'Select the kind of event the children had' });
  });
export type SampleInput = z.infer<typeof sampleFields>;

export const findingsFields = z.object({ keyFindings: requiredText('Key findings', 20_000, 'Enter the audit’s key findings'), version });
export type FindingsInput = z.infer<typeof findingsFields>;

export const actionFields = z.object({
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  agencyId: z.uuid({ error: 'Select the agency that owns the action' }),
  owner: requiredText('Owner', 200, 'Enter the name of the person who owns the action'),
  dueOn: isoDate('Enter the date the action is due'),
});
export type ActionInput = z.infer<typeof actionFields>;

export const actionUpdateFields = z
  .object({
    status: z.enum(['open', 'complete'], { error: 'Select whether the action is open or complete' }),
    evidence: optionalText('Evidence', 5000),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.status === 'complete' && !v.evidence) ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'Enter the evidence that the action is complete' });
  });
export type ActionUpdateInput = z.infer<typeof actionUpdateFields>;
