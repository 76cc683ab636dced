import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { fullName, searchKey } from './names.ts';
import * as repo from './repository.ts';
import { markMerged, moveRecords } from './repository-merge.ts';
import { chronicle } from './service.ts';

/** Both records, checked as a pair that may be merged: `duplicateId` into `survivorId`. */
export async function mergePair(ctx: RequestContext, survivorId: string, duplicateId: string) {
  const survivorDecision = await authorisePerson(ctx, survivorId, 'person.merge', { audit: false });
  if (survivorId === duplicateId) throw new BadRequestError('Choose a different record: a record cannot be merged into itself.');
  const duplicateDecision = await authorisePerson(ctx, duplicateId, 'person.merge', { audit: false });
  const [survivor, duplicate] = await Promise.all([repo.findPerson(ctx.db, survivorId), repo.findPerson(ctx.db, duplicateId)]);
  if (!survivor || !duplicate) throw new NotFoundError();
  if (survivor.merged_into || duplicate.merged_into) throw new ConflictError('One of these records has already been merged into another.');
  return { survivor, duplicate, survivorDecision, duplicateDecision };
}

/**
 * Merges a duplicate into the surviving record in one transaction. The duplicate is kept, marked as merged and
 * pointing at the survivor, so its history and any links to it still lead somewhere.
 */
export async function mergePeople(ctx: RequestContext, survivorId: string, duplicateId: string): Promise<{ relationshipsDropped: number }> {
  const { survivor, duplicate, survivorDecision, duplicateDecision } = await mergePair(ctx, survivorId, duplicateId);
  return ctx.db.transaction().execute(async (trx) => {
    const moved = await moveRecords(trx, duplicateId, survivorId);
    await repo.insertName(trx, {
      personId: survivorId,
      givenName: duplicate.given_name,
      familyName: duplicate.family_name,
      kind: 'merged',
      searchName: searchKey(duplicate.given_name, duplicate.family_name),
      createdBy: ctx.actor.id,
    });
    await markMerged(trx, duplicateId, survivorId, duplicate.restricted && !survivor.restricted);
    await chronicle(trx, ctx, duplicateId, 'person.merged', `Record merged into ${fullName(survivor)}'s record`, { type: 'person', id: survivorId });
    await chronicle(trx, ctx, survivorId, 'person.merged', `Record for ${fullName(duplicate)} merged into this one`, { type: 'person', id: duplicateId });
    await auditChange(trx, ctx, 'person.merge', survivorId, survivorDecision);
    await auditChange(trx, ctx, 'person.merge', duplicateId, duplicateDecision);
    return moved;
  });
}
