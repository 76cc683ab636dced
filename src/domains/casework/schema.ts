import { z } from 'zod';
import { codesOf } from '../../platform/codes/cin.ts';
import { SOCIAL_WORKER_CHANGE_REASONS } from '../../platform/codes/ssda903.ts';
import { requiredText } from '../../platform/views/text-fields.ts';
import { PURPOSE_CODES } from './codes.ts';

const isoDate = (missing: string) => z.string({ error: missing }).regex(/^\d{4}-\d{2}-\d{2}$/, missing);

export const visitFields = z
  .object({
    visitDate: isoDate('Enter the date of the visit'),
    purpose: z.enum(PURPOSE_CODES, { error: 'Select what the visit was for' }),
    seen: z.enum(['alone', 'with_others', 'not_seen'], { error: 'Select whether the child was seen, and whether alone' }),
    notes: requiredText('What happened on the visit', 5000, 'Enter what happened on the visit'),
  })
  .transform(({ seen, ...v }) => ({ ...v, childSeen: seen !== 'not_seen', seenAlone: seen === 'alone' }));
export type VisitInput = z.infer<typeof visitFields>;

export const allocationFields = z.object({
  workerId: z.uuid({ error: 'Select who will hold the case' }),
  reason: z.enum(codesOf(SOCIAL_WORKER_CHANGE_REASONS), { error: 'Select why the case is being allocated' }),
  date: isoDate('Enter the date the allocation starts'),
  /** The allocation the form was read at ('' for none): a different one now means someone else got there first. */
  current: z.string(),
});
export type AllocationInput = z.infer<typeof allocationFields>;
