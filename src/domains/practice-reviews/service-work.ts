import { uuidv7 } from 'uuidv7';
import { auditChange, type RequestContext } from '../../platform/access/authorise.ts';
import { FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { hasReview, stageOf } from './labels.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';
import type { ActionInput, CloseInput, DecisionInput, NotificationInput, RapidReviewInput, RecommendationInput, ReviewInput } from './schema.ts';
import { atVersion, changeReview, childrenOf, decide, notFuture, openReviewFor } from './service.ts';

/** The serious incident notification to the national Child Safeguarding Practice Review Panel. */
export async function recordNotification(ctx: RequestContext, id: string, input: NotificationInput): Promise<void> {
  const row = await openReviewFor(ctx, id);
  notFuture(input.notifiedOn, 'notifiedOn', 'The date of the notification');
  if (input.notifiedOn < row.incident_on) throw new FieldProblem('notifiedOn', 'The notification cannot be before the incident');
  if (row.rapid_review_held_on && input.notifiedOn > row.rapid_review_held_on) throw new FieldProblem('notifiedOn', 'The notification cannot be after the rapid review');
  await changeReview(ctx, id, 'practice_review.notify', (trx) => atVersion(trx, id, input.version, { notified_on: input.notifiedOn }));
}

/** The rapid review: when, who contributed and what it recommends. It can be corrected until the decision. */
export async function recordRapidReview(ctx: RequestContext, id: string, input: RapidReviewInput): Promise<void> {
  const row = await openReviewFor(ctx, id);
  if (row.decision) throw new StateError('The decision has been made, so the rapid review can no longer be changed.');
  notFuture(input.heldOn, 'heldOn', 'The date of the rapid review');
  if (input.heldOn < row.aware_on) throw new FieldProblem('heldOn', 'The rapid review cannot be before the partnership became aware');
  const agencyIds = [...new Set(input.agencyIds)];
  for (const agency of agencyIds) if (!(await repo.agencyExists(ctx.db, agency))) throw new FieldProblem('agencyIds', 'Select agencies from the list');
  await changeReview(ctx, id, 'practice_review.rapid_review', (trx) =>
    atVersion(trx, id, input.version, { rapid_review_held_on: input.heldOn, rapid_review_agency_ids: agencyIds, rapid_review_recommendation: input.recommendation }),
  );
}

/** The partnership's decision on the rapid review's recommendation, with its rationale. */
export async function decideReview(ctx: RequestContext, id: string, input: DecisionInput): Promise<void> {
  const row = await openReviewFor(ctx, id);
  if (stageOf(row) !== 'decision') throw new StateError(row.decision ? 'The decision has already been recorded.' : 'The decision follows the rapid review. Record the rapid review first.');
  notFuture(input.decidedOn, 'decidedOn', 'The date of the decision');
  if (input.decidedOn < row.rapid_review_held_on!) throw new FieldProblem('decidedOn', 'The decision cannot be before the rapid review');
  await changeReview(ctx, id, 'practice_review.decide', (trx) => atVersion(trx, id, input.version, { decision: input.decision, decided_on: input.decidedOn, decision_rationale: input.rationale }));
}

/** The review itself: its reviewers, terms of reference, report and publication, each in order. */
export async function recordReview(ctx: RequestContext, id: string, input: ReviewInput): Promise<void> {
  const row = await openReviewFor(ctx, id);
  if (!hasReview(row)) throw new StateError('Only a local or national review has reviewers and a report.');
  const { termsAgreedOn: terms, reportReceivedOn: report, publishedOn: published } = input;
  for (const [field, value, what] of [['termsAgreedOn', terms, 'The date the terms of reference were agreed'], ['reportReceivedOn', report, 'The date the report was received'], ['publishedOn', published, 'The date of publication']] as const) {
    if (value) notFuture(value, field, what);
  }
  if (terms && terms < row.decided_on!) throw new FieldProblem('termsAgreedOn', 'The terms of reference cannot be agreed before the decision to review');
  if (report && !terms) throw new FieldProblem('termsAgreedOn', 'Enter the date the terms of reference were agreed before the report');
  if (report && terms && report < terms) throw new FieldProblem('reportReceivedOn', 'The report cannot be received before the terms of reference were agreed');
  if (published && !report) throw new FieldProblem('reportReceivedOn', 'Enter the date the report was received before it was published');
  if (published && report && published < report) throw new FieldProblem('publishedOn', 'The report cannot be published before it was received');
  if (published && input.notPublishedReason) throw new FieldProblem('notPublishedReason', 'Leave the reason blank: the report has a publication date');
  if (input.notPublishedReason && !report) throw new FieldProblem('notPublishedReason', 'A report that has not been received has no reason for not publishing');
  await changeReview(ctx, id, 'practice_review.review', async (trx) => {
    await atVersion(trx, id, input.version, { terms_agreed_on: terms, report_received_on: report, published_on: published, not_published_reason: input.notPublishedReason });
    await repo.replaceReviewers(trx, id, input.reviewers);
  });
}

/** A recommendation, numbered in order; recommendations follow the decision (a review's, or learning by other means). */
export async function addRecommendation(ctx: RequestContext, id: string, input: RecommendationInput & { idempotencyKey: string }): Promise<string> {
  const row = await openReviewFor(ctx, id);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'practice_review_recommendation' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!row.decision) throw new StateError('Recommendations follow the decision. Record the decision first.');
  const recommendationId = uuidv7();
  const decisions = await decide(ctx, await childrenOf(ctx, id));
  const result = await once(ctx.db, { ...claim, resourceId: recommendationId }, async (trx) => {
    await actions.insertRecommendation(trx, { id: recommendationId, review_id: id, text: input.text, created_by: ctx.actor.id });
    for (const [personId, decision] of decisions) await auditChange(trx, ctx, 'practice_review.recommend', personId, decision);
  });
  return result.id;
}

