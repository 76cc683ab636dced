import { authorise, type RequestContext } from '../../../platform/access/authorise.ts';
import { financialYear, financialYearLabel, financialYearRange, financialYearStart } from '../../../platform/calendar/financial-year.ts';
import { ukToday } from '../../../platform/calendar/working-days.ts';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.ts';
import { isReportYear } from './build.ts';
import * as repo from './repository.ts';
import { yearParam } from './schema.ts';
import { sectionSpec, type SectionSpec } from './sections.ts';

/** The financial year named in a path ("2012"), or not found: a report exists for any year within range. */
export function reportYearOf(params: unknown): number {
  const parsed = yearParam.safeParse((params as Record<string, unknown> | undefined)?.year);
  if (!parsed.success || !isReportYear(parsed.data)) throw new NotFoundError('There is no annual report for that year. Choose a year from the list of annual reports.');
  return parsed.data;
}

export function sectionOf(params: unknown): SectionSpec {
  const id = (params as Record<string, unknown> | undefined)?.section;
  const spec = typeof id === 'string' ? sectionSpec(id) : undefined;
  if (!spec) throw new NotFoundError('The annual report has no such section.');
  return spec;
}

/** The financial years with records in them, newest first; the current one is marked as not over yet. */
export async function reportYears(ctx: RequestContext) {
  authorise(ctx, 'aggregates.view');
  const { first, last } = await repo.recordedRange(ctx.db);
  if (!first || !last) return [];
  const today = ukToday();
  const from = Math.max(financialYearStart(first), 1990);
  const to = Math.min(financialYearStart(last < today ? last : today), 2099);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => to - i).map((year) => ({
    year,
    name: financialYear(financialYearRange(year).from),
    label: financialYearLabel(year),
    partial: financialYearRange(year).to >= today,
  }));
}

export async function commentaryFor(ctx: RequestContext, year: number, section: SectionSpec) {
  authorise(ctx, 'report.edit');
  return repo.commentary(ctx.db, year, section.id);
}

/** Saves a section's commentary at the version read; someone else's change in between is a conflict, nothing lost. */
export async function saveCommentary(ctx: RequestContext, year: number, section: SectionSpec, input: { body: string; version: number }): Promise<void> {
  authorise(ctx, 'report.edit');
  const saved = await repo.saveCommentary(ctx.db, { year, section: section.id, body: input.body, version: input.version, actorId: ctx.actor.id });
  if (saved === null) {
    throw new ConflictError('Someone else changed this commentary after you opened it. Your words have not been saved: they are below, so you can copy them, look at the commentary as it is now and try again.');
  }
}
