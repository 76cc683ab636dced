import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import type { Decision } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import * as repo from './repository.ts';
import type { ReferralInput } from './schema.ts';

export const REVIEW_RECORD = repo.REVIEW_SOURCE;
/** What the child's chronology says: everyone who works with the child sees it, so never what happened or was found. */
export const CHILD_CHRONOLOGY_SUMMARY = 'Referred to the safeguarding partnership for a practice review';

/** A review the chair may work on: the role is checked before the record is read, so a refused role learns nothing. */
export async function reviewFor(ctx: RequestContext, id: string): Promise<repo.ReviewRow> {
  authorise(ctx, 'reviews.work');
  const row = await repo.findReview(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

/** A review the chair may still change: a closed one is kept as it was closed. */
export async function openReviewFor(ctx: RequestContext, id: string): Promise<repo.ReviewRow> {
  const row = await reviewFor(ctx, id);
  if (row.closed_on) throw new StateError('This review is closed, so it can no longer be changed.');
  return row;
}

export async function childrenOf(ctx: RequestContext, reviewId: string): Promise<string[]> {
  return (await repo.childrenOf(ctx.db, [reviewId])).map((c) => c.person_id);
}

/** Reading a review is a read of each child's record: each goes to the access audit. */
export async function auditRead(ctx: RequestContext, personIds: readonly string[]): Promise<void> {
  for (const id of personIds) await authorisePerson(ctx, id, 'reviews.work');
}

/** Each child's access decision, made before a transaction and audited inside it. */
export async function decide(ctx: RequestContext, personIds: readonly string[]) {
  const decisions: [string, Extract<Decision, { allowed: true }>][] = [];
  for (const id of personIds) decisions.push([id, await authorisePerson(ctx, id, 'reviews.work', { audit: false })]);
  return decisions;
}

/** A change to a review: decided for every child on it before the transaction, audited inside it. */
export async function changeReview(ctx: RequestContext, reviewId: string, action: string, write: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const decisions = await decide(ctx, await childrenOf(ctx, reviewId));
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    for (const [id, decision] of decisions) await auditChange(trx, ctx, action, id, decision);
  });
}

export async function atVersion(trx: Kysely<Database>, id: string, version: number, changes: Parameters<typeof repo.updateReviewAtVersion>[3]): Promise<void> {
  if (!(await repo.updateReviewAtVersion(trx, id, version, changes))) {
    throw new ConflictError('Someone else changed this review after you opened it. Your changes have not been saved: look at the review as it is now and try again.');
  }
}

export const notFuture = (date: string, field: string, what: string) => {
  if (date > ukToday()) throw new FieldProblem(field, `${what} must be today or in the past`);
};

export interface NewReview extends ReferralInput {
  childIds: string[];
  idempotencyKey: string;
}

/**
 * Records a serious incident referred to the partnership, with the notification and rapid review clocks running
 * from the day it became aware. The partnership becomes involved with each child (so the chair can open their
 * records) and each child's chronology says only that the case was referred for a practice review.
 */
export async function referReview(ctx: RequestContext, input: NewReview): Promise<string> {
  authorise(ctx, 'reviews.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: REVIEW_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const childIds = [...new Set(input.childIds)];
  if (!childIds.length) throw new FieldProblem('children', 'Choose the child or children the review is about');
  for (const id of childIds) {
    if (!(await mayPickPerson(ctx, id)) || (await personHeading(ctx, id)).personType === 'adult') throw new FieldProblem('children', 'The review must be about children from the person index');
  }
  notFuture(input.incidentOn, 'incidentOn', 'The date of the incident');
  notFuture(input.awareOn, 'awareOn', 'The date the partnership became aware');
  if (input.awareOn < input.incidentOn) throw new FieldProblem('awareOn', 'The partnership cannot have become aware before the incident');
  if (!(await repo.agencyExists(ctx.db, input.referringAgencyId))) throw new FieldProblem('referringAgencyId', 'Select the agency that referred the case');
  const decisions = await decide(ctx, childIds);
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    const reference = await repo.nextReference(trx, input.awareOn);
    await repo.insertReview(
      trx,
      { id, reference, title: input.title, referring_agency_id: input.referringAgencyId, incident_on: input.incidentOn, aware_on: input.awareOn, summary: input.summary, created_by: ctx.actor.id },
      childIds,
    );
    await repo.involve(trx, { reviewId: id, personIds: childIds, agencyId: ctx.actor.agencyId, startDate: input.awareOn, createdBy: ctx.actor.id });
    for (const child of childIds) await chronicle(trx, ctx, child, 'practice_review.referred', CHILD_CHRONOLOGY_SUMMARY, { type: REVIEW_RECORD, id });
    for (const [personId, decision] of decisions) await auditChange(trx, ctx, 'practice_review.refer', personId, decision);
  });
  return result.id;
}
