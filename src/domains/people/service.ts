import type { RequestContext } from '../../platform/access/authorise.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findPersonHeading, type PersonHeading } from './repository.ts';

/**
 * The name and date of birth that head every page about a person. Callers must already have authorised the
 * actor for this person (authorisePerson); this only reads.
 */
export async function personHeading(ctx: RequestContext, personId: string): Promise<PersonHeading> {
  const heading = await findPersonHeading(ctx.db, personId);
  if (!heading) throw new NotFoundError();
  return heading;
}
