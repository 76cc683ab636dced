import type { Kysely, Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { stateMachine } from '../../platform/state-machine.ts';
import { searchPeopleForGovernance } from '../people/service-governance-search.ts';
import { SAR_STATUSES } from './sar-labels.ts';
import { sarClock, sarDueOn } from './sar-clock.ts';
import * as repo from './sar-repository.ts';
import type { RequesterInput } from './sar-schema.ts';
import type { SarRequestsTable, SarStatus } from './sar-tables.ts';

/**
 * Received; compiling (a bundle has been taken and may be taken again while records are gathered); in review (the
 * reviewer redacts, may still compile again, and marks the review complete); then disclosed. Withdrawal and refusal
 * (with a reason) end a request at any point before disclosure.
 */
export const SAR_MACHINE = stateMachine<SarStatus>(
  'request',
  {
    received: ['compiling', 'withdrawn', 'refused'],
    compiling: ['in_review', 'withdrawn', 'refused'],
    in_review: ['disclosed', 'withdrawn', 'refused'],
    disclosed: [],
    withdrawn: [],
    refused: [],
  },
  SAR_STATUSES,
);

/** Writes the access audit for the subject of a request: each read or change of their data inside it. */
export async function auditSar(db: Kysely<Database>, ctx: RequestContext, action: string, request: { id: string; person_id: string }): Promise<void> {
  await recordAccess(db, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType: 'sar', resourceId: request.id, personId: request.person_id, requestId: ctx.requestId });
}

export async function loadRequest(ctx: RequestContext, id: string) {
  authorise(ctx, 'governance.sar');
  const request = await repo.findRequest(ctx.db, id);
  if (!request) throw new NotFoundError('There is no subject access request with this id.');
  return request;
}

/** The search on the "who is it about?" step, under the SAR's own permission (the DPO is not a caseworker). */
export const searchSubjects = (ctx: RequestContext, criteria: { name?: string; dateOfBirth?: string }) => searchPeopleForGovernance(ctx, 'governance.sar', criteria);

export async function createRequest(ctx: RequestContext, input: RequesterInput & { personId: string; idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'governance.sar');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'sar' };
  const existing = await findIdempotentResource(ctx.db, claim);
  if (existing) return existing;
  if (input.receivedOn > ukToday()) throw new FieldProblem('receivedOn', 'The date received must be today or in the past');
  const person = await ctx.db.selectFrom('people').select(['id', 'merged_into']).where('id', '=', input.personId).executeTakeFirst();
  if (!person || person.merged_into) throw new FieldProblem('personId', 'Choose the person the request is about from the search results');
  const id = uuidv7();
  const { id: saved } = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertRequest(trx, {
      id,
      person_id: input.personId,
      requester_kind: input.requesterKind,
      requester_name: input.requesterName,
      requester_contact: input.requesterContact,
      requester_relationship: input.requesterKind === 'subject' ? null : input.requesterRelationship,
      identity_check: input.identityCheck,
      authority_check: input.requesterKind === 'subject' ? null : input.authorityCheck,
      received_on: input.receivedOn,
      due_on: sarDueOn({ receivedOn: input.receivedOn, extensionMonths: 0, pausedOn: null, resumedOn: null }),
      created_by: ctx.actor.id,
    });
    await auditSar(trx, ctx, 'sar.create', { id, person_id: input.personId });
  });
  return saved;
}

export async function listRequests(ctx: RequestContext, filter: 'open' | 'all' | SarStatus) {
  authorise(ctx, 'governance.sar');
  const statuses = filter === 'all' ? null : filter === 'open' ? (['received', 'compiling', 'in_review'] as SarStatus[]) : [filter];
  const today = ukToday();
  const rows = await repo.listRequests(ctx.db, statuses);
  return rows.map((r) => ({
    ...r,
    subjectName: `${r.given_name} ${r.family_name}`,
    clock: sarClock({ receivedOn: r.received_on, extensionMonths: r.extension_months, pausedOn: r.paused_on, resumedOn: r.resumed_on, status: r.status, dueOn: r.due_on }, today),
  }));
}

