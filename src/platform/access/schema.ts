import { z } from 'zod';

const reason = z
  .string({ message: 'Enter why you need emergency access to this record' })
  .trim()
  .min(1, 'Enter why you need emergency access to this record')
  .min(10, 'Reason must be 10 characters or more')
  .max(1000, 'Reason must be 1000 characters or fewer');

export const breakGlassForm = z.object({
  reason,
  declaration: z.literal('yes', { message: 'Confirm that you have an urgent safeguarding reason to see this record' }),
});

export const breakGlassBody = z.object({ reason });

export const breakGlassResponse = z.object({
  personId: z.uuid(),
  expiresAt: z.string().describe('When emergency access ends (ISO 8601)'),
  managersTold: z.number().int(),
});

export const personIdParams = z.object({ id: z.uuid() });
