/**
 * What the forecast page, its downloads and the backtest page are asked for, in their query strings (GET forms, so a
 * forecast can be bookmarked and shared). Every value is checked here; a bad one is shown against its field.
 */
import { z } from 'zod';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { STATES } from './types.ts';

export const MONTHS = { min: 12, max: 60, default: 36 } as const;
export const REFERENCE_MONTHS = { min: 12, max: 60, default: 24 } as const;
/** More than this many scenarios side by side makes a table too wide to read. */
export const MAX_COMPARED = 4;

/** What the chart shows: all children in care together, or one state. */
export const CHART_CHOICES = ['in_care', ...STATES] as const;
export type ChartChoice = (typeof CHART_CHOICES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wholeNumber = (what: string, range: { min: number; max: number }) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      const number = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(number) || number < range.min || number > range.max) {
        context.addIssue({ code: 'custom', message: `${what} must be a whole number from ${range.min} to ${range.max}` });
        return z.NEVER;
      }
      return number;
    });

const forecastQuery = z.object({
  months: wholeNumber('Months ahead', MONTHS),
  reference: wholeNumber('The reference window', REFERENCE_MONTHS),
  chart: z.enum(CHART_CHOICES, { message: 'Choose what to chart from the list' }),
  scenario: z.array(z.string().regex(UUID, 'Choose scenarios from the list')).max(MAX_COMPARED, `Choose up to ${MAX_COMPARED} scenarios to compare`),
});

export interface ForecastQuery {
  months: number;
  referenceMonths: number;
  chart: ChartChoice;
  scenarioIds: string[];
}

/** What the user typed, kept to show again in the form beside any error. */
export interface ForecastInput {
  months: string;
  reference: string;
  chart: string;
  scenario: string[];
}

/** One value of a query string: repeated keys (checkboxes) arrive as an array, absent ones as undefined. */
const one = (value: unknown): string | undefined => (Array.isArray(value) ? one(value[0]) : typeof value === 'string' ? value : undefined);
const many = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
/** An empty box means "the default", as it does when the page is first opened. */
const given = (value: unknown): string | undefined => (one(value)?.trim() ? one(value) : undefined);

export function readForecastQuery(query: unknown): { input: ForecastInput; value: ForecastQuery | null; errors: FormErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  const raw = { months: given(q.months), reference: given(q.reference), chart: given(q.chart), scenario: [...new Set(many(q.scenario))] };
  const input: ForecastInput = {
    months: raw.months ?? String(MONTHS.default),
    reference: raw.reference ?? String(REFERENCE_MONTHS.default),
    chart: raw.chart ?? 'in_care',
    scenario: raw.scenario,
  };
  const parsed = forecastQuery.safeParse(input);
  if (!parsed.success) return { input, value: null, errors: errorsOf(parsed.error) };
  const { months, reference, chart, scenario } = parsed.data;
  return { input, value: { months, referenceMonths: reference, chart, scenarioIds: scenario }, errors: noErrors() };
}

/** The query string that asks for the same forecast again (for the downloads' links). */
export function forecastQueryString(query: ForecastQuery): string {
  const params = new URLSearchParams({ months: String(query.months), reference: String(query.referenceMonths), chart: query.chart });
  for (const id of query.scenarioIds) params.append('scenario', id);
  return params.toString();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface BacktestQuery {
  cutOff: string;
  referenceMonths: number;
  chart: ChartChoice;
}

/**
 * The backtest's cut-off is chosen from `cutOffs` (the month ends whose following year has passed), defaulting to
 * the latest of them; the reference window and the state charted are as the forecast's.
 */
export function readBacktestQuery(
  query: unknown,
  cutOffs: readonly string[],
): { input: { cutOff: string; reference: string; chart: string }; value: BacktestQuery | null; errors: FormErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  const input = { cutOff: given(q.cutOff) ?? cutOffs[0] ?? '', reference: given(q.reference) ?? String(REFERENCE_MONTHS.default), chart: given(q.chart) ?? 'in_care' };
  const schema = z.object({
    cutOff: z.string().regex(ISO_DATE, 'Choose a cut-off from the list').refine((value) => cutOffs.includes(value), 'Choose a cut-off from the list'),
    reference: wholeNumber('The reference window', REFERENCE_MONTHS),
    chart: z.enum(CHART_CHOICES, { message: 'Choose what to chart from the list' }),
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { input, value: null, errors: errorsOf(parsed.error) };
  return { input, value: { cutOff: parsed.data.cutOff, referenceMonths: parsed.data.reference, chart: parsed.data.chart }, errors: noErrors() };
}

function errorsOf(error: z.ZodError): FormErrors {
  const errors = noErrors();
  for (const issue of error.issues) addError(errors, String(issue.path[0] ?? 'form'), issue.message);
  return errors;
}
