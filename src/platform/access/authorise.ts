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
  return (await loadPersonScopes(db, [personId])).get(personId) ?? null;
}

/** The access scopes of many people in four queries, for lists (a queue, an inbox) that show names. */
export async function loadPersonScopes(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, PersonScope>> {
  const ids = [...new Set(personIds)];
  const scopes = new Map<string, PersonScope>();
  if (!ids.length) return scopes;
  const [people, involved, named, glass] = await Promise.all([
    db.selectFrom('people').select(['id', 'restricted']).where('id', 'in', ids).execute(),
    db
      .selectFrom('involvements')
      .select(['person_id', 'agency_id'])
      .where('person_id', 'in', ids)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', sql<string>`current_date`)]))
      .execute(),
    db.selectFrom('restricted_access').select(['person_id', 'user_id']).where('person_id', 'in', ids).execute(),
    db.selectFrom('break_glass').select(['person_id', 'user_id']).where('person_id', 'in', ids).where('expires_at', '>', new Date()).execute(),
  ]);
  function byPerson<R extends { person_id: string }>(rows: R[], value: (row: R) => string): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.person_id, [...(map.get(row.person_id) ?? []), value(row)]);
    return map;
  }
  const agencies = byPerson(involved, (r) => r.agency_id);
  const namedUsers = byPerson(named, (r) => r.user_id);
  const glassUsers = byPerson(glass, (r) => r.user_id);
  for (const person of people) {
    scopes.set(person.id, {
      id: person.id,
      restricted: person.restricted,
      involvedAgencyIds: agencies.get(person.id) ?? [],
      namedUserIds: namedUsers.get(person.id) ?? [],
      breakGlassUserIds: glassUsers.get(person.id) ?? [],
    });
  }
  return scopes;
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
  return (await viewablePeople(ctx, [personId])).has(personId);
}

/** Which of these people the actor may see, decided together and without writing to the audit (for lists). */
export async function viewablePeople(ctx: RequestContext, personIds: readonly string[]): Promise<Set<string>> {
  const scopes = await loadPersonScopes(ctx.db, personIds);
  return new Set([...scopes.values()].filter((person) => can(ctx.actor, 'person.view', { kind: 'person', person }).allowed).map((p) => p.id));
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

/**
 * The audit row for a change to a person's record (or a case about them), written in the change's own transaction
 * by a caller that authorised with `{ audit: false }`: the change and its audit are saved together or not at all.
 */
export async function auditChange(
  db: Kysely<Database>,
  ctx: RequestContext,
  action: string,
  personId: string,
  decision: Extract<Decision, { allowed: true }>,
  reason?: string,
): Promise<void> {
  await recordAccess(db, {
    userId: ctx.actor.id,
    action,
    outcome: decision.via === 'break_glass' ? 'break_glass' : 'allowed',
    resourceType: 'person',
    resourceId: personId,
    personId,
    reason: reason ?? null,
    requestId: ctx.requestId,
  });
}
