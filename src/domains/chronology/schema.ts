import { z } from 'zod';

export const chronologyFilterForm = z.object({
  type: z.string().trim().max(100).default(''),
  agency: z.uuid({ message: 'Select an agency from the list' }).or(z.literal('')).default(''),
});
