import { uuidv7 } from 'uuidv7';
import { auditChange, authorisePerson, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { recordChronology } from '../chronology/service.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import { type ContextRow, contextsOf } from './repository-contexts.ts';
import type { ScoringInput } from './schema.ts';
import { computeScores } from './scoring.ts';
import type { ContextType } from './tables.ts';

/**
 * Scoring a child on a tool (`tools.score`) and reading their scores (`person.view`, audited as a view of the
 * record). A scoring stores the raw scores, the computed domain and overall scores and the band, with the tool
 * version, so a later version of the tool never changes what an earlier scoring meant.
 */

export const SCORING_RECORD = 'practice_tool_scoring';

/** A context in words, with no detail beyond dates (the reader may not see the case itself). */
export function contextLabel(c: Pick<ContextRow, 'type' | 'from' | 'to' | 'detail'>): string {
  const when = c.to ? `${formatDate(c.from)} to ${formatDate(c.to)}` : `from ${formatDate(c.from)}`;
  if (c.type === 'panel_referral') return `${c.detail ?? 'Panel'} referral, ${when}`;
  if (c.type === 'cp_plan') return `Child protection plan, ${when}`;
  return `Early help case, ${when}`;
}

export const contextKey = (c: { type: ContextType; id: string }) => `${c.type}:${c.id}`;

/** Whether the actor may score this child, decided without writing to the audit (for links and buttons). */
async function mayScore(ctx: RequestContext, personId: string): Promise<boolean> {
  const scope = await loadPersonScope(ctx, personId);
  return Boolean(scope && can(ctx.actor, 'tools.score', { kind: 'person', person: scope }).allowed);
}

/** The child's practice tools: every published tool with the child's latest score on it. */
export async function childToolsPage(ctx: RequestContext, personId: string, context: { type: ContextType; id: string } | null) {
  await authorisePerson(ctx, personId, 'person.view');
  const [heading, tools, scorings, contexts, may] = await Promise.all([personHeading(ctx, personId), repo.publishedTools(ctx.db), repo.scoringsOf(ctx.db, personId), contextsOf(ctx.db, personId), mayScore(ctx, personId)]);
  const chosen = context ? (contexts.find((c) => c.type === context.type && c.id === context.id) ?? null) : null;
  return {
    heading,
    mayScore: may,
    context: chosen ? { key: contextKey(chosen), label: contextLabel(chosen) } : null,
    tools: tools.map((t) => {
      const own = scorings.filter((s) => s.family_id === t.family_id);
      return { tool: t, count: own.length, latest: own.at(-1) ?? null };
    }),
  };
}

/** The scoring form's tool and choices: the current published version only, and the child's open work to link to. */
export async function scoringForm(ctx: RequestContext, personId: string, toolId: string) {
  await authorisePerson(ctx, personId, 'tools.score');
  const tool = await repo.fullTool(ctx.db, toolId);
  if (!tool) throw new NotFoundError();
  if (tool.row.status !== 'published') throw new StateError('This version of the tool is not in use. Score the child on its published version.');
  const [heading, contexts] = await Promise.all([personHeading(ctx, personId), contextsOf(ctx.db, personId)]);
  return { heading, tool, contexts: contexts.filter((c) => c.open).map((c) => ({ value: contextKey(c), text: contextLabel(c) })) };
}

/** Checks every score is given, whole and on the scale; the problems name the item or domain they are about. */
export function scoreProblems(tool: repo.FullTool, input: Pick<ScoringInput, 'scores'>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const d of tool.domains) {
    for (const unit of d.items.length ? d.items.map((i) => ({ id: i.id, name: `${d.name}: ${i.text}` })) : [{ id: d.id, name: d.name }]) {
      const v = input.scores.get(unit.id);
      if (v === undefined) problems.push({ field: `score-${unit.id}`, message: `Enter a score for ${unit.name}` });
      else if (!Number.isInteger(v) || v < tool.scaleMin || v > tool.scaleMax) problems.push({ field: `score-${unit.id}`, message: `The score for ${unit.name} must be a whole number from ${tool.scaleMin} to ${tool.scaleMax}` });
    }
  }
  return problems;
}

async function checkInput(ctx: RequestContext, personId: string, tool: repo.FullTool, input: ScoringInput): Promise<void> {
  const [problem] = scoreProblems(tool, input);
  if (problem) throw new FieldProblem(problem.field, problem.message);
  if (input.scoredOn > ukToday()) throw new FieldProblem('scoredOn', 'The date scored must be today or in the past');
  if (input.context) {
    const contexts = await contextsOf(ctx.db, personId);
    if (!contexts.some((c) => c.type === input.context!.type && c.id === input.context!.id)) throw new FieldProblem('context', 'Choose what this scoring was done for from the list');
  }
}

function writeOf(tool: repo.FullTool, scoringId: string, input: ScoringInput) {
  const computed = computeScores(tool, input.scores);
  const write: repo.ScoringWrite = {
    scoringId,
    domains: computed.domains.map((d) => ({ id: d.id, score: d.score, note: input.notes.get(d.id) || null })),
    items: tool.domains.flatMap((d) => d.items.map((i) => ({ id: i.id, score: input.scores.get(i.id)! }))),
  };
  return { computed, write };
}

