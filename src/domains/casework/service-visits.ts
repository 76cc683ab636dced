import { uuidv7 } from 'uuidv7';
import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading } from '../people/service.ts';
import { VISIT_PURPOSES } from './codes.ts';
import * as repo from './repository.ts';
import type { VisitInput } from './schema.ts';

/** The visit form: only children's social care records statutory visits. Audited as a view of the child. */
export async function visitForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'socialcare.work');
  return { heading: await personHeading(ctx, personId), visits: await repo.visitsOf(ctx.db, personId, 10) };
}

export function visitProblems(input: Pick<VisitInput, 'visitDate'>, dateOfBirth: string | null, today = ukToday()) {
  if (input.visitDate > today) return 'The date of the visit must be today or in the past';
  if (dateOfBirth && input.visitDate < dateOfBirth) return 'The date of the visit must be on or after the child’s date of birth';
  return null;
}

/** Records a visit to the child; a repeated submission (same key) records it once. */
export async function recordVisit(ctx: RequestContext, personId: string, input: VisitInput & { idempotencyKey: string }): Promise<{ id: string; replayed: boolean }> {
  const decision = await authorisePerson(ctx, personId, 'socialcare.work', { audit: false });
  const heading = await personHeading(ctx, personId);
  const problem = visitProblems(input, heading.dateOfBirth);
  if (problem) throw new BadRequestError(problem);
  const id = uuidv7();
  return once(ctx.db, { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'visit', resourceId: id }, async (trx) => {
    await repo.insertVisit(trx, {
      id,
      person_id: personId,
      visit_date: input.visitDate,
      purpose: input.purpose,
      child_seen: input.childSeen,
      seen_alone: input.seenAlone,
      visited_by: ctx.actor.id,
      notes: input.notes,
      created_by: ctx.actor.id,
    });
    const seen = input.seenAlone ? 'child seen alone' : input.childSeen ? 'child seen, not alone' : 'child not seen';
    await chronicle(trx, ctx, personId, 'visit.recorded', `${VISIT_PURPOSES[input.purpose]} (${seen})`, { type: 'visit', id });
    await auditChange(trx, ctx, 'visit.record', personId, decision);
  });
}
