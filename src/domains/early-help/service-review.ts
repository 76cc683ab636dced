import { auditChange } from '../../platform/access/authorise.ts';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, EarlyHelpClosureReason } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, HttpError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { receiveStepUp } from '../front-door/service.ts';
import { personHeading } from '../people/service.ts';
import { CaseClosedError, caseForWork, type CaseRow } from './access.ts';
import { chronicleCase } from './chronicle.ts';
import { CLOSURE_REASONS, REVIEW_DECISIONS, STEP_UP_URGENCY } from './labels.ts';
import * as repo from './repository.ts';
import * as work from './repository-work.ts';
import type { ReviewInput, StepUpInput } from './schema.ts';
import { REVIEW_INTERVAL_DAYS } from './service-assessment.ts';
import { staleCase } from './service.ts';

/** Reviews, closure and step up: the changes that move the case itself on, each checked against its version. */

/** A case form (review, closure, step up): the case at the version the user reads. Audited as a view. */
export async function caseForm(ctx: RequestContext, caseId: string) {
  const { row } = await caseForWork(ctx, caseId, { auditView: true });
  return { row, heading: await personHeading(ctx, row.person_id) };
}

/** The next review: 6 weeks after this one unless the review set another date. */
export const nextReviewAfter = (heldOn: string, chosen: string | null | undefined) => chosen || addCalendarDays(heldOn, REVIEW_INTERVAL_DAYS);

/** Updates the case at the version read, or explains why not (closed since, or changed by someone else). */
async function saveCase(trx: Kysely<Database>, row: CaseRow, version: number, changes: Parameters<typeof repo.updateCaseAtVersion>[3]) {
  if (await repo.updateCaseAtVersion(trx, row.id, version, changes)) return;
  const now = await repo.findCase(trx, row.id);
  throw now?.status === 'closed' ? new CaseClosedError(now.closed_on) : staleCase();
}

export function reviewProblems(row: Pick<CaseRow, 'opened_on'>, input: Pick<ReviewInput, 'heldOn' | 'nextReviewDue'>, today = ukToday()) {
  const problems: { field: string; message: string }[] = [];
  if (input.heldOn > today) problems.push({ field: 'heldOn', message: 'The date the review was held must be today or in the past' });
  else if (input.heldOn < row.opened_on) problems.push({ field: 'heldOn', message: `The date the review was held must be on or after the case opened (${formatDate(row.opened_on)})` });
  if (input.nextReviewDue && input.nextReviewDue <= input.heldOn) problems.push({ field: 'nextReviewDue', message: 'The next review must be after this review' });
  return problems;
}

/**
 * Records a review held with the family and the Team Around the Child. The case's next review date follows
 * it (6 weeks on by default). The idempotency key makes a repeated submission return the first review.
 */
export async function recordReview(ctx: RequestContext, caseId: string, input: ReviewInput & { idempotencyKey?: string | null }): Promise<{ id: string; replayed: boolean }> {
  const { row, decision } = await caseForWork(ctx, caseId);
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'early_help_review' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return { id: earlier, replayed: true };
  if (row.version !== input.version) throw staleCase();
  const problems = reviewProblems(row, input);
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('. '));
  const next = nextReviewAfter(input.heldOn, input.nextReviewDue);
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await saveCase(trx, row, input.version, { next_review_due: next });
    await work.insertReview(trx, {
      id,
      case_id: caseId,
      held_on: input.heldOn,
      progress: input.progress,
      family_views: input.familyViews ?? null,
      decision: input.decision,
      next_review_due: next,
      created_by: ctx.actor.id,
    });
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.review_held', `Early help review held on ${formatDate(input.heldOn)}: ${REVIEW_DECISIONS[input.decision].toLowerCase()}. Next review due ${formatDate(next)}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  };
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

/**
 * Closes the case with its outcome. Nothing is deleted: the Team Around the Child's memberships end, and with
 * them every involvement the case created. The involvements end today, so whoever closes the case can still
 * read it today; from tomorrow only agencies otherwise involved see the child.
 */
export async function closeCase(ctx: RequestContext, caseId: string, input: { reason: EarlyHelpClosureReason; summary: string; version: number }) {
  const { row, decision } = await caseForWork(ctx, caseId);
  if (row.version !== input.version) throw staleCase();
  const today = ukToday();
  await ctx.db.transaction().execute(async (trx) => {
    await saveCase(trx, row, input.version, { status: 'closed', closed_on: today, closure_reason: input.reason, closure_summary: input.summary });
    const ended = await work.endMembers(trx, caseId, today);
    await repo.endInvolvementsFrom(trx, repo.TAC_SOURCE, ended, today);
    await repo.endInvolvementsFrom(trx, repo.CASE_SOURCE, [caseId], today);
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.closed', `Early help case closed: ${CLOSURE_REASONS[input.reason].toLowerCase()}`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}

export class AlreadySteppedUpError extends HttpError {
  constructor() {
    super(409, 'This case has already been stepped up', 'This early help case has already been stepped up to the front door. If there is a new concern, make a new contact.');
  }
}

/**
 * Steps the case up to the front door: in one transaction the front door receives a contact carrying this case
 * (the record travels with it), the case notes it, the child's chronology records it, and the lead professional
 * and the Team Around the Child are told. The case stays open until the front door's decision is known.
 */
export async function stepUp(ctx: RequestContext, caseId: string, input: StepUpInput): Promise<string> {
  const { row, team, decision } = await caseForWork(ctx, caseId);
  if (row.step_up_contact_id) throw new AlreadySteppedUpError();
  if (row.version !== input.version) throw staleCase();
  return ctx.db.transaction().execute(async (trx) => {
    const contactId = await receiveStepUp(trx, ctx, {
      earlyHelpCaseId: caseId,
      childIds: [row.person_id],
      reason: input.reason,
      consent: input.consent,
      consentOverrideReason: input.consent === 'overridden' ? input.consentOverrideReason : null,
      urgency: input.urgency,
    });
    await saveCase(trx, row, input.version, { step_up_contact_id: contactId });
    await repo.insertAlerts(
      trx,
      team.map((userId) => ({ user_id: userId, kind: 'early_help.stepped_up', person_id: row.person_id, message: 'An early help case you are part of was stepped up to the front door.' })),
    );
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.stepped_up', `Early help case stepped up to the front door (urgency: ${STEP_UP_URGENCY[input.urgency].split(':')[0]!.toLowerCase()})`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
    return contactId;
  });
}
