import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { financialYear, financialYearLabel, financialYearRange } from '../../../platform/calendar/financial-year.ts';
import { suppress } from '../../figures/suppression.ts';
import { type Benchmark, benchmarksFor } from '../benchmarks.ts';
import { type Evaluation, evaluate, type Population, populationFor } from '../indicators/compute.ts';
import { indicatorById } from '../indicators/index.ts';
import type { Indicator, Period } from '../indicators/types.ts';
import { publishTable, type PublishedTable, type Shown } from '../published-table.ts';
import { suppressionThreshold } from '../settings.ts';
import { ethnicityTable } from './ethnicity.ts';
import { boardExtra, type ExtraSection, section11Extra, trainingExtra } from './extras.ts';
import { SECTIONS, type SectionSpec, tableId, type TableSpec } from './sections.ts';
import { FIGURES_AT_ONCE, inTurns } from '../in-turns.ts';

/** Sections whose figures come from another capability's own summary. */
const EXTRAS = { section11: section11Extra, training: trainingExtra, board: boardExtra } as const;

/** The earliest and latest financial years a report can be asked for (the migration's commentary years). */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2099;

/** One headline figure: an indicator's total for the year, suppressed, with its rate and target where it has them. */
export interface Headline {
  indicator: Indicator;
  label: string;
  value: Shown;
  unit: 'count' | 'percent';
  /** For a percentage: how many of how many (both suppressed). */
  of?: { counted: Shown; rows: Shown };
  /** Per 10,000 children aged 0–17; null when suppressed or no population estimate. */
  rate: number | null;
  target: number | null;
  noData: boolean;
}

/** A table drawn as a chart beside it. */
export interface ChartRequest {
  tableId: string;
  kind: 'bar' | 'line';
}

export interface ReportSection {
  id: string;
  title: string;
  summary: string;
  /** The board's words, when written (empty string or undefined: not yet). */
  commentary?: string;
  commentaryVersion: number;
  figures: Headline[];
  tables: PublishedTable[];
  charts: ChartRequest[];
  /** Section 11 and training: figures from those capabilities' own summaries. */
  extra?: ExtraSection;
  /** Nothing in this section is recorded in Cairn: shown as "No data recorded for this in Cairn", never as zeros. */
  noData: boolean;
  /** Indicators the section asks for that are not (yet) defined: left out and named on the page. */
  missingIndicators: string[];
}

export interface AnnualReport {
  /** The financial year's start (2012 for April 2012 to March 2013). */
  year: number;
  /** "2012/13" and "April 2012 to March 2013". */
  name: string;
  label: string;
  period: Period;
  population: Population | null;
  threshold: number;
  sections: ReportSection[];
  /** When it was worked out (a report is a snapshot of the records at that moment). */
  generatedAt: Date;
}

/** A year the report can be written for: a whole number within the range the records can hold. */
export const isReportYear = (year: number) => Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;

/**
 * The annual report for the financial year starting in April of `year`, worked out from the records: every section's
 * tables and headline figures, suppressed at the configured threshold (or `options.threshold`). Indicators are
 * evaluated a few at a time, each in one query; nothing is counted row by row in code.
 */
