import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { RequestContext } from '../../../platform/access/authorise.ts';
import type { Actor } from '../../../platform/access/rules.ts';
import { financialYearLabel, financialYearRange } from '../../../platform/calendar/financial-year.ts';
import type { CellValue } from '../../../platform/downloads/spreadsheet.ts';
import { attendanceChart } from '../../board/chart.ts';
import { attendanceYear } from '../../board/service-meetings.ts';
import { roundList } from '../../section11/service-setup.ts';
import { roundSummary } from '../../section11/service-summary.ts';
import { trainingFigures } from '../../training/figures.ts';

/** A plain table of another capability's figures (Section 11 ratings, training attendance): staff and agencies, no children. */
export interface PlainTable {
  id: string;
  title: string;
  head: string[];
  rows: CellValue[][];
  /** Numeric columns (1-based after the first), right-aligned. */
  note?: string;
}

export interface ExtraSection {
  noData: boolean;
  /** What the figures cover ("Section 11 self-assessment 2012, 12 of 12 returns submitted"). */
  caption: string;
  tables: PlainTable[];
  /** Section 11's own chart (rendered by its summary), with the table beside it. */
  chartSvg?: string | null;
}

/**
 * The report reads Section 11 and training through those capabilities' own summaries, as the board sees them
 * (`quality.view`), rather than with SQL of its own. It is published to everyone with `aggregates.view`: these
 * figures are about agencies and staff, never children, and appear in the published report. So it asks as the
 * board would: an actor with only the board member's role, used for nothing but these reads.
 */
const PUBLICATION: Actor = { id: '00000000-0000-0000-0000-000000000000', agencyId: '00000000-0000-0000-0000-000000000000', agencyKind: 'other', roles: ['board_member'] };
const asBoard = (db: Kysely<Database>): RequestContext => ({ db, actor: PUBLICATION, requestId: 'annual-report' });

/** The year's Section 11 round: the latest one opened in the financial year. */
export async function section11Extra(db: Kysely<Database>, year: number): Promise<ExtraSection> {
  const { from, to } = financialYearRange(year);
  const ctx = asBoard(db);
  const round = (await roundList(ctx)).find((r) => r.opens_on >= from && r.opens_on <= to);
  if (!round) return { noData: true, caption: '', tables: [] };
  const s = await roundSummary(ctx, round.id);
  if (!s.submitted) return { noData: true, caption: '', tables: [] };
  const shareRow = (label: string, g: { shares: Record<string, number>; total: number }): CellValue[] => [label, g.shares.met!, g.shares.partly_met!, g.shares.not_met!, g.shares.unanswered!, g.total];
  const head = ['', 'Met (%)', 'Partly met (%)', 'Not met (%)', 'Not answered (%)', 'Ratings'];
  return {
    noData: false,
    caption: `${s.round.title}: ${s.submitted} of ${s.asked} returns submitted.`,
    chartSvg: s.chartSvg,
    tables: [
      { id: 'section11-by-standard', title: 'Section 11 ratings by standard', head: ['Standard', ...head.slice(1)], rows: [...s.byStandard.map((g) => shareRow(g.label, g)), shareRow('All standards', { shares: s.summary.shares, total: s.summary.total })] },
      { id: 'section11-by-agency', title: 'Section 11 ratings by agency', head: ['Agency', ...head.slice(1)], rows: s.byAgency.map((g) => shareRow(g.label, g)) },
    ],
  };
}

/** The year's multi-agency training: what ran, and attendance by agency. */
export async function trainingExtra(db: Kysely<Database>, year: number): Promise<ExtraSection> {
  const t = await trainingFigures(asBoard(db), year);
  const { totals } = t;
  if (!totals.sessionsHeld && !totals.sessionsPlanned && !totals.sessionsCancelled) return { noData: true, caption: '', tables: [] };
  return {
    noData: false,
    caption: `Training sessions held from ${t.label}.`,
    tables: [
      {
        id: 'training-summary',
        title: 'Training in the year',
        head: ['Figure', 'Number'],
        rows: [
          ['Courses run', totals.coursesRun],
          ['Sessions held', totals.sessionsHeld],
          ['Places offered', totals.placesOffered],
          ['Places filled', totals.placesFilled],
          ['Attendances', totals.attended],
          ['Different people who attended', totals.people],
        ],
      },
      { id: 'training-by-agency', title: 'Training attendance by agency', head: ['Agency', 'Attended', 'Did not attend'], rows: t.agencies.map((a) => [a.label, a.attended, a.noShows]) },
    ],
  };
}

/** Attendance at the year's regular board meetings by agency, as the board's own attendance page counts it. */
export async function boardExtra(db: Kysely<Database>, year: number): Promise<ExtraSection> {
  const a = await attendanceYear(asBoard(db), year);
  if (!a.regularMeetings || !a.rows.length) return { noData: true, caption: '', tables: [] };
  return {
    noData: false,
    caption: `${a.regularMeetings} regular board ${a.regularMeetings === 1 ? 'meeting' : 'meetings'} in the year. A member counts only for meetings held while they sat on the board; a deputy sent counts as present. Development days and extraordinary meetings are not counted.`,
    chartSvg: await attendanceChart(a.rows, financialYearLabel(year)),
    tables: [
      {
        id: 'board-attendance',
        title: 'Attendance at board meetings by agency',
        head: ['Agency', 'Seats expected', 'Present', 'Apologies', 'Attendance (%)'],
        rows: a.rows.map((r) => [r.agencyName, r.expected, r.present, r.apologies, r.percent]),
      },
    ],
  };
}
