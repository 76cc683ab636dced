import { z } from 'zod';
import { parseTimeOfDay } from '../../platform/calendar/uk-time.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { AGENCIES, CATEGORIES, EXPECTATIONS, FACTOR_DOMAINS, MODIFIABLE, PLACES, RAPID_RESPONSES } from './labels.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const blankAsNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** A time typed as people type it ("14:30", "2.30pm"), kept as 'HH:MM'; blank when not known. */
const timeOfDay = z.preprocess(
  blankAsNull,
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null;
      const time = parseTimeOfDay(v);
      if (!time) ctx.addIssue({ code: 'custom', message: 'Enter the time of death as a real time, like 14:30, or leave it blank' });
      return time;
    }),
);

/** The death as notified: when and where the child died, whether it was expected, and who told the panel. */
export const notificationFields = z.object({
  diedOn: isoDate('Enter the date the child died'),
  timeOfDeath: timeOfDay,
  place: z.enum(keys(PLACES), { error: 'Select where the child died' }),
  placeDetail: optionalText('Where exactly', 500),
  expectation: z.enum(keys(EXPECTATIONS), { error: 'Select whether the death was expected or unexpected' }),
  rapidResponse: z.preprocess(blankAsNull, z.enum(keys(RAPID_RESPONSES), { error: 'Select whether a joint agency response was held' }).nullable()),
  rapidResponseOn: isoDate('Enter a real date').nullable(),
  notifiedOn: isoDate('Enter the date the panel was notified'),
  notifyingAgency: z.enum(keys(AGENCIES), { error: 'Select who notified the death' }),
  notifierName: requiredText('Notified by', 200, 'Enter the name of the person who notified the death'),
  circumstances: requiredText('What is known', 10_000, 'Enter what is known of the circumstances of the death'),
});
export type NotificationInput = z.infer<typeof notificationFields>;

export const notificationEditFields = notificationFields.extend({ version });
export type NotificationEdit = z.infer<typeof notificationEditFields>;

/** Asking an agency for what it holds about the child and family, by a date. */
export const requestFields = z.object({
  agency: z.enum(keys(AGENCIES), { error: 'Select the agency asked' }),
  contact: optionalText('Who was asked', 200),
  requestedOn: isoDate('Enter the date the information was requested'),
  dueOn: isoDate('Enter the date the information is due'),
});
export type RequestInput = z.infer<typeof requestFields>;

/** What came back: a summary of what the agency holds, or that it holds nothing. */
export const returnFields = z.object({
  returnedOn: isoDate('Enter the date the agency replied'),
  notHeld: z.preprocess((v) => v === 'yes', z.boolean()),
  summary: optionalText('Summary of what they hold', 20_000),
  version,
});
export type ReturnInput = z.infer<typeof returnFields>;

/** The panel's review: category, modifiable factors, learning, and whether the NCMD has been told. */
export const reviewFields = z.object({
  reviewedOn: isoDate('Enter the date of the panel meeting'),
  category: z.enum(keys(CATEGORIES), { error: 'Select the category of death' }),
  modifiable: z.enum(keys(MODIFIABLE), { error: 'Select whether modifiable factors were identified' }),
  factorDomains: z.array(z.enum(keys(FACTOR_DOMAINS), { error: 'Select domains from the list' })),
  modifiableFactors: optionalText('The modifiable factors', 10_000),
  learning: requiredText('Learning', 20_000, 'Enter the learning from the review, or say there was none'),
  ncmdNotified: z.enum(['yes', 'no'], { error: 'Select whether the review has been sent to the National Child Mortality Database' }),
  version,
});
export type ReviewInput = z.infer<typeof reviewFields>;
