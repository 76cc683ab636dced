import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { entryTypeLabel } from '../chronology/labels.ts';
import { findings } from './findings.ts';
import * as repo from './repository.ts';
import type { ActionInput, ActionUpdateInput, FindingsInput } from './schema.ts';
import { auditToManage, auditToView, changedMessage, describeSample, moveAudit } from './service.ts';
import type { AuditState, Grade } from './tables.ts';

/**
 * Everything about an audit that the business manager and board members see: never a child's name, only the case
 * reference ("Case 3: girl aged 7"). Agencies' answers are shown once the audit reaches moderation.
 */
export async function auditOverview(ctx: RequestContext, auditId: string) {
  const audit = await auditToView(ctx, auditId);
  const [template, questions, agencies, cases, responses, agreed, actions] = await Promise.all([
    repo.findTemplate(ctx.db, audit.template_id),
    repo.questionsOf(ctx.db, audit.template_id),
    repo.participants(ctx.db, auditId),
    repo.casesOf(ctx.db, auditId),
    repo.responsesOf(ctx.db, auditId),
    repo.moderationsOf(ctx.db, auditId),
    repo.actionsOf(ctx.db, auditId),
  ]);
  const submitted = new Set(agencies.filter((a) => a.submitted_at).map((a) => a.id));
  // Drafts are the agency's own until it submits: figures count submitted answers only.
  const counted = responses.filter((r) => submitted.has(r.agency_id));
  const answers = await repo.answersOf(ctx.db, counted.map((r) => r.id));
  const agencyOf = new Map(counted.map((r) => [r.id, r.agency_id]));
  const figures = findings({
    questions,
    agencies,
    answers: answers.map((a) => ({ agencyId: agencyOf.get(a.response_id)!, questionId: a.question_id, grade: a.grade })),
    agreed: agreed.map((m) => ({ caseId: m.case_id, questionId: m.question_id, grade: m.grade })),
    notInvolved: counted.filter((r) => r.not_involved).map((r) => ({ agencyId: r.agency_id })),
  });
  const moderated = new Set(agreed.map((m) => m.case_id));
  const today = ukToday();
  return {
    audit,
    template: template!,
    questions,
    agencies,
    cases: cases.map((c) => ({ id: c.id, number: c.case_number, description: c.description, moderated: questions.every((q) => agreed.some((m) => m.case_id === c.id && m.question_id === q.id)), started: moderated.has(c.id) })),
    sampleDescription: describeSample(audit, entryTypeLabel),
    figures,
    actions: actions.map((a) => ({ ...a, overdue: a.status === 'open' && a.due_on < today })),
    submittedCount: submitted.size,
  };
}

/** One child's answers from every agency that submitted, for the business manager to moderate. */
export async function moderationForm(ctx: RequestContext, auditId: string, caseId: string) {
  const audit = await auditToManage(ctx, auditId);
  const found = await repo.findCase(ctx.db, auditId, caseId);
  if (!found) throw new NotFoundError();
  const [questions, agencies, responses, agreed] = await Promise.all([
    repo.questionsOf(ctx.db, audit.template_id),
    repo.participants(ctx.db, auditId),
    repo.responsesOf(ctx.db, auditId),
    repo.moderationsOf(ctx.db, auditId),
  ]);
  const submitted = agencies.filter((a) => a.submitted_at);
  const mine = responses.filter((r) => r.case_id === caseId && submitted.some((a) => a.id === r.agency_id));
  const answers = await repo.answersOf(ctx.db, mine.map((r) => r.id));
  const byAgency = submitted.map((agency) => {
    const response = mine.find((r) => r.agency_id === agency.id);
    return { agency, notInvolved: response?.not_involved ?? false, answered: Boolean(response), answers: answers.filter((a) => a.response_id === response?.id) };
  });
  const rows = questions.map((q) => {
    const given = byAgency.flatMap((b) => b.answers.filter((a) => a.question_id === q.id && a.grade).map((a) => ({ agency: b.agency.name, grade: a.grade!, commentary: a.commentary })));
    const moderation = agreed.find((m) => m.case_id === caseId && m.question_id === q.id);
    return { question: q, given, differ: new Set(given.map((g) => g.grade)).size > 1, agreed: moderation ?? null };
  });
  return { audit, child: { id: found.id, number: found.case_number, description: found.description, version: found.version }, rows, byAgency };
}

