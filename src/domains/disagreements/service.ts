import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem, ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import { type Relation, relationOf } from './access.ts';
import { STAGES } from './labels.ts';
import * as repo from './repository.ts';
import type { RaiseInput } from './schema.ts';

export const DISAGREEMENT_RECORD = 'disagreement';
/** What the child's chronology says: everyone who works with the child reads it, so never the agencies or the decision. */
export const RAISED_SUMMARY = 'A professional disagreement between agencies about work with this child was raised';
export const CLOSED_SUMMARY = 'A professional disagreement between agencies about work with this child ended';

/** A disagreement-level entry in the access audit (the record itself, not a person's). */
export async function auditDisagreement(db: Kysely<Database>, ctx: RequestContext, action: string, id: string, outcome: 'allowed' | 'denied' = 'allowed') {
  await recordAccess(db, { userId: ctx.actor.id, action, outcome, resourceType: DISAGREEMENT_RECORD, resourceId: id, requestId: ctx.requestId });
}

/**
 * A disagreement the actor may see: the role is checked before the record is read (so a refused role learns
 * nothing), then the actor's part in it. A refusal is audited.
 */
export async function disagreementFor(ctx: RequestContext, id: string): Promise<{ row: repo.DisagreementRow; relation: Relation }> {
  authorise(ctx, 'disagreements.view');
  const row = await repo.findDisagreement(ctx.db, id);
  if (!row) throw new NotFoundError();
  const relation = relationOf(ctx.actor, row);
  if (!relation.sees) {
    await auditDisagreement(ctx.db, ctx, 'disagreements.view', id, 'denied');
    throw new ForbiddenError('Only the people who raised this disagreement, the agency it is about and the partnership business unit can see it.');
  }
  return { row, relation };
}

export interface NewDisagreement extends RaiseInput {
  personId: string | null;
  idempotencyKey: string;
}

/** The child a raiser links: a child in the index whose record they may open (the check is audited). */
export async function checkChild(ctx: RequestContext, personId: string, options: { audit?: boolean } = {}) {
  if (!(await mayPickPerson(ctx, personId))) throw new FieldProblem('child', 'Choose the child from the search results');
  try {
    const decision = await authorisePerson(ctx, personId, 'person.view', options);
    const heading = await personHeading(ctx, personId);
    if (heading.personType === 'adult') throw new FieldProblem('child', 'Choose a child, not an adult');
    return { heading, decision };
  } catch (error) {
    if (error instanceof ForbiddenError) throw new FieldProblem('child', 'You can only link a child whose record your agency can see');
    throw error;
  }
}

/**
 * Raises a disagreement with another agency's decision at stage 1, with its response clock from today. A linked
 * child gets a chronology entry that says only that agencies disagreed.
 */
export async function raiseDisagreement(ctx: RequestContext, input: NewDisagreement): Promise<string> {
  authorise(ctx, 'disagreements.raise');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: DISAGREEMENT_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const today = ukToday();
  const agencies = await repo.agencies(ctx.db);
  if (!agencies.some((a) => a.id === input.aboutAgency)) throw new FieldProblem('aboutAgency', 'Select the agency whose decision you disagree with');
  if (input.aboutAgency === ctx.actor.agencyId) throw new FieldProblem('aboutAgency', 'A professional disagreement is with another agency: raise a disagreement within your own agency with your manager');
  if (input.decisionOn > today) throw new FieldProblem('decisionOn', 'The date of the decision must be today or in the past');
  const child = input.personId ? await checkChild(ctx, input.personId, { audit: false }) : null;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertDisagreement(trx, {
      id, raised_by: ctx.actor.id, raised_by_agency: ctx.actor.agencyId, about_agency: input.aboutAgency, person_id: input.personId,
      raised_on: today, decision: input.decision, decision_on: input.decisionOn, reasons: input.reasons, outcome_sought: input.outcomeSought,
      stage: 1, stage_started_on: today, stage_due: dueDate(STAGES[1]!.timescale, today), created_by: ctx.actor.id,
    });
    await auditDisagreement(trx, ctx, 'disagreements.raise', id);
    if (child && input.personId) {
      await chronicle(trx, ctx, input.personId, 'disagreements.raised', RAISED_SUMMARY, { type: DISAGREEMENT_RECORD, id });
      await auditChange(trx, ctx, 'disagreements.raise', input.personId, child.decision);
    }
  });
  return result.id;
}
