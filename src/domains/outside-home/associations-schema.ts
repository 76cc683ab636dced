import { z } from 'zod';
import { UUID } from '../../platform/http/params.ts';
import { CONFIDENCE, INFORMATION_SOURCES, NATURES } from './associations-labels.ts';

const keys = <T extends Record<string, string>>(set: T) => Object.keys(set) as [keyof T & string, ...(keyof T & string)[]];
const isoDate = (message: string) => z.iso.date({ error: message });
const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();

/** An association from a child's record: the other person was chosen from the search results first. */
export const associationFields = z.object({
  otherPersonId: z.string({ error: 'Choose the person they are associated with' }).regex(UUID, 'Choose the person they are associated with'),
  nature: z.enum(keys(NATURES), { error: 'Select how they are associated' }),
  source: z.enum(keys(INFORMATION_SOURCES), { error: 'Select where the information came from' }),
  confidence: z.enum(keys(CONFIDENCE), { error: 'Select how confident you are of the association' }),
  fromDate: isoDate('Enter the date the association was first known'),
  toDate: isoDate('Enter a real date').nullable(),
  notes: z.string().trim().max(4000, 'Notes must be 4000 characters or fewer').default(''),
});
export type AssociationInput = z.infer<typeof associationFields>;

/** Ending an association on a day, at the version the user read. */
export const endFields = z.object({
  toDate: isoDate('Enter the date the association ended'),
  version,
});
export type EndInput = z.infer<typeof endFields>;
