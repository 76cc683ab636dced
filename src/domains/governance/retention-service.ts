import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personRows } from '../../platform/governance/repository.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import { openSubjectAccessRequest } from './retention-sar.ts';
import { anonymisePerson, clearPersonalData } from './retention-destroy-repository.ts';
import * as repo from './retention-repository.ts';
import type { HoldInput, RuleInput } from './retention-schema.ts';
import type { DestroyedRule } from './retention-tables.ts';

/**
 * Retention: the schedule, the queue of people whose date has passed, reviews (each an audited read of the person's
 * data), decisions to keep longer, legal holds and destruction. Every function is the data protection officer's
 * (`governance.retention`); routes ask first, and each function asks again so no caller can skip it.
 */

export const RETENTION = 'governance.retention' as const;

export const readSchedule = (ctx: RequestContext) => {
  authorise(ctx, RETENTION);
  return repo.readRules(ctx.db);
};

export async function readRuleForEdit(ctx: RequestContext, recordType: string) {
  authorise(ctx, RETENTION);
  const rule = await repo.readRule(ctx.db, recordType);
  if (!rule) throw new NotFoundError('There is no such record type in the retention schedule.');
  return rule;
}

/** Saves one rule at the version the officer read; someone else's change first is a 409, nothing overwritten. */
export async function saveRule(ctx: RequestContext, recordType: string, input: RuleInput): Promise<void> {
  const rule = await readRuleForEdit(ctx, recordType);
  const saved = await updateAtVersion(ctx.db, 'retention_rules', rule.id, input.version, {
    permanent: input.permanent,
    years_from_birth: input.permanent ? null : input.yearsFromBirth,
    years_after_event: input.permanent ? null : input.yearsAfterEvent,
    years_after_death: input.permanent ? null : input.yearsAfterDeath,
    rule: input.rule,
    basis: input.basis,
    updated_by: ctx.actor.id,
  });
  if (!saved) throw new ConflictError('Someone else changed this rule after you opened it. Nothing was saved: look at the rule as it is now and make your change again.');
}

export async function queue(ctx: RequestContext, page: number, size: number) {
  authorise(ctx, RETENTION);
  return repo.dueForReview(ctx.db, ukToday(), size, (page - 1) * size);
}

export async function dueCount(ctx: RequestContext) {
  authorise(ctx, RETENTION);
  return repo.countDue(ctx.db, ukToday());
}

/** Whether destruction may go ahead today, and if not every reason why, in words for the officer. */
export function blockers(dates: repo.PersonDateRow | undefined, today: string, openSar: boolean): string[] {
  if (!dates) return ['Nothing about this person can be dated: the record has been merged into another or already destroyed.'];
  const reasons: string[] = [];
  if (dates.held) reasons.push('A legal hold is in force: release it before the record can be destroyed.');
  if (openSar) reasons.push('A subject access request about this person is still open.');
  if (dates.open) reasons.push('This person has open work (an open case, episode, period of care or arrangement): it must be closed first.');
  if (dates.permanent) reasons.push('Part of this record is kept permanently under the schedule.');
  else if (dates.unknown) reasons.push('The retention date cannot be worked out (no date of birth and no end date): review the record by hand.');
  else if (!dates.review_date || dates.review_date > today) reasons.push(`The record is not due for destruction until ${dates.review_date ?? 'a date that cannot be worked out'}.`);
  return reasons;
}

/** Everything a review shows: the person, what is held by record type, each type's date, holds, decisions. Audited. */
export async function review(ctx: RequestContext, personId: string) {
  authorise(ctx, RETENTION);
  const person = await ctx.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFoundError('There is no such person.');
  const destruction = await repo.destructionOf(ctx.db, personId);
  if (person.destroyed_at || person.merged_into) {
    return { person, destruction, held: [], types: [], dates: undefined, holds: await repo.holdsForPerson(ctx.db, personId), blockers: [] as string[], extension: undefined };
  }
  const today = ukToday();
  const [rows, types, dates, holds, extension, openSar] = await Promise.all([
    personRows(ctx.db, personId, { exclude: ['access_audit'] }),
    repo.typedForPerson(ctx.db, personId),
    repo.datesForPerson(ctx.db, personId, today),
    repo.holdsForPerson(ctx.db, personId),
    repo.latestExtension(ctx.db, personId),
    openSubjectAccessRequest(ctx.db, personId),
  ]);
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'retention.review', outcome: 'allowed', resourceType: 'person', resourceId: personId, personId, requestId: ctx.requestId });
  const held = rows.map((t) => ({
    capability: t.capability,
    recordType: t.recordType,
    about: t.rows.filter((r) => r.role === 'subject').length,
    mentions: t.rows.filter((r) => r.role === 'mentioned').length,
  }));
  return { person, destruction, held, types, dates, holds, extension, blockers: blockers(dates, today, openSar) };
}

export async function keepLonger(ctx: RequestContext, personId: string, keepUntil: string, reason: string): Promise<void> {
  authorise(ctx, RETENTION);
  if (keepUntil <= ukToday()) throw new FieldProblem('keepUntil', 'The date of the next review must be in the future');
  await ctx.db.transaction().execute(async (trx) => {
    const person = await repo.lockPerson(trx, personId);
    if (!person || person.merged_into) throw new NotFoundError('There is no such person.');
    if (person.destroyed_at) throw new ConflictError('This record has already been destroyed.');
    await trx.insertInto('retention_extensions').values({ person_id: personId, keep_until: keepUntil, reason, decided_by: ctx.actor.id }).execute();
    await recordAccess(trx, { userId: ctx.actor.id, action: 'retention.keep', outcome: 'allowed', resourceType: 'person', resourceId: personId, personId, requestId: ctx.requestId });
  });
}

