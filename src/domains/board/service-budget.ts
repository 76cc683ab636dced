import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { budgetShares } from './figures.ts';
import * as repo from './repository.ts';
import type { ContributionInput } from './schema.ts';

/** Each partner agency's contribution to the board's budget, by financial year (1 April to 31 March). */

export async function budgetYear(ctx: RequestContext, yearStart: number | null) {
  authorise(ctx, 'quality.view');
  const years = await repo.yearsWithBusiness(ctx.db);
  const year = yearStart ?? financialYearStart(ukToday());
  const rows = await ctx.db
    .selectFrom('board_contributions as c')
    .innerJoin('agencies as g', 'g.id', 'c.agency_id')
    .select(['c.id', 'c.agency_id', 'c.agreed_pence', 'c.received_pence', 'g.name as agency_name'])
    .where('c.year_start', '=', year)
    .orderBy('c.agreed_pence', 'desc')
    .orderBy('g.name')
    .execute();
  const figures = budgetShares(rows);
  return {
    year, years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
    rows: rows.map((r, i) => ({ ...r, share: figures.shares[i]!.sharePercent })),
    totals: figures,
  };
}

export async function contributionFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const row = await ctx.db.selectFrom('board_contributions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

function check(input: ContributionInput) {
  if (input.received > input.agreed) throw new FieldProblem('received', 'The amount received cannot be more than the amount agreed');
}

/** One contribution an agency a year: a second for the same agency and year is refused, pointing at the first. */
export async function addContribution(ctx: RequestContext, input: ContributionInput): Promise<void> {
  authorise(ctx, 'partnership.manage');
  check(input);
  const made = await ctx.db.insertInto('board_contributions')
    .values({ agency_id: input.agencyId, year_start: input.yearStart, agreed_pence: input.agreed, received_pence: input.received, created_by: ctx.actor.id })
    .onConflict((oc) => oc.columns(['agency_id', 'year_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!made) throw new FieldProblem('agencyId', 'This agency already has a contribution for that year: change it from the budget page instead');
}

export async function editContribution(ctx: RequestContext, id: string, input: ContributionInput): Promise<void> {
  const row = await contributionFor(ctx, id);
  check(input);
  if (input.agencyId !== row.agency_id || input.yearStart !== row.year_start) throw new FieldProblem('agencyId', 'The agency and year of a contribution cannot be changed: add a new contribution instead');
  const saved = await updateAtVersion(ctx.db, 'board_contributions', id, input.version ?? 0, { agreed_pence: input.agreed, received_pence: input.received });
  if (!saved) throw new ConflictError('Someone else changed this contribution after you opened the form. Your changes have not been saved: look at the budget as it is now and try again.');
}
