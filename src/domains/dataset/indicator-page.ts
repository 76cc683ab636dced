/**
 * One indicator's page and its downloads: the definition in full, the figure for the period, and the figure split
 * by up to two of the indicator's own breakdowns (`?by=age_band&then=quarter`), as a suppressed table with a chart.
 */
import { z } from 'zod';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type Benchmark, benchmarksFor, benchmarkUnit, UNIT_LABELS } from './benchmarks.ts';
import { tableChart } from './charts.ts';
import { headline, type Headline, type ShownTable, shownTable } from './figures-view.ts';
import { BREAKDOWN_LABELS } from './indicators/breakdowns.ts';
import { evaluate } from './indicators/compute.ts';
import { indicatorById } from './indicators/index.ts';
import type { Breakdown, Indicator, PeriodType, Polarity } from './indicators/types.ts';
import { type ChosenPeriod, oneValue } from './period.ts';
import { type PublishedTable, publishTable } from './published-table.ts';
import { suppressionThreshold } from './settings.ts';

export const PERIOD_TYPES: Record<PeriodType, string> = {
  snapshot: 'Snapshot: what is open on the period’s last day',
  flow: 'Flow: what happens during the period',
  rolling12: 'Rolling 12 months: the year to the period’s last day',
};
export const POLARITIES: Record<Polarity, string> = { higher_is_better: 'Higher is better', lower_is_better: 'Lower is better', neither: 'Neither higher nor lower is better' };
export const MEASURES: Record<Indicator['measure'], string> = { count: 'A count of records', people: 'A count of children', percent: 'A percentage' };

/** The indicator, or 404: ids come from the registry, so anything else is a page that does not exist. */
export function knownIndicator(id: string): Indicator {
  const indicator = indicatorById(id);
  if (!indicator) throw new NotFoundError('There is no indicator with that name. The indicator library lists them all.');
  return indicator;
}

export interface BreakdownInput {
  by: string;
  then: string;
}

/** Reads `by` and `then`: only the indicator's own breakdowns, two different ones, and "number of times" alone. */
export function readBreakdowns(indicator: Indicator, query: unknown): { input: BreakdownInput; breakdowns: Breakdown[] | null; errors: FormErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  const input = { by: oneValue(q.by)?.trim() ?? '', then: oneValue(q.then)?.trim() ?? '' };
  const own = z.union([z.literal(''), z.enum(indicator.breakdowns as [Breakdown, ...Breakdown[]])]);
  const schema = z
    .object({ by: own, then: own })
    .superRefine((v, context) => {
      if (v.then && !v.by) context.addIssue({ code: 'custom', path: ['by'], message: 'Choose how to split the figure first, then how to split it again' });
      else if (v.then && v.then === v.by) context.addIssue({ code: 'custom', path: ['then'], message: 'Choose a different way to split it again, or none' });
    });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors = noErrors();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'by');
      addError(errors, field, issue.code === 'custom' ? issue.message : field === 'by' ? 'Choose how to split the figure from the list' : 'Choose how to split it again from the list');
    }
    return { input, breakdowns: null, errors };
  }
  return { input, breakdowns: [parsed.data.by, parsed.data.then].filter((b): b is Breakdown => b !== ''), errors: noErrors() };
}

/** The choices of the breakdown picker, keeping the one asked for. */
export function breakdownItems(indicator: Indicator, chosen: string, none: string) {
  return [{ value: '', text: none, selected: chosen === '' }, ...indicator.breakdowns.map((b) => ({ value: b, text: BREAKDOWN_LABELS[b], selected: chosen === b }))];
}

/** The indicator's definition as a summary list's rows. */
export function definitionRows(indicator: Indicator, benchmark: Benchmark | undefined, h: Headline) {
  const unit = benchmarkUnit(indicator);
  return [
    { key: 'What it counts', value: indicator.definition },
    { key: indicator.measure === 'percent' ? 'Numerator' : 'Counted', value: indicator.numerator },
    ...(indicator.denominator ? [{ key: 'Denominator', value: indicator.denominator }] : []),
    { key: 'Period', value: PERIOD_TYPES[indicator.periodType] },
    { key: 'Measure', value: MEASURES[indicator.measure] + (indicator.ratePer10k ? ', also per 10,000 children aged 0 to 17' : '') },
    { key: 'Better when', value: POLARITIES[indicator.polarity] },
    { key: 'Can be split by', value: indicator.breakdowns.map((b) => BREAKDOWN_LABELS[b]).join(', ') || 'Not split' },
    { key: `Target (${UNIT_LABELS[unit].toLowerCase()})`, value: h.target || 'None set' },
    { key: 'Statistical neighbours', value: h.statisticalNeighbours || 'Not known' },
    { key: 'England', value: h.england || 'Not known' },
    ...(benchmark?.note ? [{ key: 'Note on the target', value: benchmark.note }] : []),
  ];
}

export interface IndicatorFigures {
  indicator: Indicator;
  headline: Headline;
  definition: ReturnType<typeof definitionRows>;
  published: PublishedTable;
  table: ShownTable;
  chart: { svg: string; description: string; column: string } | null;
}

/** Works out the published table for an indicator, a period and its breakdowns (for the page and the downloads). */
export async function publishedFigures(ctx: RequestContext, indicator: Indicator, period: ChosenPeriod, breakdowns: Breakdown[]): Promise<PublishedTable> {
  authorise(ctx, 'aggregates.view');
  const [threshold, evaluation] = await Promise.all([suppressionThreshold(ctx.db), evaluate(ctx.db, indicator, period, breakdowns)]);
  return publishTable(evaluation, threshold);
}

export async function indicatorFigures(ctx: RequestContext, indicator: Indicator, period: ChosenPeriod, breakdowns: Breakdown[]): Promise<IndicatorFigures> {
  authorise(ctx, 'aggregates.view');
  const [threshold, benchmarks, evaluation] = await Promise.all([suppressionThreshold(ctx.db), benchmarksFor(ctx.db, period.year), evaluate(ctx.db, indicator, period, breakdowns)]);
  // The headline is the figure unsplit (a split by "number of times" counts people, whatever the indicator counts).
  const whole = breakdowns.length ? await evaluate(ctx.db, indicator, period) : evaluation;
  const published = publishTable(evaluation, threshold);
  const benchmark = benchmarks.get(indicator.id);
  const h = headline(whole, benchmark, threshold);
  const chart = published.noData ? null : await tableChart(published, `chart-${indicator.id}`);
  return {
    indicator,
    headline: h,
    definition: definitionRows(indicator, benchmark, h),
    published,
    table: shownTable(published, period, can(ctx.actor, 'dataset.records').allowed),
    chart,
  };
}

/** The library: every indicator with the target for the year. */
export async function indicatorLibrary(ctx: RequestContext, year: number) {
  authorise(ctx, 'aggregates.view');
  return benchmarksFor(ctx.db, year);
}

/** The download's file name: the indicator, the period and the breakdowns ("contacts-2024-25-by-age_band"). */
export const downloadName = (indicator: Indicator, period: ChosenPeriod, breakdowns: Breakdown[]) =>
  [indicator.id, period.slug, ...breakdowns.map((b, i) => `${i ? 'then' : 'by'}-${b}`)].join('-').replace(/[^A-Za-z0-9_-]/g, '-');