const summaryOf = (tool: repo.FullTool, overall: number, band: string) => `Scored on ${tool.row.name}: ${overall} overall, ${band.toLowerCase()}`;

export async function saveScoring(ctx: RequestContext, personId: string, toolId: string, input: ScoringInput & { idempotencyKey: string }): Promise<string> {
  const decision = await authorisePerson(ctx, personId, 'tools.score', { audit: false });
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: SCORING_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const tool = await repo.fullTool(ctx.db, toolId);
  if (!tool) throw new NotFoundError();
  if (tool.row.status !== 'published') throw new StateError('This version of the tool has been replaced since you opened the form. Score the child on the current version.');
  await checkInput(ctx, personId, tool, input);
  const id = uuidv7();
  const { computed, write } = writeOf(tool, id, input);
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertScoring(trx, { id, person_id: personId, tool_id: toolId, scored_on: input.scoredOn, context_type: input.context?.type ?? null, context_id: input.context?.id ?? null, overall_score: computed.overall, band_label: computed.band, created_by: ctx.actor.id });
    await repo.writeScores(trx, write);
    await auditChange(trx, ctx, 'practice_tool.score', personId, decision);
    await recordChronology(trx, { personId, occurredAt: new Date(), entryType: 'practice_tool.scored', summary: summaryOf(tool, computed.overall, computed.band), agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: SCORING_RECORD, recordId: id });
  });
  return result.id;
}

/** One scoring with its tool version, raw and computed scores and notes, or 404 when it is not this child's. */
async function loadScoring(ctx: RequestContext, personId: string, scoringId: string) {
  const scoring = await repo.findScoring(ctx.db, scoringId);
  if (!scoring || scoring.person_id !== personId) throw new NotFoundError();
  const [tool, detail, contexts] = await Promise.all([repo.fullTool(ctx.db, scoring.tool_id), repo.scoringDetail(ctx.db, [scoringId]), contextsOf(ctx.db, personId)]);
  const context = scoring.context_type ? (contexts.find((c) => c.type === scoring.context_type && c.id === scoring.context_id) ?? null) : null;
  return { scoring, tool: tool!, detail, context, contexts };
}

export async function scoringPage(ctx: RequestContext, personId: string, scoringId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  const [heading, loaded, may] = await Promise.all([personHeading(ctx, personId), loadScoring(ctx, personId, scoringId), mayScore(ctx, personId)]);
  const { scoring, tool, detail, context } = loaded;
  return {
    heading,
    scoring,
    tool,
    mayScore: may,
    contextText: context ? contextLabel(context) : null,
    domains: tool.domains.map((d) => {
      const own = detail.domains.find((x) => x.domain_id === d.id);
      return { ...d, score: own?.score ?? null, note: own?.note ?? null, items: d.items.map((i) => ({ ...i, score: detail.items.find((x) => x.item_id === i.id)?.score ?? null })) };
    }),
  };
}

/** The edit form: the scoring's own tool version, its scores and notes as typed values, and the child's work to link to. */
export async function scoringEditForm(ctx: RequestContext, personId: string, scoringId: string) {
  await authorisePerson(ctx, personId, 'tools.score');
  const [heading, loaded] = await Promise.all([personHeading(ctx, personId), loadScoring(ctx, personId, scoringId)]);
  const { scoring, tool, detail, contexts } = loaded;
  const values: Record<string, unknown> = { version: String(scoring.version), context: scoring.context_type ? `${scoring.context_type}:${scoring.context_id}` : '' };
  for (const d of detail.domains) {
    values[`note-${d.domain_id}`] = d.note ?? '';
    if (tool.domains.find((x) => x.id === d.domain_id)?.items.length === 0) values[`score-${d.domain_id}`] = String(d.score);
  }
  for (const i of detail.items) values[`score-${i.item_id}`] = String(i.score);
  const choices = contexts.filter((c) => c.open || (c.type === scoring.context_type && c.id === scoring.context_id));
  return { heading, tool, scoring, values, contexts: choices.map((c) => ({ value: contextKey(c), text: contextLabel(c) })) };
}

/** Corrects a scoring at the version read; its tool version stays the one it was scored on. */
export async function updateScoring(ctx: RequestContext, personId: string, scoringId: string, input: ScoringInput & { version: number }): Promise<void> {
  const decision = await authorisePerson(ctx, personId, 'tools.score', { audit: false });
  const { scoring, tool } = await loadScoring(ctx, personId, scoringId);
  await checkInput(ctx, personId, tool, input);
  const { computed, write } = writeOf(tool, scoringId, input);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateScoringAtVersion(trx, scoringId, input.version, {
      scored_on: input.scoredOn, context_type: input.context?.type ?? null, context_id: input.context?.id ?? null, overall_score: computed.overall, band_label: computed.band,
    });
    if (!saved) throw new ConflictError('Someone else changed this scoring after you opened it. Your changes have not been saved.');
    await repo.writeScores(trx, write);
    await auditChange(trx, ctx, 'practice_tool.rescore', personId, decision);
    await recordChronology(trx, { personId, occurredAt: new Date(), entryType: 'practice_tool.corrected', summary: `Scoring on ${tool.row.name} of ${formatDate(scoring.scored_on)} corrected: ${computed.overall} overall, ${computed.band.toLowerCase()}`, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: SCORING_RECORD, recordId: scoringId });
  });
}