/** The agreed grade (and a note where agencies differed) for each question about one child. */
export async function moderateCase(ctx: RequestContext, auditId: string, caseId: string, input: { version: number; rows: { questionId: string; grade: Grade; note: string | null }[] }) {
  const form = await moderationForm(ctx, auditId, caseId);
  if (form.audit.state !== 'moderation') throw new StateError('Cases are moderated once the audit has moved to moderation, and not after it is complete.');
  const known = new Set(form.rows.map((r) => r.question.id));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.touchCase(trx, caseId, input.version))) throw new ConflictError('Someone else moderated this case after you opened it. Your grades have not been saved: look at the case as it is now and try again.');
    await repo.replaceModeration(trx, caseId, input.rows.filter((r) => known.has(r.questionId)));
  });
}

export async function saveKeyFindings(ctx: RequestContext, auditId: string, input: FindingsInput) {
  const audit = await auditToManage(ctx, auditId);
  if (audit.state !== 'moderation') throw new StateError('Key findings are written during moderation; a complete audit keeps them as they were.');
  if (!(await repo.updateAudit(ctx.db, auditId, input.version, { key_findings: input.keyFindings }))) throw new ConflictError(changedMessage);
}

export async function addAction(ctx: RequestContext, auditId: string, input: ActionInput & { idempotencyKey: string }): Promise<string> {
  const audit = await auditToManage(ctx, auditId);
  if (audit.state === 'draft' || audit.state === 'open') throw new StateError('Actions are agreed from the findings, once the audit reaches moderation.');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'case_audit_action' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!(await repo.existingAgencies(ctx.db, [input.agencyId])).length) throw new FieldProblem('agencyId', 'Select the agency that owns the action');
  const id = uuidv7();
  await once(ctx.db, { ...claim, resourceId: id }, (trx) => repo.insertAction(trx, { id, audit_id: auditId, what: input.what, agency_id: input.agencyId, owner: input.owner, due_on: input.dueOn, created_by: ctx.actor.id }));
  return id;
}

export async function actionToManage(ctx: RequestContext, auditId: string, actionId: string) {
  authorise(ctx, 'partnership.manage');
  const action = await repo.findAction(ctx.db, auditId, actionId);
  if (!action) throw new NotFoundError();
  return action;
}

/** Marks an action complete (with its evidence, dated today) or open again. */
export async function updateAction(ctx: RequestContext, auditId: string, actionId: string, input: ActionUpdateInput) {
  await actionToManage(ctx, auditId, actionId);
  const changes = input.status === 'complete' ? { status: 'complete' as const, evidence: input.evidence, completed_on: ukToday() } : { status: 'open' as const, evidence: input.evidence, completed_on: null };
  if (!(await repo.updateAction(ctx.db, actionId, input.version, changes))) throw new ConflictError('Someone else changed this action after you opened it. Your changes have not been saved: look at it as it is now and try again.');
}

/** Every audit's actions, for the business manager and board members to follow. */
export async function allActions(ctx: RequestContext) {
  authorise(ctx, 'quality.view');
  const today = ukToday();
  return (await repo.actionsOf(ctx.db)).map((a) => ({ ...a, overdue: a.status === 'open' && a.due_on < today }));
}

/**
 * The audit's next step: it opens once a sample is drawn; moderation may start at any time (an agency that has not
 * submitted by then is shown as not having answered); it is complete once every case is moderated and the key
 * findings are written.
 */
export async function advanceAudit(ctx: RequestContext, auditId: string, to: AuditState, version: number): Promise<void> {
  await moveAudit(ctx, auditId, to, version, async (audit) => {
    if (to === 'open' && !(await repo.casesOf(ctx.db, auditId)).length) throw new StateError('Draw the sample of cases before opening the audit.');
    if (to === 'complete') {
      const overview = await auditOverview(ctx, auditId);
      if (overview.cases.some((c) => !c.moderated)) throw new StateError('Every case must be moderated, with an agreed grade for each question, before the audit is complete.');
      if (!audit.key_findings) throw new StateError('Write the key findings before completing the audit.');
    }
  });
}
