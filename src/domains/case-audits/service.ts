import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { stateMachine } from '../../platform/state-machine.ts';
import { childrenKnownInPeriod } from '../chronology/service.ts';
import { STATES } from './labels.ts';
import * as repo from './repository.ts';
import { describeChild, drawSample, newSeed } from './sampling.ts';
import type { AuditInput, QuestionInput, SampleInput, TemplateInput } from './schema.ts';
import type { AuditState } from './tables.ts';

export const AUDIT_RECORD = 'case_audit';
export const AUDIT_STATES = stateMachine<AuditState>('audit', { draft: ['open'], open: ['moderation'], moderation: ['complete'], complete: [] }, STATES);

export const changedMessage = 'Someone else changed this audit after you opened it. Your changes have not been saved: look at the audit as it is now and try again.';

/** An audit the business manager or a board member may read: the action is checked before anything is read. */
export async function auditToView(ctx: RequestContext, id: string): Promise<repo.AuditRow> {
  authorise(ctx, 'quality.view');
  const row = await repo.findAudit(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

/** An audit the business manager may change. */
export async function auditToManage(ctx: RequestContext, id: string): Promise<repo.AuditRow> {
  authorise(ctx, 'partnership.manage');
  const row = await repo.findAudit(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

export async function templateList(ctx: RequestContext) {
  authorise(ctx, 'partnership.manage');
  const [rows, counts] = await Promise.all([repo.templates(ctx.db), repo.questionCounts(ctx.db)]);
  const n = new Map(counts.map((c) => [c.template_id, Number(c.n)]));
  return rows.map((t) => ({ ...t, questions: n.get(t.id) ?? 0 }));
}

export async function templatePage(ctx: RequestContext, id: string) {
  authorise(ctx, 'partnership.manage');
  const template = await repo.findTemplate(ctx.db, id);
  if (!template) throw new NotFoundError();
  return { template, questions: await repo.questionsOf(ctx.db, id), inUse: await repo.templateInUse(ctx.db, id) };
}

export async function addTemplate(ctx: RequestContext, input: TemplateInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'audit_template' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (await repo.templateTitleTaken(ctx.db, input.title)) throw new FieldProblem('title', 'There is already a template with this theme');
  const id = uuidv7();
  return (await once(ctx.db, { ...claim, resourceId: id }, (trx) => repo.insertTemplate(trx, { id, title: input.title, description: input.description, created_by: ctx.actor.id }))).id;
}

/** A question added to a template; once an audit using it has opened, its questions stay as agencies answered them. */
export async function addQuestion(ctx: RequestContext, templateId: string, input: QuestionInput): Promise<void> {
  await templatePage(ctx, templateId);
  if (await repo.templateInUse(ctx.db, templateId)) throw new FieldProblem('text', 'This template is used by an audit that has opened, so its questions cannot change. Add a new template instead.');
  await ctx.db.transaction().execute((trx) => repo.appendQuestion(trx, templateId, input.text, ctx.actor.id));
}

export async function createAudit(ctx: RequestContext, input: AuditInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'partnership.manage');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: AUDIT_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!(await repo.findTemplate(ctx.db, input.templateId))) throw new FieldProblem('templateId', 'Select the audit template');
  if (!(await repo.questionsOf(ctx.db, input.templateId)).length) throw new FieldProblem('templateId', 'This template has no questions yet: add some first');
  const agencyIds = [...new Set(input.agencyIds)];
  if ((await repo.existingAgencies(ctx.db, agencyIds)).length !== agencyIds.length) throw new FieldProblem('agencyIds', 'Select agencies from the list');
  if (input.periodTo < input.periodFrom) throw new FieldProblem('periodTo', 'The end of the audit period must be on or after its start');
  if (input.answersDueOn < input.periodTo) throw new FieldProblem('answersDueOn', 'Answers must be due after the end of the audit period');
  const id = uuidv7();
  const row = { id, title: input.title, template_id: input.templateId, period_from: input.periodFrom, period_to: input.periodTo, answers_due_on: input.answersDueOn, created_by: ctx.actor.id };
  return (await once(ctx.db, { ...claim, resourceId: id }, (trx) => repo.insertAudit(trx, row, agencyIds))).id;
}

/**
 * Draws the sample from the children's chronologies in the audit period: at random from every child with an entry,
 * or from those with an entry of one kind. The seed is kept; the sample can be drawn again only while in draft.
 */
export async function drawAuditSample(ctx: RequestContext, auditId: string, input: SampleInput): Promise<number> {
  const audit = await auditToManage(ctx, auditId);
  if (audit.state !== 'draft') AUDIT_STATES.assert(audit.state, 'draft');
  const entryType = input.method === 'criteria' ? input.entryType! : null;
  const candidates = await childrenKnownInPeriod(ctx.db, { entryType, from: audit.period_from, to: audit.period_to });
  if (!candidates.length) throw new FieldProblem(input.method === 'criteria' ? 'entryType' : 'method', 'No children’s records match in the audit period: choose another kind of event or change the period');
  const seed = newSeed();
  const chosen = drawSample(candidates, input.size, seed).map((c) => ({ personId: c.personId, description: describeChild(c.sex, c.dateOfBirth, audit.period_to) }));
  await ctx.db.transaction().execute(async (trx) => {
    const changes = { sample_method: input.method, sample_size: input.size, sample_entry_type: entryType, sample_seed: seed, sample_drawn_at: new Date() };
    if (!(await repo.updateAudit(trx, auditId, input.version, changes))) throw new ConflictError(changedMessage);
    await repo.replaceSample(trx, auditId, chosen, ctx.actor.id);
  });
  return chosen.length;
}

/** Moves the audit on: open once a sample is drawn, complete once every case is moderated and findings written. */
export async function moveAudit(ctx: RequestContext, auditId: string, to: AuditState, version: number, check: (audit: repo.AuditRow) => Promise<void>): Promise<void> {
  const audit = await auditToManage(ctx, auditId);
  AUDIT_STATES.assert(audit.state, to);
  await check(audit);
  if (!(await repo.updateAudit(ctx.db, auditId, version, { state: to }))) throw new ConflictError(changedMessage);
}

export const describeSample = (audit: repo.AuditRow, entryLabel: (t: string) => string): string | null => {
  if (!audit.sample_method) return null;
  const from = audit.sample_method === 'criteria' ? `children with “${entryLabel(audit.sample_entry_type ?? '')}” on their chronology` : 'children known to services';
  return `Up to ${audit.sample_size} ${from} in the audit period, chosen at random (seed ${audit.sample_seed}).`;
};
