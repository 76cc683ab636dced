import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type RatedCell, summarise } from './arithmetic.ts';
import { ratingChart } from './chart.ts';
import * as repo from './repository.ts';

/**
 * The partnership summary of a round, for the business manager and the board (`quality.view`): of every rating in
 * the submitted returns (a standard left without one counts as not answered), the share met, partly met, not met and
 * not answered, overall, by standard and by agency. Worked out from the records each time, never stored.
 */
export async function roundSummary(ctx: RequestContext, roundId: string) {
  authorise(ctx, 'quality.view');
  const round = await repo.findRound(ctx.db, roundId);
  if (!round) throw new NotFoundError();
  const [standards, returns] = await Promise.all([repo.roundStandards(ctx.db, roundId), repo.returnsOfRound(ctx.db, roundId)]);
  const submitted = returns.filter((r) => r.status === 'submitted');
  const ratings = new Map((await repo.ratingsOf(ctx.db, submitted.map((r) => r.id))).map((r) => [`${r.return_id}|${r.round_standard_id}`, r.rating]));
  const cells: RatedCell[] = submitted.flatMap((r) => standards.map((s) => ({ agencyId: r.agency_id, roundStandardId: s.id, rating: ratings.get(`${r.id}|${s.id}`) ?? null })));
  const summary = summarise(cells);
  const byStandard = standards.map((s) => ({ id: s.id, label: `${s.number}. ${s.title}`, ...summary.byStandard.get(s.id)! })).filter((s) => s.total);
  const byAgency = submitted.map((r) => ({ id: r.id, label: r.agency_name, ...summary.byAgency.get(r.agency_id)! }));
  const overall = summary.shares;
  const chartSvg = byStandard.length
    ? await ratingChart({
      id: 'section11-by-standard',
      title: `Ratings by standard, ${round.title}`,
      description: `Of ${summary.total} ratings in ${submitted.length} submitted returns: ${overall.met}% met, ${overall.partly_met}% partly met, ${overall.not_met}% not met and ${overall.unanswered}% not answered.`,
      // Short labels keep the bars wide; the table beside the chart names each standard in full.
      rows: byStandard.map((g, i) => ({ label: `Standard ${standards.find((s) => s.id === g.id)?.number ?? i + 1}`, shares: g.shares })),
    })
    : null;
  return { round, asked: returns.length, submitted: submitted.length, summary, byStandard, byAgency, chartSvg };
}