/** The request's page: its details, clock, bundle summary and who did what. Audited as a read of the subject's request. */
export async function requestPage(ctx: RequestContext, id: string) {
  const request = await loadRequest(ctx, id);
  await auditSar(ctx.db, ctx, 'sar.view', request);
  const names = await userNames(ctx.db, [request.created_by, request.compiled_by, request.review_completed_by, request.disclosed_by]);
  const items = await repo.countItems(ctx.db, id);
  const redactions = await repo.countActiveRedactions(ctx.db, id);
  const clock = sarClock(
    { receivedOn: request.received_on, extensionMonths: request.extension_months, pausedOn: request.paused_on, resumedOn: request.resumed_on, status: request.status, dueOn: request.due_on },
    ukToday(),
  );
  const name = (userId: string | null) => (userId ? (names.get(userId) ?? 'A user') : null);
  return {
    request,
    clock,
    items,
    redactions,
    names: { created: name(request.created_by), compiled: name(request.compiled_by), reviewed: name(request.review_completed_by), disclosed: name(request.disclosed_by) },
  };
}

/** A change to the request at the version read; recomputes the due date when the clock's inputs change. */
async function change(ctx: RequestContext, id: string, version: number, to: SarStatus | null, changes: (r: repo.RequestRow) => Updateable<SarRequestsTable>, auditAction: string) {
  const request = await loadRequest(ctx, id);
  if (request.version !== version) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been saved.');
  if (to) SAR_MACHINE.assert(request.status, to);
  else if (!SAR_MACHINE.transitions[request.status].length) throw new ConflictError(`This request is ${SAR_STATUSES[request.status].toLowerCase()} and can no longer be changed.`);
  const updates = changes(request);
  const clock = {
    receivedOn: request.received_on,
    extensionMonths: (updates.extension_months as number | undefined) ?? request.extension_months,
    pausedOn: updates.paused_on === undefined ? request.paused_on : (updates.paused_on as string | null),
    resumedOn: updates.resumed_on === undefined ? request.resumed_on : (updates.resumed_on as string | null),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await updateAtVersion(trx, 'sar_requests', id, version, { ...updates, ...(to ? { status: to } : {}), due_on: sarDueOn(clock) });
    if (!saved) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been saved.');
    await auditSar(trx, ctx, auditAction, request);
  });
}

export async function extendRequest(ctx: RequestContext, id: string, input: { extensionMonths: number; extensionReason: string; version: number }) {
  await change(ctx, id, input.version, null, (r) => {
    if (input.extensionMonths < r.extension_months) throw new FieldProblem('extensionMonths', 'An extension cannot be shortened once the requester has been told of it');
    return { extension_months: input.extensionMonths, extension_reason: input.extensionReason };
  }, 'sar.extend');
}

export async function pauseRequest(ctx: RequestContext, id: string, input: { pausedOn: string; pauseReason: string; version: number }) {
  await change(ctx, id, input.version, null, (r) => {
    if (r.paused_on) throw new BadRequestError('The clock has already been paused once on this request.');
    if (input.pausedOn < r.received_on || input.pausedOn > ukToday()) throw new FieldProblem('pausedOn', 'The date asked must be between the date received and today');
    return { paused_on: input.pausedOn, pause_reason: input.pauseReason };
  }, 'sar.pause');
}

export async function resumeRequest(ctx: RequestContext, id: string, input: { resumedOn: string; version: number }) {
  await change(ctx, id, input.version, null, (r) => {
    if (!r.paused_on || r.resumed_on) throw new BadRequestError('The clock is not paused.');
    if (input.resumedOn < r.paused_on || input.resumedOn > ukToday()) throw new FieldProblem('resumedOn', 'The date the information arrived must be between the date asked and today');
    return { resumed_on: input.resumedOn };
  }, 'sar.resume');
}

export async function closeRequest(ctx: RequestContext, id: string, input: { outcome: 'withdrawn' | 'refused'; closureReason: string; version: number }) {
  await change(ctx, id, input.version, input.outcome, () => ({ closure_reason: input.closureReason }), `sar.${input.outcome === 'withdrawn' ? 'withdraw' : 'refuse'}`);
}

export async function startReview(ctx: RequestContext, id: string, version: number) {
  await change(ctx, id, version, 'in_review', () => ({}), 'sar.review_start');
}

export async function completeReview(ctx: RequestContext, id: string, version: number) {
  await change(ctx, id, version, null, (r) => {
    if (r.status !== 'in_review') throw new BadRequestError('Start the review before marking it complete.');
    if (r.review_completed_at) throw new BadRequestError('The review is already marked complete.');
    return { review_completed_at: new Date(), review_completed_by: ctx.actor.id };
  }, 'sar.review_complete');
}

export { change as changeRequest };
