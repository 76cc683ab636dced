import { z } from 'zod';
import { codesOf } from '../../platform/codes/cin.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { EXPLOITATION_INDICATORS } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const moment = (message: string) => z.date({ error: message });

export const reportFields = z.object({
  kind: z.enum(['missing', 'absent'], { error: 'Select whether the child is missing or absent' }),
  startedAt: moment('Enter when they went missing'),
  reportedAt: moment('Enter when it was reported'),
  reportedByAgencyId: z.uuid({ error: 'Select the agency that reported it' }),
  riskLevel: z.enum(['low', 'medium', 'high'], { error: 'Select the risk level' }),
  circumstances: requiredText('The circumstances', 5000, 'Enter the circumstances and why the risk is at this level'),
});
export type ReportInput = z.infer<typeof reportFields>;

export const returnFields = z.object({
  returnedAt: moment('Enter when they came back or were found'),
  foundWhere: requiredText('Where they were found', 500, 'Enter where they were found or where they came back to'),
  // A place of concern they were found at (harm outside the home): optional, and offered only to those who record at places.
  placeId: z.preprocess((v) => (v === '' ? null : v), z.uuid({ error: 'Select a place of concern from the list' }).nullish()),
  version,
});
export type ReturnInput = z.infer<typeof returnFields>;

export const offerFields = z.object({ offeredAt: moment('Enter when the interview was offered'), version });

export const answerFields = z.object({
  answer: z.enum(['accepted', 'declined'], { error: 'Select whether the child accepted or declined the interview' }),
  version,
});

const indicator = z.enum(codesOf(EXPLOITATION_INDICATORS), { error: 'Select indicators from the list' });

export const completeFields = z.object({
  completedAt: moment('Enter when the interview was held'),
  interviewBy: z.uuid({ error: 'Select who held the interview' }),
  pushFactors: optionalText('What pushed them away', 5000),
  pullFactors: optionalText('What pulled them away', 5000),
  indicators: z.array(indicator).default([]),
  findings: requiredText('The findings', 10_000, 'Enter what the interview found and what happens next'),
  version,
});
export type CompleteInput = z.infer<typeof completeFields>;

const level = (name: string) => z.enum(['none', 'low', 'medium', 'high'], { error: `Select the level of concern about ${name}` });

export const screeningFields = z.object({
  screenedOn: z.iso.date({ error: 'Enter the date of the screening' }),
  sexualExploitation: level('child sexual exploitation'),
  criminalExploitation: level('criminal exploitation or county lines'),
  trafficking: level('trafficking'),
  indicators: z.array(indicator).default([]),
  summary: requiredText('The summary', 10_000, 'Enter a summary of the screening'),
  reviewDue: z.iso.date({ error: 'Enter a real review date' }).nullish(),
  referToMetHub: z.enum(['yes', 'no']).nullish(),
});
export type ScreeningInput = z.infer<typeof screeningFields>;
