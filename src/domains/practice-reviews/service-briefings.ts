import { uuidv7 } from 'uuidv7';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';
import type { BriefingInput } from './schema.ts';
import { notFuture } from './service.ts';

/** Learning briefings: what the workforce is told a review found. They name reviews, never a child. */
export async function briefingList(ctx: RequestContext) {
  authorise(ctx, 'reviews.track');
  const rows = await actions.briefings(ctx.db);
  const sources = await actions.briefingReviews(ctx.db, rows.map((b) => b.id));
  return rows.map((b) => ({ ...b, reviews: sources.filter((s) => s.briefing_id === b.id) }));
}

export async function briefingPage(ctx: RequestContext, id: string) {
  authorise(ctx, 'reviews.track');
  const briefing = await actions.findBriefing(ctx.db, id);
  if (!briefing) throw new NotFoundError();
  return { briefing, reviews: await actions.briefingReviews(ctx.db, [id]) };
}

/** The reviews a briefing may come from, by reference and name, for the chair's form. */
export async function briefingChoices(ctx: RequestContext) {
  authorise(ctx, 'reviews.work');
  return repo.reviewNames(ctx.db);
}

export async function issueBriefing(ctx: RequestContext, input: BriefingInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'reviews.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'practice_review_briefing' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  notFuture(input.issuedOn, 'issuedOn', 'The date issued');
  const reviewIds = [...new Set(input.reviewIds)];
  if ((await repo.reviewNames(ctx.db, reviewIds)).length !== reviewIds.length) throw new FieldProblem('reviewIds', 'Select reviews from the list');
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await actions.insertBriefing(trx, { id, title: input.title, issued_on: input.issuedOn, audience: input.audience, key_messages: input.keyMessages, created_by: ctx.actor.id }, reviewIds);
  });
  return result.id;
}
