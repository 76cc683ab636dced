import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/types.ts';
import { recordAccess } from '../audit/audit.ts';
import { ForbiddenError, NotFoundError } from '../http/errors.ts';
import { type Action, type Actor, can, type Decision, type PersonScope } from './rules.ts';

/** What every service call carries: who is asking, through which request, on which database. */
export interface RequestContext {
  db: Kysely<Database>;
  actor: Actor;
  requestId: string;
  /**
   * People's access scopes already asked for in this request, so a page whose parts each check the same child
   * reads them once. Pages only: a GET changes nothing, so what it read stays true until it answers.
   */
  scopes?: Map<string, Promise<PersonScope | null>>;
}

/** One person's access scope, or null if there is nobody with that id. */
export async function loadPersonScope(ctx: RequestContext, personId: string): Promise<PersonScope | null> {
  return (await scopesFor(ctx, [personId])).get(personId) ?? null;
}

/**
 * The access scopes of many people in one query (each person with their involved agencies, named users and
 * break-glass grants), for a record page and for lists (a queue, an inbox) that show names: every person page
 * asks it, so it is one round trip rather than four.
 */
export async function loadPersonScopes(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, PersonScope>> {
  const ids = [...new Set(personIds)];
  const scopes = new Map<string, PersonScope>();
  if (!ids.length) return scopes;
  const now = new Date();
  const people = await db
    .selectFrom('people')
    .select((eb) => [
      'people.id',
      'people.restricted',
      jsonArrayFrom(
        eb
          .selectFrom('involvements')
          .select('involvements.agency_id as id')
          .whereRef('involvements.person_id', '=', 'people.id')
          .where((w) => w.or([w('involvements.end_date', 'is', null), w('involvements.end_date', '>=', sql<string>`current_date`)])),
      ).as('involved'),
      jsonArrayFrom(eb.selectFrom('restricted_access').select('restricted_access.user_id as id').whereRef('restricted_access.person_id', '=', 'people.id')).as('named'),
      jsonArrayFrom(eb.selectFrom('break_glass').select('break_glass.user_id as id').whereRef('break_glass.person_id', '=', 'people.id').where('break_glass.expires_at', '>', now)).as('glass'),
    ])
    .where('people.id', 'in', ids)
    .execute();
  const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
  for (const person of people) {
    scopes.set(person.id, {
      id: person.id,
      restricted: person.restricted,
      involvedAgencyIds: idsOf(person.involved),
      namedUserIds: idsOf(person.named),
      breakGlassUserIds: idsOf(person.glass),
    });
  }
  return scopes;
}

/** The scopes of these people for this request: from its memo where it has one, read together otherwise. */
async function scopesFor(ctx: RequestContext, personIds: readonly string[]): Promise<Map<string, PersonScope>> {
  const memo = ctx.scopes;
  if (!memo) return loadPersonScopes(ctx.db, personIds);
  const unread = [...new Set(personIds)].filter((id) => !memo.has(id));
  if (unread.length) {
    const batch = loadPersonScopes(ctx.db, unread);
    for (const id of unread) {
      const scope = batch.then((scopes) => scopes.get(id) ?? null);
      // A failed read is thrown to whoever awaits it; one nobody awaits must not end the process.
      scope.catch(() => undefined);
      memo.set(id, scope);
    }
  }
  const scopes = new Map<string, PersonScope>();
  for (const id of personIds) {
    const scope = await memo.get(id);
    if (scope) scopes.set(id, scope);
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
  const scope = await loadPersonScope(ctx, personId);
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
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) throw new NotFoundError();
  return decideAndAudit(ctx, personId, action, can(ctx.actor, action, { kind: 'case', case: { person: scope, teamUserIds } }), options);
}

/** Whether the actor may see this person's record, without writing to the audit (for lists and links). */
export async function mayViewPerson(ctx: RequestContext, personId: string): Promise<boolean> {
  return (await viewablePeople(ctx, [personId])).has(personId);
}

/** Which of these people the actor may see, decided together and without writing to the audit (for lists). */
export async function viewablePeople(ctx: RequestContext, personIds: readonly string[]): Promise<Set<string>> {
  const scopes = await scopesFor(ctx, personIds);
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
