import { authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import { SECTION_SOURCES } from './sections.ts';

/**
 * The child's social care record: who holds the case, what each capability has open for them, recent visits.
 * One audited view of the child; the sections read without auditing again.
 */
export async function socialCareRecord(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'person.view');
  const heading = await personHeading(ctx, personId);
  const [allocation, history, visits, ...sections] = await Promise.all([
    repo.currentAllocations(ctx.db, [personId]),
    repo.allocationHistory(ctx.db, personId),
    repo.visitsOf(ctx.db, personId, 5),
    ...SECTION_SOURCES.map((source) => source(ctx, personId)),
  ]);
  const socialCare = can(ctx.actor, 'socialcare.list').allowed;
  return {
    heading,
    allocation: allocation.get(personId) ?? null,
    history,
    visits,
    sections: sections.filter((s) => s !== null),
    permissions: {
      allocate: can(ctx.actor, 'caseload.allocate').allowed,
      visit: socialCare,
      refer: socialCare,
    },
  };
}
