import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository.ts';
import type { ToolDefinition } from './schema.ts';
import { bandProblems, possibleRange, scoreStep } from './scoring.ts';

/**
 * The partnership business manager's tools (`partnership.manage`): drafts are changed in place; a published version
 * is never changed, so editing it makes the next version as a draft, and publishing that supersedes the old one.
 * Every scoring keeps pointing at the version it was scored on, so its scores keep their meaning.
 */

/** What is wrong with a definition as a whole (its bands), against the form's band fields. */
export function definitionProblems(d: ToolDefinition): { field: string; message: string }[] {
  const shape = { ...d, domains: d.domains.map((x, i) => ({ id: String(i), name: x.name, items: x.items.map((_, j) => ({ id: `${i}.${j}` })) })) };
  return bandProblems(shape).map((message) => ({ field: 'band1Label', message }));
}

function checkDefinition(d: ToolDefinition): void {
  const [problem] = definitionProblems(d);
  if (problem) throw new FieldProblem(problem.field, problem.message);
}

export async function toolList(ctx: RequestContext) {
  authorise(ctx, 'partnership.manage');
  const versions = await repo.allVersions(ctx.db);
  const counts = await repo.scoringCounts(ctx.db, versions.map((v) => v.id));
  const families = new Map<string, { published: repo.ToolRow | null; draft: repo.ToolRow | null; versions: number; scorings: number }>();
  for (const v of versions) {
    const f = families.get(v.family_id) ?? { published: null, draft: null, versions: 0, scorings: 0 };
    if (v.status === 'published') f.published = v;
    if (v.status === 'draft') f.draft = v;
    f.versions += 1;
    f.scorings += counts.get(v.id) ?? 0;
    families.set(v.family_id, f);
  }
  return [...families.values()].map((f) => ({ ...f, shown: (f.published ?? f.draft)! })).sort((a, b) => a.shown.name.localeCompare(b.shown.name));
}

export async function toolPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const tool = await repo.fullTool(ctx.db, id);
  if (!tool) throw new NotFoundError();
  const versions = await repo.versionsOf(ctx.db, tool.row.family_id);
  const counts = await repo.scoringCounts(ctx.db, versions.map((v) => v.id));
  return {
    tool,
    range: possibleRange(tool),
    step: scoreStep(tool),
    problems: bandProblems(tool),
    versions: versions.map((v) => ({ ...v, scorings: counts.get(v.id) ?? 0 })),
    draft: versions.find((v) => v.status === 'draft') ?? null,
  };
}

/** The tool as the form shows it: domains as lines, items under them with a dash. */
export function formValuesOf(tool: repo.FullTool): Record<string, string> {
  const r = tool.row;
  return {
    name: r.name,
    description: r.description,
    scaleMin: String(r.scale_min),
    scaleMax: String(r.scale_max),
    scaleLabels: r.scale_labels.map((l) => `${l.value}: ${l.label}`).join('\n'),
    domainRule: r.domain_rule,
    overallRule: r.overall_rule,
    direction: r.direction,
    domains: tool.domains.map((d) => [d.name, ...d.items.map((i) => `- ${i.text}`)].join('\n')).join('\n'),
    ...Object.fromEntries(tool.bands.flatMap((b, i) => [[`band${i + 1}Label`, b.label], [`band${i + 1}Min`, String(b.min)], [`band${i + 1}Max`, String(b.max)]])),
    version: String(r.version),
  };
}

export async function createTool(ctx: RequestContext, d: ToolDefinition, idempotencyKey: string): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const claim = { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'practice_tool' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  checkDefinition(d);
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, (trx) => repo.insertTool(trx, { id, family_id: id, version_number: 1, created_by: ctx.actor.id }, d));
  return result.id;
}

/**
 * Saves an edit. A draft changes in place at the version read; a published tool gets its next version as a draft
 * (only one draft at a time); a superseded version is history and cannot be edited. Returns the version edited.
 */
export async function editTool(ctx: RequestContext, id: string, version: number, d: ToolDefinition): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const row = await repo.findTool(ctx.db, id);
  if (!row) throw new NotFoundError();
  if (row.status === 'superseded') throw new StateError('This version has been replaced by a later one and cannot be changed. Edit the current version instead.');
  checkDefinition(d);
  if (row.version !== version) throw new ConflictError('Someone else changed this tool after you opened it. Your changes have not been saved.');
  if (row.status === 'draft') {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.updateDefinitionAtVersion(trx, id, version, d))) throw new ConflictError('Someone else changed this tool after you opened it. Your changes have not been saved.');
      await repo.writeDefinition(trx, id, d);
    });
    return id;
  }
  const newId = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    const versions = await repo.versionsOf(trx, row.family_id);
    if (versions.some((v) => v.status === 'draft')) throw new StateError('A draft of the next version already exists. Edit or publish that draft instead.');
    // Moving the published row's version on makes a second edit of the same page a conflict, not a second draft.
    if (!(await repo.updateToolAtVersion(trx, id, version, {}))) throw new ConflictError('Someone else changed this tool after you opened it. Your changes have not been saved.');
    await repo.insertTool(trx, { id: newId, family_id: row.family_id, version_number: await repo.nextVersionNumber(trx, row.family_id), created_by: ctx.actor.id }, d);
  });
  return newId;
}

/** Publishes a draft: from now on children are scored on it, and the version it replaces is kept for their past scores. */
export async function publishTool(ctx: RequestContext, id: string, version: number): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const tool = await repo.fullTool(ctx.db, id);
  if (!tool) throw new NotFoundError();
  if (tool.row.status !== 'draft') throw new StateError('Only a draft can be published.');
  const [problem] = bandProblems(tool);
  if (problem) throw new StateError(`This draft cannot be published yet: ${problem}.`);
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await repo.versionsOf(trx, tool.row.family_id)).find((v) => v.status === 'published');
    if (current) await repo.setStatus(trx, current.id, 'superseded');
    if (!(await repo.updateToolAtVersion(trx, id, version, { status: 'published', published_on: ukToday() }))) {
      throw new ConflictError('Someone else changed this draft after you opened it. Check it and publish again.');
    }
  });
}
