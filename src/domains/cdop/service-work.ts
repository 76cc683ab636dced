import { uuidv7 } from 'uuidv7';
import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { personHeading } from '../people/service.ts';
import { CDOP_MACHINE, stateOf } from './labels.ts';
import * as repo from './repository.ts';
import type { NotificationEdit, RequestInput, ReturnInput, ReviewInput } from './schema.ts';
import { atVersion, caseFor, changeCase, checkNotification, notFuture, notificationColumns } from './service.ts';

const closedMessage = 'This review is complete, so the case can no longer be changed.';

/** Corrects the notification while the review is open; no date may move after what followed it. */
export async function editNotification(ctx: RequestContext, id: string, input: NotificationEdit): Promise<void> {
  const row = await caseFor(ctx, id);
  if (row.reviewed_on) throw new StateError(closedMessage);
  const child = await personHeading(ctx, row.child_id);
  checkNotification(input, child.dateOfBirth ?? input.diedOn);
  const firstRequest = (await repo.requestsOf(ctx.db, [id]))[0]?.requested_on;
  if (firstRequest && input.diedOn > firstRequest) throw new FieldProblem('diedOn', 'The date of death cannot be after information was first requested from agencies');
  await changeCase(ctx, row.child_id, 'cdop.edit', async (trx) => {
    await atVersion(trx, id, input.version, notificationColumns(input));
    await repo.recordDateOfDeath(trx, row.child_id, input.diedOn);
  });
}

/** Asks an agency for what it holds about the child and family, with the date it is due back. */
export async function requestInformation(ctx: RequestContext, id: string, input: RequestInput & { idempotencyKey: string }): Promise<string> {
  const row = await caseFor(ctx, id);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'cdop_request' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (row.reviewed_on) throw new StateError(closedMessage);
  notFuture(input.requestedOn, 'requestedOn', 'The date requested');
  if (input.requestedOn < row.died_on) throw new FieldProblem('requestedOn', 'Information cannot be requested before the child died');
  if (input.dueOn < input.requestedOn) throw new FieldProblem('dueOn', 'The date due cannot be before the date requested');
  const requestId = uuidv7();
  const decision = await authorisePerson(ctx, row.child_id, 'cdop.work', { audit: false });
  const result = await once(ctx.db, { ...claim, resourceId: requestId }, async (trx) => {
    await repo.insertRequest(trx, { id: requestId, case_id: id, agency: input.agency, contact: input.contact, requested_on: input.requestedOn, due_on: input.dueOn, created_by: ctx.actor.id });
    await auditChange(trx, ctx, 'cdop.request', row.child_id, decision);
  });
  return result.id;
}

/** Records an agency's reply: a summary of what it holds, or that it holds nothing, at the version read. */
export async function recordReturn(ctx: RequestContext, id: string, requestId: string, input: ReturnInput): Promise<void> {
  const row = await caseFor(ctx, id);
  const request = await repo.findRequest(ctx.db, requestId);
  if (!request || request.case_id !== id) throw new NotFoundError();
  if (row.reviewed_on) throw new StateError(closedMessage);
  if (request.returned_on) throw new StateError('This agency’s reply has already been recorded.');
  notFuture(input.returnedOn, 'returnedOn', 'The date of the reply');
  if (input.returnedOn < request.requested_on) throw new FieldProblem('returnedOn', 'The reply cannot be before the request');
  if (!input.notHeld && !input.summary) throw new FieldProblem('summary', 'Enter a summary of what the agency holds, or say it holds no information');
  if (input.notHeld && input.summary) throw new FieldProblem('summary', 'Leave the summary blank when the agency holds no information');
  await changeCase(ctx, row.child_id, 'cdop.return', async (trx) => {
    if (!(await repo.updateRequestAtVersion(trx, requestId, input.version, { returned_on: input.returnedOn, not_held: input.notHeld, summary: input.summary }))) {
      throw new ConflictError('Someone else changed this request after you opened it. Look at the case as it is now and try again.');
    }
  });
}

/**
 * The panel's review, once every agency asked has replied: the category of death, whether there were modifiable
 * factors (and in which domains), the learning, and whether the NCMD has it. Completing the review closes the
 * case and ends the panel's involvement with the child's record; nothing is deleted.
 */
export async function recordReview(ctx: RequestContext, id: string, input: ReviewInput): Promise<void> {
  const row = await caseFor(ctx, id);
  const requests = await repo.requestsOf(ctx.db, [id]);
  const state = stateOf(row, requests);
  const outstanding = requests.filter((r) => !r.returned_on).length;
  if (state === 'gathering') {
    throw new StateError(
      requests.length
        ? `${outstanding === 1 ? '1 agency has' : `${outstanding} agencies have`} not replied yet: record each reply, or that the agency holds no information, before the review.`
        : 'No information has been requested from agencies yet: request it, and record the replies, before the review.',
    );
  }
  CDOP_MACHINE.assert(state, 'reviewed');
  notFuture(input.reviewedOn, 'reviewedOn', 'The date of the panel meeting');
  if (input.reviewedOn < row.died_on) throw new FieldProblem('reviewedOn', 'The review cannot be before the death');
  const lastReply = requests.map((r) => r.returned_on!).sort().at(-1);
  if (lastReply && input.reviewedOn < lastReply) throw new FieldProblem('reviewedOn', 'The review cannot be before the last agency replied');
  const domains = [...new Set(input.factorDomains)];
  if (input.modifiable === 'yes') {
    if (!domains.length) throw new FieldProblem('factorDomains', 'Select the domains in which the modifiable factors lie');
    if (!input.modifiableFactors) throw new FieldProblem('modifiableFactors', 'Describe the modifiable factors identified');
  } else if (domains.length) {
    throw new FieldProblem('factorDomains', 'Select domains only when modifiable factors were identified');
  }
  await changeCase(ctx, row.child_id, 'cdop.review', async (trx) => {
    await atVersion(trx, id, input.version, {
      reviewed_on: input.reviewedOn, category: input.category, modifiable: input.modifiable, factor_domains: domains,
      modifiable_factors: input.modifiable === 'yes' ? input.modifiableFactors : null, learning: input.learning, ncmd_notified: input.ncmdNotified === 'yes', reviewed_by: ctx.actor.id,
    });
    await repo.endInvolvement(trx, id, input.reviewedOn);
  });
}
