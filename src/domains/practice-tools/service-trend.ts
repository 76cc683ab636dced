import { authorisePerson, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import { contextsOf } from './repository-contexts.ts';
import { possibleRange } from './scoring.ts';
import { contextLabel } from './service-scoring.ts';
import { trendCharts, trendFigures } from './trend.ts';

/**
 * A child's scores on one tool (any of its versions) over time: charts, their table, the sentence that says what
 * changed, and the distance travelled per domain. Audited as a view of the child's record.
 */
export async function trendPage(ctx: RequestContext, personId: string, toolId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  const row = await repo.findTool(ctx.db, toolId);
  if (!row) throw new NotFoundError();
  const [heading, versions, scorings, contexts, scope] = await Promise.all([
    personHeading(ctx, personId),
    repo.versionsOf(ctx.db, row.family_id),
    repo.scoringsOf(ctx.db, personId, row.family_id),
    contextsOf(ctx.db, personId),
    loadPersonScope(ctx, personId),
  ]);
  const tools = await repo.fullTools(ctx.db, versions);
  // The published version is what the child is scored on now, and what the charts' scales follow.
  const current = tools.find((t) => t.row.status === 'published') ?? tools[0]!;
  const detail = await repo.scoringDetail(ctx.db, scorings.map((s) => s.id));
  const withDomains = scorings.map((s) => {
    const tool = tools.find((t) => t.row.id === s.tool_id)!;
    const own = detail.domains.filter((d) => d.scoring_id === s.id);
    const context = s.context_type ? contexts.find((c) => c.type === s.context_type && c.id === s.context_id) : null;
    return {
      ...s,
      domains: tool.domains.flatMap((d) => {
        const scored = own.find((x) => x.domain_id === d.id);
        return scored ? [{ name: d.name, score: scored.score }] : [];
      }),
      contextText: context ? contextLabel(context) : null,
    };
  });
  const input = { tool: current, scorings: withDomains };
  const figures = trendFigures(input);
  const overallRanges = tools.filter((t) => t.row.status !== 'draft').map((t) => possibleRange(t));
  const domainMax = Math.max(...tools.map((t) => Math.max(...t.domains.map((d) => (d.items.length && t.domainRule === 'sum' ? d.items.length * t.scaleMax : t.scaleMax)))));
  const range = {
    overall: { min: Math.min(...overallRanges.map((r) => r.min)), max: Math.max(...overallRanges.map((r) => r.max)) },
    domain: { min: Math.min(...tools.map((t) => t.scaleMin)), max: domainMax },
  };
  const charts = await trendCharts(input, figures, range);
  return {
    heading,
    tool: current,
    published: current.row.status === 'published',
    mayScore: Boolean(scope && can(ctx.actor, 'tools.score', { kind: 'person', person: scope }).allowed),
    scorings: withDomains,
    figures,
    charts,
    versionsUsed: new Set(scorings.map((s) => s.version_number)).size,
  };
}