export async function buildAnnualReport(db: Kysely<Database>, year: number, options: { threshold?: number } = {}): Promise<AnnualReport> {
  if (!isReportYear(year)) throw new RangeError(`No annual report for the year ${year}`);
  const period = financialYearRange(year);
  const [threshold, population, benchmarks] = await Promise.all([
    options.threshold ?? suppressionThreshold(db),
    populationFor(db, period),
    benchmarksFor(db, year),
  ]);

  // Every distinct (indicator, breakdowns) the sections ask for, evaluated once: a headline is the total of any
  // evaluation of its indicator, so it reuses one of the tables' where it can.
  const wanted = new Map<string, { indicator: Indicator; spec: Pick<TableSpec, 'breakdowns'> }>();
  for (const section of SECTIONS) {
    for (const spec of section.tables) {
      const indicator = indicatorById(spec.indicator);
      if (indicator) wanted.set(tableId(spec), { indicator, spec });
    }
    for (const figure of section.figures) {
      const indicator = indicatorById(figure.indicator);
      if (indicator && ![...wanted.values()].some((w) => w.indicator.id === indicator.id && usableForTotal(w.indicator, w.spec.breakdowns))) {
        wanted.set(figure.indicator, { indicator, spec: { breakdowns: [] } });
      }
    }
  }
  const keys = [...wanted.keys()];
  const evaluated = await inTurns(keys, FIGURES_AT_ONCE, (key) => evaluate(db, wanted.get(key)!.indicator, period, wanted.get(key)!.spec.breakdowns, { population }));
  const evaluations = new Map(keys.map((k, i) => [k, evaluated[i]!]));
  const totalOf = (id: string) => [...evaluations.values()].find((e) => e.indicator.id === id && usableForTotal(e.indicator, e.breakdowns));

  const [extras, commentary] = await Promise.all([
    Promise.all(SECTIONS.map((s) => (s.extra ? EXTRAS[s.extra](db, year) : Promise.resolve(undefined)))),
    commentaryOf(db, year),
  ]);

  const sections = SECTIONS.map((spec, i) => sectionOf(spec, { evaluations, totalOf, threshold, benchmarks, extra: extras[i], commentary: commentary.get(spec.id) }));
  return { year, name: financialYear(period.from), label: financialYearLabel(year), period, population, threshold, sections, generatedAt: new Date() };
}

/** Whether an evaluation's total is the year's figure: a snapshot by date totals at the year end, any other by all keys. */
const usableForTotal = (_indicator: Indicator, breakdowns: TableSpec['breakdowns']) => !breakdowns.includes('incidents');

async function commentaryOf(db: Kysely<Database>, year: number): Promise<Map<string, { body: string; version: number }>> {
  const rows = await db.selectFrom('report_commentary').select(['section', 'body', 'version']).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.section, { body: r.body, version: r.version }]));
}

interface Inputs {
  evaluations: Map<string, Evaluation>;
  totalOf: (id: string) => Evaluation | undefined;
  threshold: number;
  benchmarks: Map<string, Benchmark>;
  extra: ExtraSection | undefined;
  commentary: { body: string; version: number } | undefined;
}

function sectionOf(spec: SectionSpec, inputs: Inputs): ReportSection {
  const { evaluations, threshold } = inputs;
  const missing = new Set<string>();
  const tables: PublishedTable[] = [];
  const charts: ChartRequest[] = [];
  for (const t of spec.tables) {
    const evaluation = evaluations.get(tableId(t));
    if (!evaluation) {
      missing.add(t.indicator);
      continue;
    }
    const options = { id: tableId(t), title: t.title };
    tables.push(t.ethnicityGroups ? ethnicityTable(evaluation, threshold, options) : publishTable(evaluation, threshold, options));
    if (t.chart && !evaluation.noData) charts.push({ tableId: options.id, kind: t.chart });
  }
  const figures: Headline[] = [];
  for (const f of spec.figures) {
    const evaluation = inputs.totalOf(f.indicator);
    if (!evaluation) missing.add(f.indicator);
    else figures.push(headline(evaluation, f.label, threshold, inputs.benchmarks.get(f.indicator)));
  }
  const noData = spec.extra ? !inputs.extra || inputs.extra.noData : [...tables, ...figures].every((x) => x.noData);
  return {
    id: spec.id,
    title: spec.title,
    summary: spec.summary,
    commentary: inputs.commentary?.body || undefined,
    commentaryVersion: inputs.commentary?.version ?? 0,
    figures,
    tables,
    charts,
    ...(inputs.extra ? { extra: inputs.extra } : {}),
    noData,
    missingIndicators: [...missing],
  };
}

function headline(evaluation: Evaluation, label: string, threshold: number, benchmark: Benchmark | undefined): Headline {
  const { indicator, total } = evaluation;
  const percent = indicator.measure === 'percent';
  const value: Shown = percent ? (total.value === null ? null : total.rows <= threshold ? '*' : total.value) : suppress(total.value ?? 0, threshold);
  return {
    indicator,
    label,
    value,
    unit: percent ? 'percent' : 'count',
    ...(percent ? { of: { counted: total.rows <= threshold ? '*' : suppress(total.counted, threshold), rows: suppress(total.rows, threshold) } } : {}),
    // A rate would give a hidden count away.
    rate: value === '*' ? null : evaluation.rate,
    target: benchmark?.target ?? null,
    noData: evaluation.noData,
  };
}
