import { z } from 'zod';
import { LOCALITY_KEYS } from '../people/localities.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { ACTION_KINDS, RISK_LEVELS } from './groups-labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const blankAsNull = (v: unknown) => (v === '' ? null : v);
const uuidOrNull = (message: string) => z.preprocess(blankAsNull, z.uuid({ error: message }).nullable());

/** A peer group's name, what is known of it and the locality it is seen in. */
export const groupFields = z.object({
  name: requiredText('Name', 120, 'Enter a name for the group'),
  description: optionalText('Description', 4000).transform((v) => v ?? ''),
  locality: z.preprocess(blankAsNull, z.enum(LOCALITY_KEYS, { error: 'Select a locality from the list' }).nullable()),
});
export type GroupInput = z.infer<typeof groupFields>;

/** Changing a group, at the version read; a date closes it. */
export const groupEditFields = groupFields.extend({ closedOn: isoDate('Enter a real date').nullable(), version });
export type GroupEdit = z.infer<typeof groupEditFields>;

export const memberFields = z.object({
  personId: z.uuid({ error: 'Choose a young person from the search results' }),
  fromDate: isoDate('Enter the date they were first known to be part of the group'),
});
export type MemberInput = z.infer<typeof memberFields>;

export const endMemberFields = z.object({ toDate: isoDate('Enter the date they stopped being part of the group'), version });

export const placeFields = z.object({ placeId: z.uuid({ error: 'Select a place' }) });

export const actionFields = z.object({
  kind: z.enum(keys(ACTION_KINDS), { error: 'Select the kind of action' }),
  placeId: uuidOrNull('Select the group or one of its places'),
  what: requiredText('The action', 2000, 'Enter what is to be done'),
  agencyId: z.uuid({ error: 'Select the agency that will do it' }),
  dueOn: isoDate('Enter the date the action is due'),
});
export type ActionInput = z.infer<typeof actionFields>;

export const discussionFields = z.object({
  discussedOn: isoDate('Enter the date of the discussion'),
  panelMeetingId: uuidOrNull('Select a MET hub meeting from the list'),
  riskLevel: z.enum(keys(RISK_LEVELS), { error: 'Select the risk level the group presents' }),
  summary: requiredText('Discussion summary', 8000, 'Enter a summary of the discussion'),
  actions: z.array(actionFields),
});
export type DiscussionInput = z.infer<typeof discussionFields>;

export const actionDoneFields = z.object({ doneOn: isoDate('Enter the date the action was done'), version });
