import { z } from 'zod';
import { requiredText } from '../../platform/views/text-fields.ts';
import { COST_NOUNS } from './settings-labels.ts';
import { NOT_KNOWN, type State, STATES } from './types.ts';

/**
 * What may be saved as the forecast's settings, checked twice: the service checks typed values (whoever calls it),
 * and the forms read what was typed into those values with a GOV.UK message for each field.
 */

export const MAX_WEEKLY_COST = 999_999.99;
export const MAX_ADJUSTMENTS = 5;
const DESTINATIONS = [...STATES, NOT_KNOWN] as const;
const hasAtMost2Decimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

// Typed values: what the service accepts and what is read back from the database.

const weeklyCost = z.number().finite().min(0).max(MAX_WEEKLY_COST).refine(hasAtMost2Decimals, 'Costs are in pounds and pence');
export const unitCostsSchema = z.object({
  weekly: z.object(Object.fromEntries(STATES.map((s) => [s, weeklyCost])) as Record<State, typeof weeklyCost>),
  annualInflationPercent: z.number().finite().min(-10).max(50).refine(hasAtMost2Decimals, 'Inflation has at most 2 decimal places'),
  priceBase: z.iso.date(),
});

export const adjustmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entries'), to: z.enum(STATES), percent: z.number().finite().min(-100).max(200) }),
  z
    .object({ kind: z.literal('share'), from: z.enum(STATES), to: z.enum(DESTINATIONS), points: z.number().finite().min(-100).max(100) })
    .refine((a) => a.from !== a.to, { path: ['to'], message: 'Children cannot leave a state for the same state' }),
]);
export const scenarioInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  adjustments: z.array(adjustmentSchema).min(1).max(MAX_ADJUSTMENTS),
});
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;

// Forms: text as typed, each problem in words that say how to put it right.

export const version = z.coerce.number({ error: 'The form is missing its version. Reload the page and try again.' }).int().positive();

const NUMBER = /^[-+]?\d+(\.\d+)?$/;
/** A number typed into a text box ("£5,500.50" reads as 5500.5), checked in order: given, a number, its decimals. */
const typedNumber = (messages: { missing: string; notNumber: string; decimals?: string }) =>
  z
    .string({ error: messages.missing })
    .transform((v) => v.replace(/[£,%\s]/g, ''))
    .pipe(
      z
        .string()
        .min(1, { message: messages.missing, abort: true })
        .regex(NUMBER, { message: messages.notNumber, abort: true })
        .refine((v) => !messages.decimals || !/\.\d{3,}$/.test(v), messages.decimals),
    )
    .transform(Number);

const costField = (state: State) => {
  const what = `The weekly cost of ${COST_NOUNS[state]}`;
  return typedNumber({
    missing: `Enter the weekly cost of ${COST_NOUNS[state]}`,
    notNumber: `${what} must be a number, like 950 or 950.50`,
    decimals: `${what} must be in pounds and pence, with no more than 2 decimal places`,
  }).pipe(z.number().min(0, `${what} must be £0 or more`).max(MAX_WEEKLY_COST, `${what} must be £999,999.99 or less`));
};

export const costFieldName = (state: State) => `cost_${state}` as const;
type CostFieldName = ReturnType<typeof costFieldName>;

/** The unit costs form: one box per state, the inflation rate, the price base date and the version read. */
export const costsForm = z.object({
  ...(Object.fromEntries(STATES.map((s) => [costFieldName(s), costField(s)])) as Record<CostFieldName, ReturnType<typeof costField>>),
  annualInflationPercent: typedNumber({
    missing: 'Enter the annual inflation rate',
    notNumber: 'The annual inflation rate must be a number, like 3 or 2.5',
    decimals: 'The annual inflation rate must have no more than 2 decimal places',
  }).pipe(z.number().min(-10, 'The annual inflation rate must be between -10% and 50%').max(50, 'The annual inflation rate must be between -10% and 50%')),
  priceBase: z.iso.date({ error: 'Enter the date the costs are priced at' }),
  version,
});
export type CostsForm = z.infer<typeof costsForm>;

export const unitCostsOf = (form: CostsForm) => ({
  weekly: Object.fromEntries(STATES.map((s) => [s, form[costFieldName(s)]])) as Record<State, number>,
  annualInflationPercent: form.annualInflationPercent,
  priceBase: form.priceBase,
});

/** One row of the scenario form, as typed: what changes, the state, where children go (shares only), by how much. */
export interface AdjustmentRow {
  kind: string;
  state: string;
  destination: string;
  amount: string;
}

const percentChange = typedNumber({ missing: 'Enter the percentage change to entries', notNumber: 'The percentage change must be a number, like -10 or 5' }).pipe(
  z.number().min(-100, 'The percentage change must be between -100 and 200').max(200, 'The percentage change must be between -100 and 200'),
);
const pointsChange = typedNumber({ missing: 'Enter the change in percentage points', notNumber: 'The change in points must be a number, like -5 or 10' }).pipe(
  z.number().min(-100, 'The change in points must be between -100 and 100').max(100, 'The change in points must be between -100 and 100'),
);

const rowSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('entries'), state: z.enum(STATES, { error: 'Select the state children enter' }), amount: percentChange }),
    z
      .object({
        kind: z.literal('share'),
        state: z.enum(STATES, { error: 'Select the state children leave' }),
        destination: z.enum(DESTINATIONS, { error: 'Select where the children leaving go' }),
        amount: pointsChange,
      })
      .refine((r) => r.state !== r.destination, { path: ['destination'], message: 'Where the children go must be different from the state they leave' }),
  ],
  { error: 'Select what changes' },
);

export const scenarioForm = z.object({
  name: requiredText('The scenario’s name', 80, 'Enter a name for the scenario'),
  rows: z.array(rowSchema).min(1, 'Enter at least one change').max(MAX_ADJUSTMENTS, `Enter no more than ${MAX_ADJUSTMENTS} changes`),
});

export const adjustmentOf = (row: z.infer<typeof rowSchema>) =>
  row.kind === 'entries' ? { kind: 'entries' as const, to: row.state, percent: row.amount } : { kind: 'share' as const, from: row.state, to: row.destination, points: row.amount };
