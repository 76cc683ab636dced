import { z } from 'zod';
import { DISABILITY, ETHNICITY, INVOLVEMENT_BASIS, RELATIONSHIP } from './codes.ts';
import { isValidNhsNumber, isValidUpn, normaliseNhsNumber, normalisePostcode } from './identifiers.ts';

/** Today's date in England, as 'YYYY-MM-DD': legal dates are compared as calendar days, not moments. */
export function todayInEngland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const isoDate = z.iso.date({ error: 'Enter a real date in the format YYYY-MM-DD' });
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).nullish();

const codes = (set: Record<string, unknown>) => Object.keys(set) as [string, ...string[]];

export const personTypes = ['child', 'unborn', 'adult'] as const;

/** The details of a person, in the API's terms (ISO dates); the page form is converted to this shape. */
export const personFields = z.object({
  personType: z.enum(personTypes, { error: 'Select whether this is a child, an unborn child or an adult' }),
  givenName: z.string({ error: 'Enter the given name' }).trim().min(1, 'Enter the given name').max(100, 'Given name must be 100 characters or fewer'),
  familyName: z.string({ error: 'Enter the family name' }).trim().min(1, 'Enter the family name').max(100, 'Family name must be 100 characters or fewer'),
  dateOfBirth: isoDate.nullish(),
  expectedDateOfDelivery: isoDate.nullish(),
  sex: z.enum(['M', 'F', 'U'], { error: 'Select the sex' }),
  gender: optionalText(100, 'Gender'),
  ethnicity: z.enum(codes(ETHNICITY), { error: 'Select an ethnicity from the list' }).nullish(),
  nhsNumber: z
    .string()
    .trim()
    .max(20, 'Enter a valid NHS number, like 943 476 5919')
    .refine((v) => v === '' || isValidNhsNumber(v), 'Enter a valid NHS number, like 943 476 5919')
    .nullish(),
  upn: z
    .string()
    .trim()
    .max(20, 'Enter a valid unique pupil number')
    .refine((v) => v === '' || isValidUpn(v), 'Enter a valid unique pupil number: 13 characters, starting with its check letter')
    .nullish(),
  language: optionalText(100, 'Language'),
  disabilities: z.array(z.enum(codes(DISABILITY), { error: 'Select disabilities from the list' })).max(20).default([]),
});

type PersonFields = z.infer<typeof personFields>;

/** Rules that join fields together; shared by the form, the API and edits. */
export function checkPersonRules(p: PersonFields, ctx: z.RefinementCtx, today = todayInEngland()) {
  if (p.personType === 'unborn') {
    if (!p.expectedDateOfDelivery) ctx.addIssue({ code: 'custom', path: ['expectedDateOfDelivery'], message: 'Enter the expected date of delivery' });
    else if (p.expectedDateOfDelivery > addMonths(today, 10))
      ctx.addIssue({ code: 'custom', path: ['expectedDateOfDelivery'], message: 'Expected date of delivery must be within 10 months from today' });
    else if (p.expectedDateOfDelivery < addMonths(today, -1))
      ctx.addIssue({ code: 'custom', path: ['expectedDateOfDelivery'], message: 'Expected date of delivery must be in the future. If the child has been born, record them as a child' });
    if (p.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'An unborn child cannot have a date of birth' });
    if (p.sex !== 'U') ctx.addIssue({ code: 'custom', path: ['sex'], message: 'Select "Unknown or not recorded" for an unborn child' });
  } else {
    if (!p.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth' });
    else if (p.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be today or in the past' });
    else if (p.dateOfBirth < '1900-01-01') ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be after 1900' });
    if (p.expectedDateOfDelivery) ctx.addIssue({ code: 'custom', path: ['expectedDateOfDelivery'], message: 'Only an unborn child has an expected date of delivery' });
  }
  if (p.disabilities.includes('NONE') && p.disabilities.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['disabilities'], message: 'Select "No disability" on its own, or select the disabilities the person has' });
  }
}

export const addressFields = z.object({
  line1: z.string({ error: 'Enter the first line of the address' }).trim().min(1, 'Enter the first line of the address').max(200, 'Address line 1 must be 200 characters or fewer'),
  line2: optionalText(200, 'Address line 2'),
  town: optionalText(100, 'Town or city'),
  postcode: z
    .string({ error: 'Enter the postcode' })
    .trim()
    .min(1, 'Enter the postcode')
    .max(10, 'Enter a real postcode, like PE1 1AA')
    .refine((v) => normalisePostcode(v) !== null, 'Enter a real postcode, like PE1 1AA'),
  startDate: isoDate,
});
export type AddressInput = z.infer<typeof addressFields>;

