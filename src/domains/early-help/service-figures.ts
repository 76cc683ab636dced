import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYearLabel, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { type Suppressed, suppress, suppressRow } from '../figures/suppression.ts';
import { LOCALITIES } from '../people/localities.ts';
import { COMPLETERS } from './labels.ts';
import { firstRegistration, registeredAssessments } from './repository-figures.ts';

/** Registered early help assessments counted as the partnership reports them (the seeds' CAF tables). */

const MONTH_NAMES = ['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March'];
export const AGE_BANDS = ['Unborn', '0 to 5', '6 to 11', '12 to 15', '16 and over'] as const;
const GENDERS = ['Male', 'Female', 'Unborn', 'Not known'] as const;


/** Whole years from birth to a date. */
function ageOn(dateOfBirth: string, on: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

type Row = Awaited<ReturnType<typeof registeredAssessments>>[number];

/** Unborn when registered before the child was born (or the child is still unborn). */
const unbornAt = (r: Row) => r.person_type === 'unborn' || !r.date_of_birth || r.date_of_birth > r.registered_on!;

function ageBand(r: Row): (typeof AGE_BANDS)[number] {
  if (unbornAt(r)) return 'Unborn';
  const age = ageOn(r.date_of_birth!, r.registered_on!);
  return age <= 5 ? '0 to 5' : age <= 11 ? '6 to 11' : age <= 15 ? '12 to 15' : '16 and over';
}

const gender = (r: Row): (typeof GENDERS)[number] => (unbornAt(r) ? 'Unborn' : r.sex === 'M' ? 'Male' : r.sex === 'F' ? 'Female' : 'Not known');

function completer(r: Row): string {
  if (r.source === 'step_down') return 'de_escalation';
  return COMPLETERS.find((c) => (c.kinds as readonly string[]).includes(r.agency_kind ?? 'other'))?.key ?? 'other';
}

export interface FiguresTable {
  caption: string;
  /** What the rows are: month, gender… */
  column: string;
  headings: string[];
  /** Each column's count, then the total; 1 to 5 shown as "*", and one more hidden where a total would reveal it. */
  cells: Suppressed[];
}

function table(caption: string, column: string, headings: readonly string[], keyOf: (r: Row) => string, keys: readonly string[], rows: Row[]): FiguresTable {
  const counts = keys.map((k) => rows.filter((r) => keyOf(r) === k).length);
  return { caption, column, headings: [...headings, 'Total'], cells: [...suppressRow(counts), suppress(rows.length)] };
}

export async function assessmentFigures(ctx: RequestContext, year: number | null) {
  authorise(ctx, 'aggregates.view');
  const current = financialYearStart(ukToday());
  const first = await firstRegistration(ctx.db);
  const earliest = Math.min(first ? financialYearStart(first) : current, current);
  const chosen = year !== null && year >= earliest && year <= current ? year : current;
  const rows = await registeredAssessments(ctx.db, `${chosen}-04-01`, `${chosen + 1}-03-31`);
  const month = (r: Row) => String((Number(r.registered_on!.slice(5, 7)) + 8) % 12);
  return {
    year: chosen,
    label: financialYearLabel(chosen),
    years: Array.from({ length: current - earliest + 1 }, (_, i) => current - i).map((y) => ({ value: y, text: financialYearLabel(y) })),
    total: suppress(rows.length),
    tables: [
      table('By month registered', 'Month', MONTH_NAMES, month, MONTH_NAMES.map((_, i) => String(i)), rows),
      table('By gender', 'Gender', GENDERS, gender, GENDERS, rows),
      table('By age when registered', 'Age', AGE_BANDS, ageBand, AGE_BANDS, rows),
      table('By locality', 'Locality', LOCALITIES.map((l) => l.name), (r) => r.locality, LOCALITIES.map((l) => l.key), rows),
      table('Who completed it', 'Completed by', COMPLETERS.map((c) => c.label), completer, COMPLETERS.map((c) => c.key), rows),
    ],
  };
}
