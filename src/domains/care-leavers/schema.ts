import { z } from 'zod';
import { codesOf } from '../../platform/codes/cin.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../../platform/codes/ssda903.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';

const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();
const isoDate = (message: string) => z.iso.date({ error: message });
const blankAsNull = (v: unknown) => (v === '' ? null : v);

export const openFields = z.object({
  eligibility: z.enum(['eligible', 'relevant', 'former_relevant', 'qualifying'], { error: 'Select the young person’s status' }),
  openedOn: isoDate('Enter the date the record starts'),
  personalAdviserId: z.preprocess(blankAsNull, z.uuid({ error: 'Select a personal adviser from the list' }).nullable()),
});
export type OpenInput = z.infer<typeof openFields>;

export const adviserFields = z.object({ personalAdviserId: z.uuid({ error: 'Select a personal adviser' }), version });

export const planFields = z.object({
  planDate: isoDate('Enter the date of the plan or review'),
  accommodation: optionalText('Accommodation', 2000),
  activity: optionalText('Education, training or work', 2000),
  summary: requiredText('The plan', 10_000, 'Enter what the plan says: needs, goals and who does what'),
  nextReviewDue: isoDate('Enter a real review date').nullish(),
});
export type PlanInput = z.infer<typeof planFields>;

export const contactFields = z.object({
  contactDate: isoDate('Enter the date of the contact'),
  inTouch: z.enum(codesOf(CARE_LEAVER_IN_TOUCH), { error: 'Select whether you are in touch' }),
  accommodation: z.preprocess(blankAsNull, z.enum([...codesOf(CARE_LEAVER_ACCOMMODATION), '0'], { error: 'Select the accommodation from the list' }).nullable()),
  suitable: z.preprocess(blankAsNull, z.enum(['yes', 'no']).nullable()),
  activity: z.preprocess(blankAsNull, z.enum(codesOf(CARE_LEAVER_ACTIVITY), { error: 'Select the activity from the list' }).nullable()),
  notes: optionalText('Notes', 5000),
});
export type ContactInput = z.infer<typeof contactFields>;

export const closeFields = z.object({
  closedOn: isoDate('Enter the date the record closes'),
  reason: z.enum(['reached_25', 'no_longer_needs', 'moved_away', 'returned_to_care', 'died'], { error: 'Select why the record is closing' }),
  version,
});
export type CloseInput = z.infer<typeof closeFields>;
