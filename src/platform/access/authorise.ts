import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { recordAccess } from '../audit/audit.ts';
import { ForbiddenError, NotFoundError } from '../http/errors.ts';
import { type Action, type Actor, can, type Decision, type PersonScope } from './rules.ts';

/** What every service call carries: who is asking, through which request, on which database. */
export interface RequestContext {
  db: Kysely<Database>;
  actor: Actor;
  requestId: string;
}

export async function loadPersonScope(db: Kysely<Database>, personId: string): Promise<PersonScope | null> {
  const person = await db.selectFrom('people').select(['id', 'restricted']).where('id', '=', personId).executeTakeFirst();
  if (!person) return null;
  const [involved, named, glass] = await Promise.all([
    db
      .selectFrom('involvements')
      .select('agency_id')
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', sql<string>`current_date`)]))
      .execute(),
    db.selectFrom('restricted_access').select('user_id').where('person_id', '=', personId).execute(),
    db
      .selectFrom('break_glass')
      .select('user_id')
      .where('person_id', '=', personId)
      .where('expires_at', '>', new Date())
      .execute(),
  ]);
  return {
    id: person.id,
    restricted: person.restricted,
    involvedAgencyIds: involved.map((r) => r.agency_id),
    namedUserIds: named.map((r) => r.user_id),
    breakGlassUserIds: glass.map((r) => r.user_id),
  };
}

/** A system-wide action (not about one person): allowed, or ForbiddenError. */
export function authorise(ctx: RequestContext, action: Action): void {
  const decision = can(ctx.actor, action);
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/**
 * Decides whether the actor may do `action` to this person's record and writes the decision to the access
 * audit (denials always; allowed decisions unless the caller audits the change itself, in its transaction).
 * Ids are random UUIDs, so answering 404 for an unknown id tells nobody anything about restricted records.
 */
export async function authorisePerson(
  ctx: RequestContext,
  personId: string,
  action: Action,
  options: { audit?: boolean } = {},
): Promise<Extract<Decision, { allowed: true }>> {
  const scope = await loadPersonScope(ctx.db, personId);
  if (!scope) throw new NotFoundError();
  return decideAndAudit(ctx, personId, action, can(ctx.actor, action, { kind: 'person', person: scope }), options);
}

/**
 * The same for work on a case about a child (an early help case, a panel referral): the child's record decides
 * who may see it, and `teamUserIds` (lead professional, Team Around the Child, panel chair) who may work on it.
 */
export async function authoriseCase(
  ctx: RequestContext,
  personId: string,
  teamUserIds: readonly string[],
  action: Action,
  options: { audit?: boolean } = {},
): Promise<Extract<Decision, { allowed: true }>> {
  const scope = await loadPersonScope(ctx.db, personId);
  if (!scope) throw new NotFoundError();
  return decideAndAudit(ctx, personId, action, can(ctx.actor, action, { kind: 'case', case: { person: scope, teamUserIds } }), options);
}

/** Whether the actor may see this person's record, without writing to the audit (for lists and links). */
export async function mayViewPerson(ctx: RequestContext, personId: string): Promise<boolean> {
  const scope = await loadPersonScope(ctx.db, personId);
  return scope !== null && can(ctx.actor, 'person.view', { kind: 'person', person: scope }).allowed;
}

async function decideAndAudit(
  ctx: RequestContext,
  personId: string,
  action: Action,
  decision: Decision,
  options: { audit?: boolean },
): Promise<Extract<Decision, { allowed: true }>> {
  if (!decision.allowed || options.audit !== false) {
    await recordAccess(ctx.db, {
      userId: ctx.actor.id,
      action,
      outcome: !decision.allowed ? 'denied' : decision.via === 'break_glass' ? 'break_glass' : 'allowed',
      resourceType: 'person',
      resourceId: personId,
      personId,
      requestId: ctx.requestId,
    });
  }
  if (!decision.allowed) throw new ForbiddenError(decision.reason, decision.breakGlass ? personId : null);
  return decision;
}
