import { authorise, authorisePerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { ConflictError, ForbiddenError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import type { Grade } from './tables.ts';

/**
 * An agency's side of an audit: the business manager asks, each participating agency answers for its own
 * involvement with each child in the sample, saves drafts and submits once. Nobody sees another agency's draft.
 */

/** The audit as a participating agency's practitioner may open it: the action first, then the audit, then the agency. */
export async function auditToAnswer(ctx: RequestContext, auditId: string) {
  authorise(ctx, 'audits.answer');
  const audit = await repo.findAudit(ctx.db, auditId);
  if (!audit) throw new NotFoundError();
  const agencies = await repo.participants(ctx.db, auditId);
  const mine = agencies.find((a) => a.id === ctx.actor.agencyId);
  if (!mine) throw new ForbiddenError('Your agency is not taking part in this audit.');
  if (audit.state === 'draft') throw new StateError('This audit has not opened for answers yet.');
  return { audit, agency: mine };
}

/**
 * Who each child is for this user: the case reference always; the name and a link only where they may open the
 * child's record, and then the read is audited like any other view of it.
 */
async function identify(ctx: RequestContext, cases: Awaited<ReturnType<typeof repo.casesOf>>) {
  const viewable = await viewablePeople(ctx, cases.map((c) => c.person_id));
  const names = new Map<string, string>();
  for (const c of cases.filter((x) => viewable.has(x.person_id))) {
    await authorisePerson(ctx, c.person_id, 'person.view');
    const person = await personHeading(ctx, c.person_id);
    names.set(c.id, `${person.givenName} ${person.familyName}`);
  }
  return cases.map((c) => ({ id: c.id, number: c.case_number, description: c.description, name: names.get(c.id) ?? null, personId: names.has(c.id) ? c.person_id : null }));
}

type Answer = { questionId: string; grade: Grade | null; commentary: string | null };
const complete = (questions: { id: string }[], notInvolved: boolean, answers: Answer[]) => notInvolved || questions.every((q) => answers.some((a) => a.questionId === q.id && a.grade));

/** The agency's page: each child with where its answer stands, and whether it may now submit. */
export async function agencyPage(ctx: RequestContext, auditId: string) {
  const { audit, agency } = await auditToAnswer(ctx, auditId);
  const [cases, questions, responses] = await Promise.all([repo.casesOf(ctx.db, auditId), repo.questionsOf(ctx.db, audit.template_id), repo.responsesOf(ctx.db, auditId, agency.id)]);
  const answers = await repo.answersOf(ctx.db, responses.map((r) => r.id));
  const rows = (await identify(ctx, cases)).map((c) => {
    const response = responses.find((r) => r.case_id === c.id);
    const mine = answers.filter((a) => a.response_id === response?.id).map((a) => ({ questionId: a.question_id, grade: a.grade, commentary: a.commentary }));
    const status = !response ? 'not_started' : response.not_involved ? 'not_involved' : complete(questions, false, mine) ? 'answered' : 'draft';
    return { ...c, status };
  });
  return { audit, agency, cases: rows, questions, ready: rows.every((r) => r.status === 'answered' || r.status === 'not_involved') };
}

/** One child's form for this agency, with what the agency has saved so far. */
export async function answerForm(ctx: RequestContext, auditId: string, caseId: string) {
  const { audit, agency } = await auditToAnswer(ctx, auditId);
  const found = await repo.findCase(ctx.db, auditId, caseId);
  if (!found) throw new NotFoundError();
  const [child] = await identify(ctx, [found]);
  const questions = await repo.questionsOf(ctx.db, audit.template_id);
  const response = await repo.findResponse(ctx.db, caseId, agency.id);
  const answers = response ? await repo.answersOf(ctx.db, [response.id]) : [];
  return { audit, agency, child: child!, questions, response: response ?? null, answers };
}

function assertMayChange(audit: repo.AuditRow, agency: { submitted_at: Date | null }) {
  if (audit.state !== 'open') throw new StateError('This audit is no longer open for answers.');
  if (agency.submitted_at) throw new StateError('Your agency has already submitted its answers to this audit, so they can no longer be changed.');
}

/** Saves the agency's answer for one child as a draft, at the version the form was read. */
export async function saveAnswer(ctx: RequestContext, auditId: string, caseId: string, input: { version: number; notInvolved: boolean; answers: Answer[] }) {
  const { audit, agency } = await auditToAnswer(ctx, auditId);
  assertMayChange(audit, agency);
  if (!(await repo.findCase(ctx.db, auditId, caseId))) throw new NotFoundError();
  const questionIds = new Set((await repo.questionsOf(ctx.db, audit.template_id)).map((q) => q.id));
  const answers = input.notInvolved ? [] : input.answers.filter((a) => questionIds.has(a.questionId));
  await ctx.db.transaction().execute(async (trx) => {
    // A form opened before the agency's first save carries version 0: it may create the answer, never overwrite one.
    const existing = await repo.findResponse(trx, caseId, agency.id);
    const response = existing ?? (input.version === 0 ? await repo.ensureResponse(trx, caseId, agency.id, ctx.actor.id) : null);
    const version = existing ? input.version : 1;
    if (!response || (existing && input.version === 0) || !(await repo.saveResponse(trx, { id: response.id, version, notInvolved: input.notInvolved, answers }))) {
      throw new ConflictError('Someone else in your agency saved an answer for this child after you opened it. Your answer has not been saved: look at it as it is now and try again.');
    }
  });
}

/** Submits the agency's answers: every child answered in full, or marked as not involved. Once only. */
export async function submitAnswers(ctx: RequestContext, auditId: string): Promise<{ missing: number[] }> {
  const page = await agencyPage(ctx, auditId);
  assertMayChange(page.audit, page.agency);
  const missing = page.cases.filter((c) => c.status !== 'answered' && c.status !== 'not_involved').map((c) => c.number);
  if (missing.length) return { missing };
  if (!(await repo.markSubmitted(ctx.db, auditId, page.agency.id, ctx.actor.id))) throw new StateError('Your agency has already submitted its answers to this audit.');
  return { missing: [] };
}
