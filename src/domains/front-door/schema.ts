import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { personFields } from '../people/schema.ts';
import { NEED_CODES, outcomeFitsLevel, RELATIONSHIP_CODES, SOURCE_CODES } from './codes.ts';

const consentValues = ['given', 'not_given', 'overridden'] as const;
const urgencyValues = ['immediate', 'same_day', 'standard'] as const;
export const outcomeValues = ['no_further_action', 'advice', 'early_help', 'social_care_referral', 'strategy_discussion'] as const;

/** What the contact says, whoever records it (the page form, a partner system through the API). */
export const contactDetailsFields = z.object({
  source: z.enum(SOURCE_CODES, { error: 'Select who raised the concern' }),
  referrerName: requiredText('Referrer’s name', 200, 'Enter the name of the person raising the concern'),
  referrerRole: optionalText('Role', 200),
  referrerPhone: z
    .string()
    .trim()
    .max(30, 'Enter a phone number, like 01632 960 001')
    .refine((v) => v === '' || /^[0-9+()\s-]{6,30}$/.test(v), 'Enter a phone number, like 01632 960 001')
    .nullish()
    .transform((v) => (v ? v : null)),
  referrerEmail: z
    .string()
    .trim()
    .max(200, 'Email address must be 200 characters or fewer')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.com')
    .nullish()
    .transform((v) => (v ? v : null)),
  reason: requiredText('Reason for the contact', 5000, 'Describe the concern and why you are raising it'),
  presentingNeeds: z.array(z.enum(NEED_CODES, { error: 'Select presenting needs from the list' })).min(1, 'Select at least one presenting need, or Other').max(20),
  consent: z.enum(consentValues, { error: 'Select whether the family consented to the contact' }),
  consentOverrideReason: optionalText('Reason for overriding consent', 2000),
  urgency: z.enum(urgencyValues, { error: 'Select how urgent this is' }),
});
export type ContactDetails = z.infer<typeof contactDetailsFields>;

export const checkConsent = (c: { consent: string; consentOverrideReason: string | null }, ctx: z.RefinementCtx) => {
  if (c.consent === 'overridden' && !c.consentOverrideReason) {
    ctx.addIssue({ code: 'custom', path: ['consentOverrideReason'], message: 'Enter why consent was overridden for the child’s safety' });
  }
};

export const contactDetailsForm = contactDetailsFields.superRefine(checkConsent);

/** One person on the contact, picked from the person index. */
export const pickedPerson = z.object({
  personId: z.uuid(),
  role: z.enum(['child', 'household']),
  relationship: z.enum(RELATIONSHIP_CODES).nullable(),
});
export type PickedPerson = z.infer<typeof pickedPerson>;

const personEntry = z
  .object({
    personId: z.uuid({ error: 'personId must be a UUID' }).optional().describe('An existing person in the index'),
    person: personFields.optional().describe('A new person to add to the index (checked for duplicates)'),
  })
  .refine((p) => Boolean(p.personId) !== Boolean(p.person), { message: 'Give either personId or person, not both' });

export const createContactBody = contactDetailsFields
  .omit({ referrerName: true, referrerRole: true, referrerPhone: true, referrerEmail: true })
  .extend({
    children: z.array(personEntry, { error: 'List the children the concern is about' }).min(1, 'Name at least one child').max(10),
    household: z
      .array(personEntry.and(z.object({ relationship: z.enum(RELATIONSHIP_CODES, { error: 'Give each household member’s relationship' }) })))
      .max(20)
      .optional(),
    referrer: z.object({
      name: contactDetailsFields.shape.referrerName,
      role: contactDetailsFields.shape.referrerRole,
      phone: contactDetailsFields.shape.referrerPhone,
      email: contactDetailsFields.shape.referrerEmail,
    }),
    /** Set after checking the possible duplicates a 409 listed: the new people are different people. */
    confirmedNotDuplicate: z.boolean().optional(),
  })
  .superRefine(checkConsent);
export type CreateContactBody = z.infer<typeof createContactBody>;

export const decisionFields = z
  .object({
    level: z.coerce.number({ error: 'Select the threshold level' }).int().min(1, 'Select the threshold level').max(4, 'Select the threshold level'),
    outcome: z.enum(outcomeValues, { error: 'Select the outcome' }),
    reasons: requiredText('Reasons', 5000, 'Enter the reasons for the decision, with reference to the threshold document'),
    version: z.coerce.number().int().positive(),
  })
  .superRefine((d, ctx) => {
    const problem = outcomeFitsLevel(d.outcome, d.level);
    if (problem) ctx.addIssue({ code: 'custom', path: ['outcome'], message: problem });
  });

export const signOffFields = z
  .object({
    action: z.enum(['agree', 'return'], { error: 'Select whether you agree with the decision' }),
    comment: optionalText('Comment', 2000),
    version: z.coerce.number().int().positive(),
  })
  .superRefine((s, ctx) => {
    if (s.action === 'return' && !s.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Enter what needs to change before you can agree the decision' });
  });

export const checkRequestFields = z.object({
  agencyIds: z.array(z.uuid({ error: 'Select agencies from the list' })).min(1, 'Select at least one agency to ask').max(20),
  question: requiredText('Question', 2000, 'Enter what you want the agency to check'),
});

export const checkResponseFields = z.object({
  response: requiredText('Response', 5000, 'Enter what your agency knows about the child and family'),
  version: z.coerce.number().int().positive(),
});

export const allocateFields = z.object({
  userId: z.uuid({ error: 'Select who to allocate the contact to' }),
  version: z.coerce.number().int().positive(),
});

export const levelFields = z.object({
  name: requiredText('Name', 100, 'Enter the level’s name'),
  descriptor: requiredText('Descriptor', 2000, 'Enter what this level means'),
  version: z.coerce.number().int().positive(),
});

const descriptor = (level: number) => requiredText(`Level ${level} descriptor`, 2000, `Enter what level ${level} looks like in this domain`);
export const domainFields = z.object({
  name: requiredText('Name', 100, 'Enter the domain’s name'),
  description: requiredText('Description', 500, 'Enter what the domain covers'),
  descriptor1: descriptor(1),
  descriptor2: descriptor(2),
  descriptor3: descriptor(3),
  descriptor4: descriptor(4),
});

export const contactListQuery = z.object({
  status: z.enum(['open', 'awaiting_decision', 'awaiting_sign_off', 'decided']).optional().describe('open (the default) is awaiting decision or sign-off'),
  allocatedTo: z.union([z.uuid(), z.literal('unallocated'), z.literal('me')]).optional().describe('Front door only: a user id, me or unallocated'),
});
