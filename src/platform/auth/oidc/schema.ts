import { z } from 'zod';
import { ROLES } from '../../access/rules.ts';

/** Checkboxes arrive as nothing, one string or several: always an array here. */
const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(50));
const version = z.coerce.number({ message: 'The form is missing its version: reload the page' }).int().min(0);

export const mappingFields = z.object({
  groupValue: z
    .string()
    .trim()
    .min(1, 'Enter the group’s value as the identity provider sends it')
    .max(256, 'The group value must be 256 characters or fewer')
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32), 'The group value must not contain control characters'),
  agencyId: z.uuid({ message: 'Select the agency the group’s members belong to' }),
  teamIds: many(z.uuid({ message: 'Select teams from the list' })),
  roles: many(z.enum(ROLES, { message: 'Select roles from the list' })).refine((r) => r.length > 0, 'Select at least one role'),
});
export type MappingFields = z.infer<typeof mappingFields>;

export const newMappingForm = mappingFields.extend({ idempotencyKey: z.string().max(100).optional() });
export const editMappingForm = mappingFields.extend({ version: version.refine((v) => v >= 1, 'The form is missing its version: reload the page') });
export const deleteMappingForm = z.object({ version: version.refine((v) => v >= 1, 'The form is missing its version: reload the page') });

export const passwordSignInForm = z.object({
  passwordSignIn: z.enum(['yes', 'no'], { message: 'Select whether people in this agency may sign in with a password' }),
  version,
});
