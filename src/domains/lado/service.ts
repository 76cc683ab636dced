import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import type { Decision } from '../../platform/access/rules.ts';
import { addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import * as repo from './repository.ts';
import type { ConcernInput } from './schema.ts';

export const LADO_RECORD = 'lado_case';
/** What the child's chronology says: others can see it, so never the allegation or the adult. */
export const CHILD_CHRONOLOGY_SUMMARY = 'Concern about an adult who works with them referred to the LADO';

/** A case the actor may work on: the role is checked before the record is read, so a refused role learns nothing. */
export async function caseFor(ctx: RequestContext, id: string): Promise<repo.CaseRow> {
  authorise(ctx, 'lado.work');
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

export async function peopleOf(ctx: RequestContext, row: repo.CaseRow): Promise<{ adultId: string; childIds: string[] }> {
  const children = await repo.childrenOf(ctx.db, [row.id]);
  return { adultId: row.adult_id, childIds: children.map((c) => c.person_id) };
}

/** Reading a case is a read of the adult's and each child's record: each goes to the access audit. */
export async function auditRead(ctx: RequestContext, personIds: readonly string[]): Promise<void> {
  for (const id of personIds) await authorisePerson(ctx, id, 'lado.work');
}

/**
 * A change to a case: decided for every person on it before the transaction, and audited inside it, so the
 * change and its audit rows are saved together or not at all.
 */
export async function changeCase(ctx: RequestContext, personIds: readonly string[], action: string, write: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const decisions = await decide(ctx, personIds);
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    for (const [id, decision] of decisions) await auditChange(trx, ctx, action, id, decision);
  });
}

async function decide(ctx: RequestContext, personIds: readonly string[]) {
  const decisions: [string, Extract<Decision, { allowed: true }>][] = [];
  for (const id of personIds) decisions.push([id, await authorisePerson(ctx, id, 'lado.work', { audit: false })]);
  return decisions;
}

/** Saves a change at the version the user read, or says someone else changed the case first. */
export async function atVersion(trx: Kysely<Database>, id: string, version: number, changes: Parameters<typeof repo.updateCaseAtVersion>[3]): Promise<void> {
  if (!(await repo.updateCaseAtVersion(trx, id, version, changes))) {
    throw new ConflictError('Someone else changed this case after you opened it. Your changes have not been saved: look at the case as it is now and try again.');
  }
}

export interface NewConcern extends ConcernInput {
  adultId: string;
  childIds: string[];
  idempotencyKey: string;
}

/**
 * Records a concern about an adult who works with children, with the 1-working-day initial consideration clock
 * from the day it was received. Each child gets a chronology entry that says only that a concern was referred.
 */
export async function recordConcern(ctx: RequestContext, input: NewConcern): Promise<string> {
  authorise(ctx, 'lado.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: LADO_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (input.receivedOn > ukToday()) throw new FieldProblem('receivedOn', 'The date received must be today or in the past');
  if (!(await mayPickPerson(ctx, input.adultId))) throw new FieldProblem('adult', 'Choose the adult the concern is about');
  const adult = await personHeading(ctx, input.adultId);
  if (adult.personType !== 'adult') throw new FieldProblem('adult', 'The person the concern is about must be an adult: add children as the children involved');
  const childIds = [...new Set(input.childIds)].filter((id) => id !== input.adultId);
  for (const id of childIds) {
    if (!(await mayPickPerson(ctx, id)) || (await personHeading(ctx, id)).personType === 'adult') throw new FieldProblem('children', 'The children involved must be children from the person index');
  }
  const decisions = await decide(ctx, [input.adultId, ...childIds]);
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertCase(
      trx,
      {
        id,
        adult_id: input.adultId,
        adult_role: input.adultRole,
        employer: input.employer,
        sector: input.sector,
        referring_agency: input.referringAgency,
        referrer_name: input.referrerName,
        received_on: input.receivedOn,
        category: input.category,
        allegation: input.allegation,
        consideration_due: addWorkingDays(input.receivedOn, 1),
        created_by: ctx.actor.id,
      },
      childIds,
    );
    for (const child of childIds) await chronicle(trx, ctx, child, 'lado.referred', CHILD_CHRONOLOGY_SUMMARY, { type: LADO_RECORD, id });
    for (const [personId, decision] of decisions) await auditChange(trx, ctx, 'lado.record', personId, decision);
  });
  return result.id;
}
