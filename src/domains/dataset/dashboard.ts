/**
 * The partnership dashboard and the per-service dashboards: every indicator's figure for a period beside its target
 * and comparators, and each service's trends over two years. Aggregates only (`aggregates.view`), suppressed at the
 * configured threshold; the records behind a figure are a separate page for managers.
 */
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { benchmarksFor } from './benchmarks.ts';
import { trendChart } from './charts.ts';
import { earliestRecordYear } from './dashboard-repository.ts';
import { headline, type Headline, type ShownTable, shownTable } from './figures-view.ts';
import { evaluate } from './indicators/compute.ts';
import { INDICATORS } from './indicators/index.ts';
import type { Indicator, Period, Service } from './indicators/types.ts';
import type { ChosenPeriod } from './period.ts';
import { publishTable } from './published-table.ts';
import { suppressionThreshold } from './settings.ts';
import { FIGURES_AT_ONCE, inTurns } from './in-turns.ts';

/** The services in the order the dashboard shows them, with their headings. */
export const SERVICES: { id: Service; label: string }[] = [
  { id: 'front-door', label: 'Front door' },
  { id: 'social-care', label: 'Social care' },
  { id: 'child-protection', label: 'Child protection' },
  { id: 'children-in-care', label: 'Children in care' },
  { id: 'early-help', label: 'Early help' },
  { id: 'missing', label: 'Missing children' },
  { id: 'partnership', label: 'Partnership (MARAC and LADO)' },
];

export const serviceById = (id: string) => SERVICES.find((s) => s.id === id);

export interface ServiceHeadlines {
  service: { id: Service; label: string };
  headlines: Headline[];
}

/**
 * The financial year of the first record, for the period picker (null before anything is recorded). Kept for a few
 * minutes per database: it changes only when old records are loaded, and every dashboard page asks for it.
 */
export async function firstYear(ctx: RequestContext): Promise<number | null> {
  authorise(ctx, 'aggregates.view');
  const now = Date.now();
  const kept = firstYears.get(ctx.db);
  if (kept && now - kept.at < FIRST_YEAR_KEPT_MS) return kept.year;
  const year = earliestRecordYear(ctx.db);
  firstYears.set(ctx.db, { at: now, year });
  // A failed read is not kept: the next page asks again.
  year.catch(() => firstYears.delete(ctx.db));
  return year;
}
const firstYears = new WeakMap<object, { at: number; year: Promise<number | null> }>();
const FIRST_YEAR_KEPT_MS = 5 * 60_000;

/** Every indicator's figure for the period, grouped by service. */
export async function partnershipDashboard(ctx: RequestContext, period: ChosenPeriod): Promise<{ threshold: number; services: ServiceHeadlines[] }> {
  authorise(ctx, 'aggregates.view');
  const [threshold, benchmarks] = await Promise.all([suppressionThreshold(ctx.db), benchmarksFor(ctx.db, period.year)]);
  const evaluations = await inTurns(INDICATORS, FIGURES_AT_ONCE, (indicator) => evaluate(ctx.db, indicator, period));
  const headlines = evaluations.map((e) => headline(e, benchmarks.get(e.indicator.id), threshold));
  const services = SERVICES.map((service) => ({ service, headlines: headlines.filter((h) => h.indicator.service === service.id) })).filter((s) => s.headlines.length);
  return { threshold, services };
}

/**
 * The months a service dashboard's trend covers, ending with the period: two years of a flow (one pass over the
 * records, grouped by month), one year of a snapshot or rolling figure (each month end is its own count of what was
 * open then, so each month costs about as much as the whole period).
 */
export function trendWindow(period: Period, indicator: Pick<Indicator, 'periodType'>): Period {
  const months = indicator.periodType === 'flow' ? 24 : 12;
  const end = period.to;
  const startMonth = new Date(Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - months, 1));
  return { from: startMonth.toISOString().slice(0, 10), to: end };
}

export interface ServiceIndicator {
  headline: Headline;
  /** Null for an indicator with no monthly figures or no data. */
  trend: { svg: string | null; description: string; table: ShownTable } | null;
}

/** One service's indicators: the period's figure and the monthly trend over two years, each with its table. */
export async function serviceDashboard(ctx: RequestContext, service: Service, period: ChosenPeriod): Promise<{ threshold: number; indicators: ServiceIndicator[] }> {
  authorise(ctx, 'aggregates.view');
  const indicators = INDICATORS.filter((i) => i.service === service);
  const [threshold, benchmarks] = await Promise.all([suppressionThreshold(ctx.db), benchmarksFor(ctx.db, period.year)]);
  const linkRecords = can(ctx.actor, 'dataset.records').allowed;
  const worked = await inTurns(indicators, FIGURES_AT_ONCE, async (indicator: Indicator) => {
    const [figure, monthly] = await Promise.all([
      evaluate(ctx.db, indicator, period),
      indicator.breakdowns.includes('month') ? evaluate(ctx.db, indicator, trendWindow(period, indicator), ['month']) : Promise.resolve(null),
    ]);
    return { figure, monthly };
  });
  // Charts are drawn one after another: Vega's rendering is CPU work, and parallel renders only queue.
  const result: ServiceIndicator[] = [];
  for (const { figure, monthly } of worked) {
    let trend: ServiceIndicator['trend'] = null;
    if (monthly && !monthly.noData) {
      const table = publishTable(monthly, threshold, { title: `${figure.indicator.title} by month` });
      const chart = await trendChart(table, `trend-${figure.indicator.id}`);
      // The total over two years is no figure anyone asked for, and its records link would name the wrong period.
      const shown = shownTable(table, period, linkRecords);
      trend = { ...chart, table: { ...shown, rows: shown.rows.filter((r) => !r.total) } };
    }
    result.push({ headline: headline(figure, benchmarks.get(figure.indicator.id), threshold), trend });
  }
  return { threshold, indicators: result };
}
