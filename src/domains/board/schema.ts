import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { MEETING_KINDS, RAGS, ROLES, WORK_STATUSES } from './labels.ts';

const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
export const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
/** An editing form's version; a creating form sends none (an empty field). */
const optionalVersion = z.preprocess((v) => (v === '' ? undefined : v), version.optional());
const isoDate = (message: string) => z.iso.date({ error: message });
const optionalId = (message: string) => z.union([z.literal('').transform(() => null), z.uuid({ error: message })]).nullish().transform((v) => v ?? null);

/** The most a single contribution may be: £10 million, well inside a whole number of pence the database holds. */
const MAX_PENCE = 1_000_000_000;

/** Pounds as typed ("£12,500", "12500.50") to whole pence; anything else is refused with the label's message. */
export const money = (label: string, missing?: string) =>
  z.string().trim().transform((typed, ctx) => {
    const plain = typed.replace(/^£/, '').replace(/,/g, '');
    if (!plain) {
      if (missing) ctx.addIssue({ code: 'custom', message: missing });
      return 0;
    }
    if (!/^\d+(\.\d{1,2})?$/.test(plain)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be an amount in pounds, like 12,500 or 12,500.50` });
      return z.NEVER;
    }
    const [whole, fraction = ''] = plain.split('.');
    const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    if (pence > MAX_PENCE) ctx.addIssue({ code: 'custom', message: `${label} must be £10,000,000 or less` });
    return pence;
  });

export const memberFields = z.object({
  name: requiredText('Name', 200, 'Enter the member’s name'),
  role: z.enum(keys(ROLES), { error: 'Select the member’s role on the board' }),
  agencyId: z.uuid({ error: 'Select the agency the member represents' }),
  fromOn: isoDate('Enter the date the member joined the board'),
  toOn: isoDate('Enter a real date').nullable(),
  userId: optionalId('Select a Cairn user from the list'),
  version: optionalVersion,
});
export type MemberInput = z.infer<typeof memberFields>;

export const meetingFields = z.object({
  heldOn: isoDate('Enter the date of the meeting'),
  kind: z.enum(keys(MEETING_KINDS), { error: 'Select the kind of meeting' }),
  agenda: requiredText('Agenda', 10_000, 'Enter the agenda items, one a line'),
});
export type MeetingInput = z.infer<typeof meetingFields>;

export const decisionFields = z.object({
  text: requiredText('Decision', 5000, 'Enter what the board decided'),
  lead: requiredText('Lead', 200, 'Enter who leads on the decision'),
  dueOn: isoDate('Enter a real date').nullable(),
});
export type DecisionInput = z.infer<typeof decisionFields>;

export const contributionFields = z.object({
  agencyId: z.uuid({ error: 'Select the agency' }),
  yearStart: z.coerce.number({ error: 'Select the financial year' }).int('Select the financial year').min(2000, 'Select the financial year').max(2100, 'Select the financial year'),
  agreed: money('The amount agreed', 'Enter the amount agreed'),
  received: money('The amount received'),
  version: optionalVersion,
});
export type ContributionInput = z.infer<typeof contributionFields>;

export const planFields = z.object({
  title: requiredText('Title', 200, 'Enter the plan’s title, for example “Business plan 2026 to 2027”'),
  startsOn: isoDate('Enter the date the plan starts'),
  endsOn: isoDate('Enter the date the plan ends'),
  copyFromId: optionalId('Select a plan from the list'),
});
export type PlanInput = z.infer<typeof planFields>;

export const priorityFields = z.object({ title: requiredText('Priority', 500, 'Enter the priority') });
export type PriorityInput = z.infer<typeof priorityFields>;

export const actionFields = z.object({
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  agencyId: z.uuid({ error: 'Select the agency that owns the action' }),
  lead: requiredText('Named lead', 200, 'Enter the named lead'),
  subgroupId: optionalId('Select a sub-group from the list'),
  dueOn: isoDate('Enter the date the action is due'),
  rag: z.enum(['red', 'amber', 'green'], { error: 'Select the action’s RAG status' }),
});
export type ActionInput = z.infer<typeof actionFields>;

/** A progress update: the RAG status now, what has happened, and (to mark it complete) the evidence and date. */
export const progressFields = z.object({
  rag: z.enum(keys(RAGS), { error: 'Select the RAG status' }),
  note: requiredText('Progress update', 5000, 'Enter what progress has been made'),
  evidence: optionalText('Evidence', 5000),
  completedOn: isoDate('Enter a real date').nullable(),
  version,
});
export type ProgressInput = z.infer<typeof progressFields>;

export const subgroupFields = z.object({
  name: requiredText('Name', 200, 'Enter the sub-group’s name'),
  chair: requiredText('Chair', 200, 'Enter who chairs the sub-group'),
  termsOfReference: requiredText('Terms of reference', 20_000, 'Enter the sub-group’s terms of reference'),
  members: optionalText('Members', 5000),
});
export type SubgroupInput = z.infer<typeof subgroupFields>;

export const workItemFields = z.object({
  what: requiredText('Work item', 2000, 'Enter the work to be done'),
  owner: requiredText('Owner', 200, 'Enter who owns the work'),
  dueOn: isoDate('Enter the date the work is due'),
  status: z.enum(keys(WORK_STATUSES), { error: 'Select the status' }),
  priorityId: optionalId('Select a priority from the list'),
});
export type WorkItemInput = z.infer<typeof workItemFields>;

export const workStatusFields = z.object({ status: z.enum(keys(WORK_STATUSES), { error: 'Select the status' }), version });
export type WorkStatusInput = z.infer<typeof workStatusFields>;
