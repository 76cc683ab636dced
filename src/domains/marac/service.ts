import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import type { Decision } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import { repeatWindowStart } from './repeat.ts';
import * as repo from './repository.ts';
import type { ReferralInput } from './schema.ts';

export const MARAC_RECORD = 'marac_case';
/** What the child's chronology says: social care sees it, so never what was shared, nor who the adults are. */
export const CHILD_CHRONOLOGY_SUMMARY = 'Discussed at MARAC (domestic abuse)';

/** A case the actor may work on: the role is checked before the record is read, so a refused role learns nothing. */
export async function caseFor(ctx: RequestContext, id: string): Promise<repo.CaseRow> {
  authorise(ctx, 'marac.work');
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw new NotFoundError();
  return row;
}

export async function peopleOf(ctx: RequestContext, row: repo.CaseRow): Promise<string[]> {
  const children = await repo.childrenOf(ctx.db, [row.id]);
  return [row.victim_id, ...(row.perpetrator_id ? [row.perpetrator_id] : []), ...children.map((c) => c.person_id)];
}

/** Reading a case is a read of each person's record: each goes to the access audit. */
export async function auditRead(ctx: RequestContext, personIds: readonly string[]): Promise<void> {
  for (const id of personIds) await authorisePerson(ctx, id, 'marac.work');
}

async function decide(ctx: RequestContext, personIds: readonly string[]) {
  const decisions: [string, Extract<Decision, { allowed: true }>][] = [];
  for (const id of personIds) decisions.push([id, await authorisePerson(ctx, id, 'marac.work', { audit: false })]);
  return decisions;
}

/** A change to a case: decided for every person on it before the transaction, audited inside it. */
export async function changeCase(ctx: RequestContext, personIds: readonly string[], action: string, write: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const decisions = await decide(ctx, personIds);
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    for (const [id, decision] of decisions) await auditChange(trx, ctx, action, id, decision);
  });
}

export async function atVersion(trx: Kysely<Database>, id: string, version: number, changes: Parameters<typeof repo.updateCaseAtVersion>[3]): Promise<void> {
  if (!(await repo.updateCaseAtVersion(trx, id, version, changes))) {
    throw new ConflictError('Someone else changed this case after you opened it. Your changes have not been saved: look at the case as it is now and try again.');
  }
}

export interface NewReferral extends ReferralInput {
  victimId: string;
  perpetratorId: string | null;
  childIds: string[];
  idempotencyKey: string;
}

async function checkPerson(ctx: RequestContext, id: string, adult: boolean, field: string, message: string) {
  if (!(await mayPickPerson(ctx, id))) throw new FieldProblem(field, message);
  const isAdult = (await personHeading(ctx, id)).personType === 'adult';
  if (isAdult !== adult) throw new FieldProblem(field, message);
}

/**
 * Refers a case to the MARAC. A victim referred within the 12 months before is a repeat, linked to their last
 * case. The coordinator's agency becomes involved with everyone named (so it can open their records) until the
 * case closes; each child's chronology says only that the household was discussed at MARAC.
 */
export async function referCase(ctx: RequestContext, input: NewReferral): Promise<string> {
  authorise(ctx, 'marac.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: MARAC_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (input.referredOn > ukToday()) throw new FieldProblem('referredOn', 'The date referred must be today or in the past');
  await checkPerson(ctx, input.victimId, true, 'victim', 'The victim must be an adult from the person index');
  if (input.perpetratorId) {
    if (input.perpetratorId === input.victimId) throw new FieldProblem('perpetrator', 'The alleged perpetrator cannot be the victim');
    await checkPerson(ctx, input.perpetratorId, true, 'perpetrator', 'The alleged perpetrator must be an adult from the person index');
  }
  const childIds = [...new Set(input.childIds)].filter((id) => id !== input.victimId && id !== input.perpetratorId);
  for (const id of childIds) await checkPerson(ctx, id, false, 'children', 'The children in the household must be children from the person index');
  const everyone = [input.victimId, ...(input.perpetratorId ? [input.perpetratorId] : []), ...childIds];
  const decisions = await decide(ctx, everyone);
  const previous = await repo.latestCaseOfVictim(ctx.db, input.victimId, repeatWindowStart(input.referredOn), input.referredOn);
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertCase(
      trx,
      {
        id,
        victim_id: input.victimId,
        perpetrator_id: input.perpetratorId,
        referring_agency: input.referringAgency,
        referrer_name: input.referrerName,
        referred_on: input.referredOn,
        dash_score: input.dashScore,
        risk_basis: input.riskBasis,
        risk_reason: input.riskReason,
        repeat_of: previous?.id ?? null,
        created_by: ctx.actor.id,
      },
      childIds,
    );
    await repo.involve(trx, { caseId: id, personIds: everyone, agencyId: ctx.actor.agencyId, startDate: input.referredOn, createdBy: ctx.actor.id });
    for (const child of childIds) await chronicle(trx, ctx, child, 'marac.referred', CHILD_CHRONOLOGY_SUMMARY, { type: MARAC_RECORD, id });
    for (const [personId, decision] of decisions) await auditChange(trx, ctx, 'marac.refer', personId, decision);
  });
  return result.id;
}
