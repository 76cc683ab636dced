import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { CATEGORIES, DECISIONS, OUTCOMES, REFERRING_AGENCIES, REGULATORS, SANCTIONS, SECTORS } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const blankAsNull = (v: unknown) => (v === '' ? null : v);

/** What the concern is: the adult's work, who referred it, when, and what is alleged. */
export const concernFields = z.object({
  adultRole: requiredText('Their role or job', 200, 'Enter the adult’s role or job'),
  employer: requiredText('Employer', 200, 'Enter who employs them (or the organisation they volunteer for)'),
  sector: z.enum(keys(SECTORS), { error: 'Select the sector the adult works in' }),
  referringAgency: z.enum(keys(REFERRING_AGENCIES), { error: 'Select who referred the concern' }),
  referrerName: requiredText('Referrer’s name', 200, 'Enter the name of the person who referred it'),
  receivedOn: isoDate('Enter the date the concern was received'),
  category: z.enum(keys(CATEGORIES), { error: 'Select the category of the concern' }),
  allegation: requiredText('What is alleged', 10_000, 'Enter what is alleged or what the concern is'),
});
export type ConcernInput = z.infer<typeof concernFields>;

/** Correcting the concern's details, at the version the LADO read. */
export const concernEditFields = concernFields.extend({ version });
export type ConcernEdit = z.infer<typeof concernEditFields>;

export const decisionFields = z.object({
  decision: z.enum(keys(DECISIONS), { error: 'Select the decision' }),
  decidedOn: isoDate('Enter the date of the decision'),
  reasons: requiredText('Reasons', 10_000, 'Enter the reasons for the decision'),
  version,
});
export type DecisionInput = z.infer<typeof decisionFields>;

/** Who has been told, and when: each date is blank until it happens. */
export const agenciesFields = z.object({
  policeInformedOn: isoDate('Enter a real date').nullable(),
  employerInformedOn: isoDate('Enter a real date').nullable(),
  dbsReferredOn: isoDate('Enter a real date').nullable(),
  regulator: z.preprocess(blankAsNull, z.enum(keys(REGULATORS), { error: 'Select the regulator or professional body' }).nullable()),
  regulatorInformedOn: isoDate('Enter a real date').nullable(),
  version,
});
export type AgenciesInput = z.infer<typeof agenciesFields>;

export const attendeeFields = z.object({
  name: requiredText('Attendee’s name', 200, 'Enter the attendee’s name'),
  agency: requiredText('Attendee’s agency', 200, 'Enter the attendee’s agency'),
});
export const actionFields = z.object({
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  owner: requiredText('Who does it', 200, 'Enter who will do it'),
  dueOn: isoDate('Enter the date the action is due'),
});

export const meetingFields = z.object({
  heldOn: isoDate('Enter the date of the meeting'),
  attendees: z.array(attendeeFields).min(1, 'Enter at least one attendee'),
  summary: requiredText('Discussion summary', 20_000, 'Enter a summary of the discussion'),
  actions: z.array(actionFields),
  nextMeetingOn: isoDate('Enter a real date').nullable(),
});
export type MeetingInput = z.infer<typeof meetingFields>;

export const actionDoneFields = z.object({ doneOn: isoDate('Enter the date the action was done'), version });

export const closeFields = z.object({
  outcome: z.preprocess(blankAsNull, z.enum(keys(OUTCOMES), { error: 'Select the outcome' }).nullable()),
  sanctions: z.array(z.enum(keys(SANCTIONS), { error: 'Select actions from the list' })),
  closedOn: isoDate('Enter the date the case closes'),
  notes: optionalText('Notes', 10_000),
  version,
});
export type CloseInput = z.infer<typeof closeFields>;
