import type { Person } from '../../db/types.ts';
import { authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { findPerson } from './repository.ts';

/** The surviving record, for the pages that lead up to a merge: managers only, and not a merged record. */
export async function openForMerge(ctx: RequestContext, personId: string): Promise<Person> {
  await authorisePerson(ctx, personId, 'person.merge', { audit: false });
  const person = await findPerson(ctx.db, personId);
  if (!person) throw new NotFoundError();
  if (person.merged_into) throw new ConflictError('This record has already been merged into another.');
  return person;
}
