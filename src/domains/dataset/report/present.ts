import type { CellValue } from '../../../platform/downloads/spreadsheet.ts';
import { formatDateTime } from '../../../platform/views/format.ts';
import { tableChart } from '../charts.ts';
import type { PublishedTable, Shown } from '../published-table.ts';
import type { AnnualReport, Headline, ReportSection } from './build.ts';

/**
 * The report as the page and the HTML/PDF document show it: each figure as text (with words for a screen reader
 * where the text is a symbol), charts drawn from the published (suppressed) tables, and the definitions of every
 * indicator used, for the document's appendix.
 */
export interface ShownFigure {
  text: string;
  hidden?: string;
}

export interface ShownTable {
  id: string;
  title: string;
  indicatorId: string;
  rowHeading: string;
  columns: string[];
  rows: { label: string; strong: boolean; cells: ShownFigure[] }[];
  noData: boolean;
  chart: { svg: string; description: string } | null;
}

export interface ShownSection {
  id: string;
  title: string;
  summary: string;
  /** The board's commentary as paragraphs (empty: not written yet). */
  paragraphs: string[];
  commentaryVersion: number;
  noData: boolean;
  missingIndicators: string[];
  figures: { label: string; indicatorId: string; value: ShownFigure; detail: string; noData: boolean }[];
  tables: ShownTable[];
  extra?: ReportSection['extra'];
  extraTables: { id: string; title: string; head: string[]; rows: ShownFigure[][] }[];
}

export interface ShownReport {
  year: number;
  name: string;
  label: string;
  threshold: number;
  generatedAt: string;
  population: string | null;
  sections: ShownSection[];
  definitions: { id: string; title: string; definition: string }[];
}

const number = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export function shownFigure(value: Shown, unit: 'count' | 'percent', threshold: number): ShownFigure {
  if (value === '*') return { text: '*', hidden: ` (too small to publish: ${threshold} or fewer, or would let one be worked out)` };
  if (value === null) return { text: '–', hidden: ' (none to take a percentage of)' };
  return { text: unit === 'percent' ? `${number(value)}%` : number(value) };
}

const plainFigure = (value: CellValue): ShownFigure => (value === null ? { text: '–' } : { text: typeof value === 'number' ? number(value) : value });

/** Plain text to paragraphs: a blank line starts a new one. Escaped by the template, never marked safe. */
export const paragraphsOf = (body: string | undefined): string[] =>
  (body ?? '').split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);

function headlineDetail(h: Headline): string {
  const parts: string[] = [];
  if (h.of && h.of.rows !== '*' && h.of.rows !== null && h.of.counted !== '*') parts.push(`${number(Number(h.of.counted))} of ${number(Number(h.of.rows))}`);
  if (h.rate !== null) parts.push(`${number(h.rate)} per 10,000 children`);
  if (h.target !== null) parts.push(`target ${h.indicator.ratePer10k ? `${number(h.target)} per 10,000` : h.unit === 'percent' ? `${number(h.target)}%` : number(h.target)}`);
  return parts.join('; ');
}

function shownTable(t: PublishedTable): Omit<ShownTable, 'chart'> {
  return {
    id: t.id,
    title: t.title,
    indicatorId: t.evaluation.indicator.id,
    rowHeading: t.rowHeading || 'Figure',
    columns: t.columns.map((c) => c.label),
    rows: t.rows.map((r) => ({ label: r.label, strong: r.key === null || r.key.startsWith('group:'), cells: r.cells.map((c) => shownFigure(c, t.unit, t.threshold)) })),
    noData: t.noData,
  };
}

/** The report ready for a template, its charts drawn (a few at a time: each is a Vega render). */
export async function present(report: AnnualReport): Promise<ShownReport> {
  const sections: ShownSection[] = [];
  for (const s of report.sections) {
    const charts = new Map(
      await Promise.all(
        s.charts.map(async (c) => {
          const table = s.tables.find((t) => t.id === c.tableId)!;
          const drawn = await tableChart(table, `chart-${c.tableId}`);
          return [c.tableId, drawn ? { svg: drawn.svg, description: drawn.description } : null] as const;
        }),
      ),
    );
    sections.push({
      id: s.id,
      title: s.title,
      summary: s.summary,
      paragraphs: paragraphsOf(s.commentary),
      commentaryVersion: s.commentaryVersion,
      noData: s.noData,
      missingIndicators: s.missingIndicators,
      figures: s.figures.map((f) => ({ label: f.label, indicatorId: f.indicator.id, value: shownFigure(f.value, f.unit, report.threshold), detail: headlineDetail(f), noData: f.noData })),
      tables: s.tables.map((t) => ({ ...shownTable(t), chart: charts.get(t.id) ?? null })),
      ...(s.extra ? { extra: s.extra } : {}),
      extraTables: (s.extra?.tables ?? []).map((t) => ({ id: t.id, title: t.title, head: t.head, rows: t.rows.map((r) => r.map(plainFigure)) })),
    });
  }
  const used = new Map<string, { id: string; title: string; definition: string }>();
  for (const s of report.sections) {
    for (const i of [...s.figures.map((f) => f.indicator), ...s.tables.map((t) => t.evaluation.indicator)]) used.set(i.id, { id: i.id, title: i.title, definition: i.definition });
  }
  return {
    year: report.year,
    name: report.name,
    label: report.label,
    threshold: report.threshold,
    generatedAt: formatDateTime(report.generatedAt),
    population: report.population ? `${number(report.population.total)} children aged 0 to 17 (mid-${report.population.year} estimate)` : null,
    sections,
    definitions: [...used.values()],
  };
}
