import { personHeading } from '../../domains/people/service.ts';
import { PAGE_SIZE } from '../http/pagination.ts';
import { searchAudit, viewersOf } from '../audit/repository.ts';
import { authorisePerson, type RequestContext } from './authorise.ts';

/**
 * Who has opened, changed or been refused this record: for the managers who answer for it. Looking is
 * itself audited (authorisePerson), so it shows up here too.
 */
export async function whoHasSeen(ctx: RequestContext, personId: string, page: number) {
  await authorisePerson(ctx, personId, 'person.viewers');
  const [heading, entries, viewers] = await Promise.all([
    personHeading(ctx, personId),
    searchAudit(ctx.db, { personId }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    viewersOf(ctx.db, personId),
  ]);
  return { heading, entries, viewers };
}