export const createPersonBody = personFields
  .extend({
    address: addressFields.optional(),
    /** Set after checking the possible duplicates the API answered with (409): this is a different person. */
    confirmedNotDuplicate: z.boolean().optional(),
  })
  .superRefine((p, ctx) => checkPersonRules(p, ctx));
export type CreatePersonBody = z.infer<typeof createPersonBody>;

export const updatePersonBody = personFields
  .extend({ version: z.number({ error: 'Give the version of the record you read' }).int().positive() })
  .superRefine((p, ctx) => checkPersonRules(p, ctx));
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

/** The person details the service stores, after normalising identifiers and blanks. */
export interface PersonInput {
  personType: (typeof personTypes)[number];
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDateOfDelivery: string | null;
  sex: 'M' | 'F' | 'U';
  gender: string | null;
  ethnicity: string | null;
  nhsNumber: string | null;
  upn: string | null;
  language: string | null;
  disabilities: string[];
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : null);

export function toPersonInput(p: PersonFields): PersonInput {
  const nhs = blankToNull(p.nhsNumber);
  const upn = blankToNull(p.upn);
  return {
    personType: p.personType,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.personType === 'unborn' ? null : (p.dateOfBirth ?? null),
    expectedDateOfDelivery: p.personType === 'unborn' ? (p.expectedDateOfDelivery ?? null) : null,
    sex: p.sex,
    gender: blankToNull(p.gender),
    ethnicity: blankToNull(p.ethnicity),
    nhsNumber: nhs ? normaliseNhsNumber(nhs) : null,
    upn: upn ? upn.replace(/\s/g, '').toUpperCase() : null,
    language: blankToNull(p.language),
    disabilities: p.disabilities,
  };
}

export function toAddressInput(a: AddressInput): AddressInput {
  return { ...a, line2: blankToNull(a.line2), town: blankToNull(a.town), postcode: normalisePostcode(a.postcode) ?? a.postcode };
}

export const searchBody = z
  .object({
    name: z.string().trim().max(200, 'Name must be 200 characters or fewer').optional(),
    dateOfBirth: isoDate.optional(),
    nhsNumber: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d{10}$/.test(normaliseNhsNumber(v)), 'Enter an NHS number with 10 digits, like 943 476 5919')
      .optional(),
    postcode: z
      .string()
      .trim()
      .max(10, 'Enter a postcode, or the start of one, like PE1')
      .refine((v) => v === '' || /^[A-Za-z][A-Za-z0-9 ]*$/.test(v), 'Enter a postcode, or the start of one, like PE1')
      .optional(),
  })
  .refine((s) => Boolean(s.name || s.dateOfBirth || s.nhsNumber || s.postcode), {
    path: ['name'],
    message: 'Enter a name, date of birth, NHS number or postcode to search for',
  });
export type SearchBody = z.infer<typeof searchBody>;

export const idParams = z.object({ id: z.uuid({ error: 'The person id must be a UUID' }) });

export const nameFields = z.object({
  givenName: z.string().trim().min(1, 'Enter the given name').max(100, 'Given name must be 100 characters or fewer'),
  familyName: z.string().trim().min(1, 'Enter the family name').max(100, 'Family name must be 100 characters or fewer'),
  kind: z.enum(['alias', 'previous', 'preferred'], { error: 'Select what kind of name this is' }),
});

export const relationshipFields = z.object({
  relatedPersonId: z.uuid({ error: 'Choose the other person' }),
  kind: z.enum(codes(RELATIONSHIP), { error: 'Select how they are related' }),
});

const shareBases = ['consent', 'lawful_basis', 'team_around_child'] as const satisfies readonly (keyof typeof INVOLVEMENT_BASIS)[];
export const shareFields = z
  .object({
    agencyId: z.uuid({ error: 'Select the agency' }),
    basis: z.enum(shareBases, { error: 'Select why the record is being shared' }),
    detail: optionalText(500, 'Detail'),
    startDate: isoDate,
  })
  .superRefine((s, ctx) => {
    if ((s.basis === 'consent' || s.basis === 'lawful_basis') && !s.detail) {
      ctx.addIssue({
        code: 'custom',
        path: ['detail'],
        message: s.basis === 'consent' ? 'Enter who gave consent and when' : 'Enter the lawful basis for sharing',
      });
    }
  });

export const restrictFields = z.object({
  restricted: z.enum(['yes', 'no'], { error: 'Select whether the record is restricted' }),
  reason: z.string().trim().min(1, 'Enter the reason').max(500, 'Reason must be 500 characters or fewer'),
  userIds: z.array(z.uuid()).default([]),
});
