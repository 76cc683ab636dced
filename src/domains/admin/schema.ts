import { z } from 'zod';
import type { AgencyKind } from '../../db/types.ts';
import { ROLES } from '../../platform/access/rules.ts';

export const AGENCY_KINDS: { value: AgencyKind; text: string }[] = [
  { value: 'social_care', text: 'Children’s social care' },
  { value: 'early_help', text: 'Early help' },
  { value: 'police', text: 'Police' },
  { value: 'health', text: 'Health' },
  { value: 'education', text: 'Education' },
  { value: 'voluntary', text: 'Voluntary sector' },
  { value: 'probation', text: 'Probation' },
  { value: 'housing', text: 'Housing' },
  { value: 'other', text: 'Other' },
];
const kindValues = AGENCY_KINDS.map((k) => k.value) as [AgencyKind, ...AgencyKind[]];

/** Checkboxes arrive as nothing, one string or several: always an array here. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(50));

const uuid = (message: string) => z.uuid({ message });

export const userFields = z.object({
  name: z.string().trim().min(1, 'Enter the user’s full name').max(200, 'Name must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter the user’s email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.org'),
  agencyId: uuid('Select the user’s agency'),
  teamIds: many(uuid('Select teams from the list')),
  roles: many(z.enum(ROLES, { message: 'Select roles from the list' })).refine((r) => r.length > 0, 'Select at least one role'),
});
export type UserFields = z.infer<typeof userFields>;

export const newUserForm = userFields.extend({ idempotencyKey: z.string().max(100).optional() });

export const editUserForm = userFields.extend({
  disabled: z.preprocess((v) => v === 'yes', z.boolean()),
  version: z.coerce.number({ message: 'The form is missing its version: reload the page' }).int().min(1),
});
export type EditUserFields = z.infer<typeof editUserForm>;

export const agencyForm = z.object({
  name: z.string().trim().min(1, 'Enter the agency’s name').max(200, 'Agency name must be 200 characters or fewer'),
  kind: z.enum(kindValues, { message: 'Select the kind of agency' }),
});

export const teamForm = z.object({
  name: z.string().trim().min(1, 'Enter the team’s name').max(200, 'Team name must be 200 characters or fewer'),
});

export const auditFilterForm = z.object({
  email: z.string().trim().max(320).email('Enter the user’s email address in the correct format, like name@example.org').or(z.literal('')).default(''),
  personId: z.string().trim().uuid('Enter a person id in the correct format, like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b').or(z.literal('')).default(''),
  action: z.string().trim().max(100).default(''),
  outcome: z.enum(['allowed', 'denied', 'break_glass', '']).default(''),
});
export type AuditFilterForm = z.infer<typeof auditFilterForm>;
