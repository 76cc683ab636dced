import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ageOn } from '../../platform/views/format.ts';
import { PERSON_TYPE } from './codes.ts';
import { fullName, searchKey } from './names.ts';
import * as repo from './repository.ts';

export interface GovernanceSearchResult {
  id: string;
  name: string;
  matchedAlias: string | null;
  personTypeLabel: string;
  dateOfBirth: string | null;
  age: number | null;
  postcode: string | null;
}

/**
 * The person search for information governance (a subject access request, a retention review), which is not
 * casework: the data protection officer finds the person a request is about by name and date of birth, and sees
 * enough to match them to the requester (name, other name matched, date of birth, current postcode) without opening
 * the record. The same index query as casework search, so restricted records stay out unless the officer is named on
 * them. The search is audited (what was asked is not: it is personal data).
 */
export async function searchPeopleForGovernance(
  ctx: RequestContext,
  action: 'governance.sar' | 'governance.retention',
  criteria: { name?: string; dateOfBirth?: string },
): Promise<GovernanceSearchResult[]> {
  authorise(ctx, action);
  const rows = await repo.searchPeople(
    ctx.db,
    { nameKey: criteria.name ? searchKey(criteria.name) || null : null, dateOfBirth: criteria.dateOfBirth ?? null, nhsNumber: null, postcodePrefix: null },
    { userId: ctx.actor.id, agencyId: ctx.actor.agencyId },
    25,
  );
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: `${action === 'governance.sar' ? 'sar' : 'retention'}.search`, outcome: 'allowed', resourceType: 'person_search', requestId: ctx.requestId });
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r),
    matchedAlias: r.matched_alias,
    personTypeLabel: PERSON_TYPE[r.person_type] ?? r.person_type,
    dateOfBirth: r.date_of_birth,
    age: r.date_of_birth ? ageOn(r.date_of_birth) : null,
    postcode: r.postcode,
  }));
}
