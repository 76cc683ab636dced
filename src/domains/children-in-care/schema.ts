import { z } from 'zod';
import { codesOf, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { EPISODE_CEASED_REASONS, LEGAL_STATUSES, PLACEMENT_CHANGE_REASONS, PLACEMENT_PROVIDERS, PLACEMENT_TYPES, REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { optionalText, requiredText } from '../../platform/views/text-fields.ts';
import { CHECK_KINDS } from './labels.ts';

/** The 903 category of need: N1–N8 (N9 and N0 are for children not in need). */
export const CATEGORIES_OF_NEED = Object.fromEntries(Object.entries(PRIMARY_NEEDS).filter(([code]) => /^N[1-8]$/.test(code)));
/** Leaving reasons a worker chooses: X1 is written only when a new episode follows. */
export const LEAVING_REASONS = Object.fromEntries(Object.entries(EPISODE_CEASED_REASONS).filter(([code]) => code !== 'X1'));

const code = (set: Record<string, string>, missing: string) => z.enum(codesOf(set), { error: missing });
const isoDate = (missing: string) => z.string({ error: missing }).regex(/^\d{4}-\d{2}-\d{2}$/, missing);
/** Upper case, single-spaced: how postcodes and URNs are compared and stored. */
const tidy = (label: string, max: number) => optionalText(label, max).transform((v) => (v ? v.toUpperCase().replace(/\s+/g, ' ') : null));
const optionalCode = (set: Record<string, string>) =>
  z
    .string()
    .nullish()
    .transform((v) => v || null)
    .pipe(z.enum(codesOf(set)).nullable());
const version = z.coerce.number({ error: 'The version is missing' }).int().min(0);

/** The legal status and placement an episode records. */
const placementFields = {
  legalStatus: code(LEGAL_STATUSES, 'Select the legal status'),
  placementType: code(PLACEMENT_TYPES, 'Select the placement type'),
  placementProvider: optionalCode(PLACEMENT_PROVIDERS),
  carerName: optionalText('Carer or setting', 200),
  urn: tidy('Ofsted URN', 10),
  placementPostcode: tidy('Placement postcode', 10),
  homePostcode: tidy('Home postcode', 10),
};

export const startFields = z.object({
  startDate: isoDate('Enter the date the child became looked after'),
  ...placementFields,
  categoryOfNeed: code(CATEGORIES_OF_NEED, 'Select the category of need'),
  uasc: z.enum(['yes', 'no'], { error: 'Select whether the child is an unaccompanied asylum-seeking child' }).transform((v) => v === 'yes'),
  iroId: z.uuid().nullish().or(z.literal('')).transform((v) => v || null),
  /** Only asked when the child has no open referral: where the referral came from. */
  referralSource: optionalCode(REFERRAL_SOURCES),
});
export type StartInput = z.infer<typeof startFields>;

export const changeFields = z.object({
  date: isoDate('Enter the date of the change'),
  ...placementFields,
  sameCarer: z
    .string()
    .nullish()
    .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
  reasonPlaceChange: optionalCode(PLACEMENT_CHANGE_REASONS),
  version,
});
export type ChangeFormInput = z.infer<typeof changeFields>;

export const ceaseFields = z.object({
  date: isoDate('Enter the date the child left care'),
  reason: code(LEAVING_REASONS, 'Select why the child left care'),
  version,
});
export type CeaseInput = z.infer<typeof ceaseFields>;

export const iroFields = z.object({ iroId: z.uuid({ error: 'Select the independent reviewing officer' }), version });

export const reviewFields = z.object({
  heldOn: isoDate('Enter the date the review was held'),
  participation: code(REVIEW_PARTICIPATION, 'Select how the child took part'),
  summary: requiredText('Summary of the review', 5000, 'Enter a summary of the review and its decisions'),
});
export type ReviewInput = z.infer<typeof reviewFields>;

export const checkFields = z.object({
  kind: z.enum(Object.keys(CHECK_KINDS) as [keyof typeof CHECK_KINDS, ...(keyof typeof CHECK_KINDS)[]], { error: 'Select what was done' }),
  doneOn: isoDate('Enter the date it was done'),
  score: z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      if (/^\d{1,2}$/.test(v) && Number(v) <= 40) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'Enter the SDQ score as a whole number from 0 to 40' });
      return z.NEVER;
    }),
  notes: optionalText('Notes', 2000),
});
export type CheckInput = z.infer<typeof checkFields>;
