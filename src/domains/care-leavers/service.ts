import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { CareLeaverEligibility } from '../../db/types-social-care.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { chronicle } from '../people/service.ts';
import { ELIGIBILITY_LABELS } from './labels.ts';
import * as repo from './repository.ts';

export const CARE_LEAVER_RECORD = 'care_leaver';

/**
 * A young person leaves care (or, aged 16–17 and still in care, starts a pathway plan): opens their care leaver
 * record in the caller's transaction. The record is one per person, so if it exists it is reopened with the new
 * eligibility instead (a young person can return to care and leave again). The caller has authorised the change.
 */
export async function openCareLeaver(
  trx: Kysely<Database>,
  ctx: RequestContext,
  input: { personId: string; eligibility: CareLeaverEligibility; date: string; /** The new record's id when the caller chose it (an idempotency claim names it). */ id?: string },
): Promise<string> {
  const existing = await repo.findCareLeaverByPerson(trx, input.personId);
  const label = ELIGIBILITY_LABELS[input.eligibility].name.toLowerCase();
  if (existing) {
    if (existing.closed_on === null && existing.eligibility === input.eligibility) return existing.id;
    // A closed record reopens from the new date (its clocks start again); an open one only changes eligibility.
    await repo.reopenCareLeaver(trx, existing.id, input.eligibility, existing.closed_on === null ? null : input.date);
    const what = existing.closed_on === null ? `Care leaver eligibility changed to ${label}` : `Care leaver record reopened: ${label}`;
    await chronicle(trx, ctx, input.personId, 'care_leaver.opened', `${what} from ${input.date}`, { type: CARE_LEAVER_RECORD, id: existing.id });
    return existing.id;
  }
  const id = input.id ?? uuidv7();
  await repo.insertCareLeaver(trx, { id, personId: input.personId, eligibility: input.eligibility, openedOn: input.date, personalAdviserId: null, createdBy: ctx.actor.id });
  await chronicle(trx, ctx, input.personId, 'care_leaver.opened', `Care leaver record opened (${label}) from ${input.date}`, { type: CARE_LEAVER_RECORD, id });
  return id;
}
