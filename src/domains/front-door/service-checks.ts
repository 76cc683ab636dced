import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import { recordChronology } from '../chronology/service.ts';
import * as repo from './repository.ts';
import * as checks from './repository-checks.ts';

const CHECK_SOURCE = 'contact_check';

async function openForFrontDoor(ctx: RequestContext, contactId: string) {
  authorise(ctx, 'frontdoor.work');
  const contact = UUID.test(contactId) ? await repo.findContact(ctx.db, contactId) : undefined;
  if (!contact) throw new NotFoundError();
  return contact;
}

const childIdsOf = async (db: Kysely<Database>, contactId: string) => (await checks.checkChildren(db, contactId)).map((c) => c.id);

async function chronicle(db: Kysely<Database>, ctx: RequestContext, childIds: string[], entryType: string, summary: string, recordId: string) {
  for (const personId of childIds) {
    await recordChronology(db, { personId, occurredAt: new Date(), entryType, summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: 'contact_check', recordId });
  }
}

/**
 * Asks named agencies what they know about the contact's children. Each check gives its agency an involvement
 * with each child (so its staff can open the records they are asked about) until the check is answered or withdrawn.
 */
export async function requestChecks(ctx: RequestContext, contactId: string, input: { agencyIds: string[]; question: string }, idempotencyKey: string): Promise<string[]> {
  const contact = await openForFrontDoor(ctx, contactId);
  if (contact.status === 'decided') throw new ConflictError('A decision has been made on this contact, so checks can no longer be requested.');
  const known = new Map((await repo.agencies(ctx.db)).map((a) => [a.id, a.name]));
  const agencyIds = [...new Set(input.agencyIds)];
  for (const id of agencyIds) {
    if (!known.has(id)) throw new BadRequestError('Select agencies from the list.');
    if (id === ctx.actor.agencyId) throw new BadRequestError('Your own agency’s records are already open to you: choose a partner agency.');
  }
  const childIds = await childIdsOf(ctx.db, contactId);
  const rows = agencyIds.map((agencyId) => ({ id: uuidv7(), contactId, agencyId, question: input.question, requestedBy: ctx.actor.id, requestedAt: new Date() }));
  const today = ukToday();
  await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'contact_check', resourceId: rows[0]!.id }, async (trx) => {
    await checks.insertChecks(trx, rows);
    await repo.insertInvolvements(
      trx,
      rows.flatMap((r) =>
        childIds.map((personId) => ({
          personId,
          agencyId: r.agencyId,
          basis: 'multi_agency_check' as const,
          detail: `Asked by the front door for a multi-agency check on ${today}`,
          startDate: today,
          sourceType: CHECK_SOURCE,
          sourceId: r.id,
          createdBy: ctx.actor.id,
        })),
      ),
    );
    const names = agencyIds.map((a) => known.get(a)).join(', ');
    await chronicle(trx, ctx, childIds, 'contact.check_requested', `Multi-agency check requested from ${names}`, rows[0]!.id);
  });
  return rows.map((r) => r.id);
}

/** Withdraws a check nobody has answered yet; the agency's involvement it created ends today. */
export async function withdrawCheck(ctx: RequestContext, contactId: string, checkId: string, version: number): Promise<void> {
  await openForFrontDoor(ctx, contactId);
  const check = UUID.test(checkId) ? await checks.findCheck(ctx.db, checkId) : undefined;
  if (!check || check.contact_id !== contactId) throw new NotFoundError();
  if (check.status !== 'requested') throw new ConflictError(`This check has already been ${check.status === 'responded' ? 'answered' : 'withdrawn'}.`);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await checks.withdrawAtVersion(trx, checkId, version))) throw new ConflictError('Someone else changed this check after you opened the page. Nothing has been changed.');
    await repo.endInvolvementsFrom(trx, CHECK_SOURCE, checkId, ukToday());
  });
}

/**
 * A check as the agency asked sees it: only that agency's users, and only the children's names and dates of
 * birth and the question — not the rest of the contact. Each child shown is audited.
 */
export async function checkForResponder(ctx: RequestContext, checkId: string) {
  authorise(ctx, 'contact.create');
  const check = UUID.test(checkId) ? await checks.findCheck(ctx.db, checkId) : undefined;
  if (!check) throw new NotFoundError();
  if (check.agency_id !== ctx.actor.agencyId) {
    await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'contact_check.view', outcome: 'denied', resourceType: 'contact_check', resourceId: checkId, requestId: ctx.requestId });
    throw new ForbiddenError(`Only ${check.agency_name} can see and answer this check.`);
  }
  const children = await checks.checkChildren(ctx.db, check.contact_id);
  for (const child of children) {
    await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'contact_check.view', outcome: 'allowed', resourceType: 'contact_check', resourceId: checkId, personId: child.id, requestId: ctx.requestId });
  }
  return { check, children };
}

/** Records the agency's answer with who and when; the involvement the check gave the agency ends today. */
export async function respondToCheck(ctx: RequestContext, checkId: string, input: { response: string; version: number }): Promise<void> {
  const { check, children } = await checkForResponder(ctx, checkId);
  if (check.status !== 'requested') throw new ConflictError(check.status === 'responded' ? 'This check has already been answered.' : 'The front door withdrew this check, so it no longer needs an answer.');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await checks.respondAtVersion(trx, checkId, input.version, { response: input.response, respondedBy: ctx.actor.id }))) {
      throw new ConflictError('Someone else answered or changed this check after you opened it. Nothing you entered has been saved.');
    }
    await repo.endInvolvementsFrom(trx, CHECK_SOURCE, checkId, ukToday());
    await chronicle(trx, ctx, children.map((c) => c.id), 'contact.check_responded', `${check.agency_name} responded to a multi-agency check`, checkId);
  });
}

/** Agencies the front door can ask for checks. */
export async function checkAgencies(ctx: RequestContext) {
  authorise(ctx, 'frontdoor.work');
  return repo.agencies(ctx.db);
}
