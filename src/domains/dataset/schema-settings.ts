import { z } from 'zod';
import { requiredText } from '../../platform/views/text-fields.ts';

/**
 * What an analyst may type into the dataset's inputs: population estimates (a year's 18 single years of age), an
 * indicator's target and comparators, and the suppression threshold. Each field's problem is said in words that
 * say how to put it right; the services take the typed values these produce.
 */

export const AGES = Array.from({ length: 18 }, (_, age) => age);
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;
/** More children of one year of age than any English authority has (Kent, the largest, has about 20,000). */
export const MAX_COUNT = 1_000_000;
export const MAX_NOTE = 1000;
export const MAX_SOURCE = 200;

export const ageField = (age: number) => `age${age}` as const;
export const ageLabel = (age: number) => (age === 0 ? 'Aged under 1' : `Aged ${age}`);

const NO_VERSION = 'The form is missing its version. Reload the page and try again.';
/** The version the form was read at, as a hidden field: 0 for a row not yet created; missing is never "0". */
export const version = z.string({ error: NO_VERSION }).regex(/^\d{1,9}$/, NO_VERSION).transform(Number);

const WHOLE = /^\d+$/;
/** A count of children typed into a box ("2,450" reads as 2450). */
export const wholeCount = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .transform((v) => v.replace(/[,\s]/g, ''))
    .pipe(
      z
        .string()
        .min(1, { message: `Enter ${what}`, abort: true })
        .refine((v) => !v.startsWith('-'), { message: `${capitalise(what)} must be 0 or more`, abort: true })
        .regex(WHOLE, { message: `${capitalise(what)} must be a whole number, like 2450`, abort: true }),
    )
    .transform(Number)
    .pipe(z.number().max(MAX_COUNT, `${capitalise(what)} must be ${MAX_COUNT.toLocaleString('en-GB')} or fewer`));

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A year of an estimate (the mid-year, 30 June, it counts children on) or a financial year's start. */
export const yearValue = z.number().int().min(FIRST_YEAR).max(LAST_YEAR);

/** A year from a path or query string: anything else names no year. */
export function yearOf(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null;
  const parsed = yearValue.safeParse(Number(value));
  return parsed.success ? parsed.data : null;
}

const typedYear = z
  .string({ error: 'Enter the year of the estimate' })
  .trim()
  .min(1, { message: 'Enter the year of the estimate', abort: true })
  .regex(/^\d{4}$/, { message: 'The year must be 4 digits, like 2024', abort: true })
  .transform(Number)
  .pipe(z.number().min(FIRST_YEAR, `The year must be between ${FIRST_YEAR} and ${LAST_YEAR}`).max(LAST_YEAR, `The year must be between ${FIRST_YEAR} and ${LAST_YEAR}`));

const source = requiredText('Where the figures come from', MAX_SOURCE, 'Enter where the figures come from, for example ONS mid-year estimate 2024');

const ageCounts = Object.fromEntries(AGES.map((age) => [ageField(age), wholeCount(`the number of children ${ageLabel(age).toLowerCase()}`)])) as Record<
  ReturnType<typeof ageField>,
  ReturnType<typeof wholeCount>
>;

/** The form for a new year: the year, one box for each age 0 to 17, and the source. */
export const newYearForm = z.object({ year: typedYear, ...ageCounts, source });
/** The form for a year already held: the year is in the path; `stamp` is what the analyst read. */
export const editYearForm = z.object({ ...ageCounts, source, stamp: z.string().regex(/^[0-9a-f]{64}$/, 'The form is missing its version. Reload the page and try again.') });

export const countsOf = (form: Record<string, unknown>) => AGES.map((age) => form[ageField(age)] as number);

/** A year's estimates as the service takes them: 18 whole counts, ages 0 to 17 in order. */
export const yearEstimates = z.object({
  year: yearValue,
  counts: z.array(z.number().int().min(0).max(MAX_COUNT)).length(18),
  source: z.string().trim().min(1).max(MAX_SOURCE),
});
export type YearEstimates = z.infer<typeof yearEstimates>;

// Targets and comparators.

const NUMBER = /^[-+]?\d+(\.\d+)?$/;
/** An optional figure in the indicator's unit: empty is "none", "74.0%" reads as 74. */
const optionalFigure = (what: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/[,%\s]/g, ''))
    .pipe(
      z
        .string()
        .refine((v) => v === '' || NUMBER.test(v), { message: `${what} must be a number, like 74 or 53.4`, abort: true })
        .refine((v) => !/\.\d{3,}$/.test(v), { message: `${what} must have no more than 2 decimal places`, abort: true }),
    )
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(
      z
        .number()
        .min(0, `${what} must be 0 or more`)
        .max(max, max === 100 ? `${what} must be 100% or less` : `${what} must be ${max.toLocaleString('en-GB')} or less`)
        .nullable(),
    );

/** The target and comparators form; a percentage cannot be over 100, other figures have a generous ceiling. */
export const benchmarkForm = (unit: 'percent' | 'count' | 'rate') => {
  const max = unit === 'percent' ? 100 : 10_000_000;
  return z.object({
    target: optionalFigure('The target', max),
    statisticalNeighbours: optionalFigure('The statistical neighbours’ figure', max),
    england: optionalFigure('The England figure', max),
    note: z.string().optional().transform((v) => (v ?? '').trim()).pipe(z.string().max(MAX_NOTE, `The note must be ${MAX_NOTE} characters or fewer`)),
    version,
  });
};

// The suppression threshold.

export const MAX_THRESHOLD = 20;
export const thresholdForm = z.object({
  threshold: z
    .string({ error: 'Enter the suppression threshold' })
    .trim()
    .min(1, { message: 'Enter the suppression threshold', abort: true })
    .regex(/^\d+$/, { message: 'The suppression threshold must be a whole number, like 5', abort: true })
    .transform(Number)
    .pipe(z.number().max(MAX_THRESHOLD, `The suppression threshold must be between 0 and ${MAX_THRESHOLD}`)),
  version: version.pipe(z.number().min(1, NO_VERSION)),
});