export async function placeHold(ctx: RequestContext, personId: string, input: HoldInput, idempotencyKey: string): Promise<string> {
  authorise(ctx, RETENTION);
  const id = uuidv7();
  const result = await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'retention_hold', resourceId: id }, async (trx) => {
    const person = await repo.lockPerson(trx, personId);
    if (!person || person.merged_into) throw new NotFoundError('There is no such person.');
    if (person.destroyed_at) throw new ConflictError('This record has already been destroyed: there is nothing left to hold.');
    await trx
      .insertInto('retention_holds')
      .values({ id, person_id: personId, reason: input.reason, reference: input.reference, detail: input.detail, placed_by: ctx.actor.id, from_date: input.fromDate, until_date: input.untilDate, created_by: ctx.actor.id })
      .execute();
    await recordAccess(trx, { userId: ctx.actor.id, action: 'retention.hold', outcome: 'allowed', resourceType: 'retention_hold', resourceId: id, personId, requestId: ctx.requestId });
  });
  return result.id;
}

export async function holds(ctx: RequestContext) {
  authorise(ctx, RETENTION);
  const today = ukToday();
  const [inForce, ended] = await Promise.all([repo.holdsInForce(ctx.db, today), repo.holdsEnded(ctx.db, today, 50)]);
  return { inForce, ended };
}

export async function findHold(ctx: RequestContext, holdId: string) {
  authorise(ctx, RETENTION);
  const hold = await repo.findHold(ctx.db, holdId);
  if (!hold) throw new NotFoundError('There is no such legal hold.');
  return hold;
}

export async function releaseHold(ctx: RequestContext, holdId: string, version: number, reason: string): Promise<string> {
  const hold = await findHold(ctx, holdId);
  if (hold.released_at) throw new ConflictError('This hold has already been released.');
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await updateAtVersion(trx, 'retention_holds', holdId, version, { released_at: new Date(), released_by: ctx.actor.id, release_reason: reason });
    if (!saved) throw new ConflictError('Someone else changed this hold after you opened it. Nothing was saved: look at the hold as it is now.');
    await recordAccess(trx, { userId: ctx.actor.id, action: 'retention.release', outcome: 'allowed', resourceType: 'retention_hold', resourceId: holdId, personId: hold.person_id, requestId: ctx.requestId });
  });
  return hold.person_id;
}

/**
 * Destroys a person's record in one transaction: the person row is locked first, then every condition (due, no hold,
 * no open work, no open subject access request) is checked again inside it, so a hold placed a moment earlier wins.
 * A second submission finds the record destroyed and returns the first destruction's log entry.
 */
export async function destroy(ctx: RequestContext, personId: string, approvedBy: string | null = null): Promise<{ destructionId: string; replayed: boolean }> {
  authorise(ctx, RETENTION);
  const today = ukToday();
  return ctx.db.transaction().execute(async (trx) => {
    const person = await repo.lockPerson(trx, personId);
    if (!person || person.merged_into) throw new NotFoundError('There is no such person.');
    if (person.destroyed_at) {
      const done = await repo.destructionOf(trx, personId);
      if (done) return { destructionId: done.id, replayed: true };
    }
    const [dates, types, openSar] = await Promise.all([
      repo.datesForPerson(trx, personId, today),
      repo.typedForPerson(trx, personId),
      openSubjectAccessRequest(trx, personId),
    ]);
    const refusals = blockers(dates, today, openSar);
    if (refusals.length) throw new ConflictError(refusals.join(' '));
    const rules: DestroyedRule[] = types.map((t) => ({ recordType: t.record_type, label: t.label, rule: t.rule, date: t.retain_until }));
    const counts = await clearPersonalData(trx as Kysely<Database>, { id: personId, givenName: person.given_name, familyName: person.family_name, nhsNumber: person.nhs_number });
    counts.people = await anonymisePerson(trx, personId);
    const log = await trx
      .insertInto('retention_destructions')
      .values({
        person_id: personId,
        person_type: person.person_type,
        record_types: dates!.record_types,
        governing_type: dates!.governing_type,
        review_date: dates!.review_date!,
        rules: JSON.stringify(rules),
        rows_cleared: JSON.stringify(counts),
        destroyed_by: ctx.actor.id,
        approved_by: approvedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(trx, { userId: ctx.actor.id, action: 'retention.destroy', outcome: 'allowed', resourceType: 'retention_destruction', resourceId: log.id, personId, requestId: ctx.requestId });
    return { destructionId: log.id, replayed: false };
  });
}

export async function destructionLog(ctx: RequestContext, page: number, size: number) {
  authorise(ctx, RETENTION);
  return repo.destructionLog(ctx.db, size, (page - 1) * size);
}

/** For the person page: when a record was destroyed, or null. Not an authorisation: the caller already decided. */
export async function destroyedOn(db: Kysely<Database>, personId: string): Promise<Date | null> {
  const row = await db.selectFrom('people').select('destroyed_at').where('id', '=', personId).executeTakeFirst();
  return row?.destroyed_at ?? null;
}