/** An action on a recommendation, owned by an agency and a named person, with its due date and first RAG status. */
export async function addAction(ctx: RequestContext, id: string, recommendationId: string, input: ActionInput & { idempotencyKey: string }): Promise<string> {
  const row = await openReviewFor(ctx, id);
  const recommendation = await actions.findRecommendation(ctx.db, recommendationId);
  if (!recommendation || recommendation.review_id !== id) throw new NotFoundError();
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'practice_review_action' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!(await repo.agencyExists(ctx.db, input.agencyId))) throw new FieldProblem('agencyId', 'Select the agency that owns the action');
  if (input.dueOn < row.decided_on!) throw new FieldProblem('dueOn', 'An action cannot be due before the decision it follows');
  const actionId = uuidv7();
  const decisions = await decide(ctx, await childrenOf(ctx, id));
  const result = await once(ctx.db, { ...claim, resourceId: actionId }, async (trx) => {
    await actions.insertAction(trx, { id: actionId, review_id: id, recommendation_id: recommendationId, what: input.what, agency_id: input.agencyId, owner: input.owner, due_on: input.dueOn, rag: input.rag, created_by: ctx.actor.id }, 'Action agreed');
    for (const [personId, decision] of decisions) await auditChange(trx, ctx, 'practice_review.action', personId, decision);
  });
  return result.id;
}

/**
 * Closes the review once its work is done: the decision made, the report published (or why not) when there was a
 * review, and every action complete. The partnership stops seeing the children; nothing is deleted.
 */
export async function closeReview(ctx: RequestContext, id: string, input: CloseInput): Promise<void> {
  const row = await openReviewFor(ctx, id);
  const stage = stageOf(row);
  if (stage === 'rapid_review' || stage === 'decision') throw new StateError('A review closes after the decision. Record the rapid review and the decision first.');
  if (stage === 'reviewing' || stage === 'report') throw new StateError('Record the report’s publication, or why it is not published, before closing the review.');
  const open = (await actions.actionsWithReviews(ctx.db, { reviewId: id, open: true })).length;
  if (open) throw new StateError(`${open} ${open === 1 ? 'action is' : 'actions are'} not complete yet. Close the review when every action is complete.`);
  notFuture(input.closedOn, 'closedOn', 'The date the review closed');
  if (input.closedOn < row.decided_on!) throw new FieldProblem('closedOn', 'The review cannot close before the decision');
  await changeReview(ctx, id, 'practice_review.close', async (trx) => {
    await atVersion(trx, id, input.version, { closed_on: input.closedOn, closure_note: input.note });
    await repo.endInvolvements(trx, id, input.closedOn);
  });
}
