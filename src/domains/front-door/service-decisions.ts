import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import type { Kysely } from 'kysely';
import type { ContactOutcome, Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { UUID } from '../../platform/http/params.ts';
import { recordChronology } from '../chronology/service.ts';
import { openCaseFromDecision } from '../early-help/service.ts';
import { referFromContact } from '../referrals/service.ts';
import { queueContactDecided } from '../partner-api/service-webhooks.ts';
import { maySignOff } from './access.ts';
import { OUTCOMES, outcomeFitsLevel } from './codes.ts';
import * as repo from './repository.ts';
import * as checks from './repository-checks.ts';
import * as threshold from './repository-threshold.ts';

const stale = () => new ConflictError('Someone else changed this contact after you opened it. Nothing you entered has been saved.');

async function openForWork(ctx: RequestContext, contactId: string, action: 'frontdoor.work' | 'frontdoor.sign_off' = 'frontdoor.work') {
  authorise(ctx, action);
  const contact = UUID.test(contactId) ? await repo.findContact(ctx.db, contactId) : undefined;
  if (!contact) throw new NotFoundError();
  return contact;
}

async function save(db: Kysely<Database>, id: string, version: number, values: Parameters<typeof repo.updateContactAtVersion>[3]) {
  if (!(await repo.updateContactAtVersion(db, id, version, values))) throw stale();
}

async function audit(db: Kysely<Database>, ctx: RequestContext, action: string, contactId: string, childIds: string[]) {
  for (const personId of childIds) {
    await recordAccess(db, { userId: ctx.actor.id, action, outcome: 'allowed', resourceType: 'contact', resourceId: contactId, personId, requestId: ctx.requestId });
  }
}

/**
 * Allocates a contact to a front door worker. Managers allocate to anyone at the front door; a practitioner
 * takes an unallocated contact for themselves.
 */
export async function allocateContact(ctx: RequestContext, contactId: string, input: { userId: string; version: number }): Promise<void> {
  const contact = await openForWork(ctx, contactId);
  if (contact.status === 'decided') throw new ConflictError('A decision has been made on this contact, so it can no longer be allocated.');
  if (!maySignOff(ctx.actor)) {
    if (input.userId !== ctx.actor.id) throw new BadRequestError('Only a manager can allocate a contact to someone else. You can take it yourself.');
    if (contact.allocated_to && contact.allocated_to !== ctx.actor.id) throw new ConflictError(`This contact is already allocated to ${contact.allocated_name}. Ask a manager to reallocate it.`);
  }
  const workers = await socialCareCaseworkers(ctx.db);
  if (!workers.some((w) => w.id === input.userId)) throw new BadRequestError('Select someone who works at the front door.');
  await save(ctx.db, contactId, input.version, { allocated_to: input.userId });
}

const decisionSummary = async (db: Kysely<Database>, level: number, outcome: ContactOutcome) => {
  const name = (await threshold.findLevel(db, level))?.name;
  return `Threshold decision: level ${level}${name ? ` (${name})` : ''}, ${OUTCOMES[outcome].toLowerCase()}`;
};

/**
 * What a signed-off decision does: 'threshold.decision' on every child's chronology, and for early help a case
 * for each child, opened by the early help service in the same transaction.
 */
async function whenSignedOff(trx: Kysely<Database>, ctx: RequestContext, contactId: string, madeByAgencyId: string, decision: { level: number; outcome: ContactOutcome; reasons: string }) {
  const childIds = (await checks.checkChildren(trx, contactId)).map((c) => c.id);
  const summary = await decisionSummary(trx, decision.level, decision.outcome);
  for (const personId of childIds) {
    await recordChronology(trx, { personId, occurredAt: new Date(), entryType: 'threshold.decision', summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: 'contact', recordId: contactId });
  }
  if (decision.outcome === 'early_help') {
    for (const personId of childIds) await openCaseFromDecision(trx, ctx, { personId, contactId, summary: decision.reasons });
  }
  await referFromContact(trx, ctx, contactId, childIds, decision);
  await audit(trx, ctx, 'contact.sign_off', contactId, childIds);
  // The agency that made the contact hears of the decision through its webhooks, queued in this transaction.
  await queueContactDecided(trx, { contactId, madeByAgencyId, outcome: decision.outcome, decidedAt: new Date() });
}

/**
 * Records the threshold decision. A practitioner's decision waits for a manager's sign-off; a manager's own
 * decision is signed off as it is made.
 */
export async function decideContact(
  ctx: RequestContext,
  contactId: string,
  input: { level: number; outcome: ContactOutcome; reasons: string; version: number },
): Promise<{ signedOff: boolean }> {
  const contact = await openForWork(ctx, contactId);
  if (contact.status === 'awaiting_sign_off') throw new ConflictError('A decision on this contact is already waiting for a manager’s sign-off.');
  if (contact.status === 'decided') throw new ConflictError('A decision on this contact has already been made and signed off.');
  const problem = outcomeFitsLevel(input.outcome, input.level);
  if (problem) throw new BadRequestError(problem);
  const manager = maySignOff(ctx.actor);
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await save(trx, contactId, input.version, {
      decision_level: input.level,
      decision_outcome: input.outcome,
      decision_reasons: input.reasons,
      decided_by: ctx.actor.id,
      decided_at: now,
      allocated_to: contact.allocated_to ?? ctx.actor.id,
      returned_comment: null,
      ...(manager ? { status: 'decided', signed_off_by: ctx.actor.id, signed_off_at: now } : { status: 'awaiting_sign_off' }),
    });
    if (manager) await whenSignedOff(trx, ctx, contactId, contact.made_by_agency_id, input);
    else await audit(trx, ctx, 'contact.decide', contactId, (await checks.checkChildren(trx, contactId)).map((c) => c.id));
  });
  return { signedOff: manager };
}

/** A manager agrees a practitioner's decision, or returns it with what needs to change. */
export async function signOffContact(ctx: RequestContext, contactId: string, input: { action: 'agree' | 'return'; comment: string | null; version: number }): Promise<void> {
  const contact = await openForWork(ctx, contactId, 'frontdoor.sign_off');
  if (contact.status !== 'awaiting_sign_off') {
    throw new ConflictError(contact.status === 'decided' ? 'This decision has already been signed off.' : 'There is no decision waiting for sign-off on this contact.');
  }
  if (input.action === 'return' && !input.comment) throw new BadRequestError('Enter what needs to change before you can agree the decision.');
  await ctx.db.transaction().execute(async (trx) => {
    if (input.action === 'agree') {
      await save(trx, contactId, input.version, { status: 'decided', signed_off_by: ctx.actor.id, signed_off_at: new Date() });
      await whenSignedOff(trx, ctx, contactId, contact.made_by_agency_id, { level: contact.decision_level!, outcome: contact.decision_outcome!, reasons: contact.decision_reasons ?? '' });
    } else {
      // Back to whoever decided it, with the manager's comment; their decision stays as the starting point.
      await save(trx, contactId, input.version, { status: 'awaiting_decision', returned_comment: input.comment, allocated_to: contact.decided_by, decided_by: null, decided_at: null });
    }
  });
}
