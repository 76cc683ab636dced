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
  restricted: boolean;
}

/**
 * The person search for information governance (a subject access request, a retention review), which is not
 * casework: the data protection officer finds the person a request is about by name and date of birth, and sees
 * enough to match them to the requester (name, other name matched, date of birth, current postcode) without opening
 * the record. The same index query as casework search. A restricted record must be answerable too (its subject has
 * the same right of access), so it is found when the date of birth is given and matches — never by name alone, which
 * would let a search fish for who is restricted — and each one shown is audited against that record. The search is
 * audited (what was asked is not: it is personal data).
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
    { userId: ctx.actor.id, agencyId: ctx.actor.agencyId, includeRestricted: Boolean(criteria.dateOfBirth) },
    25,
  );
  const audited = `${action === 'governance.sar' ? 'sar' : 'retention'}.search`;
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: audited, outcome: 'allowed', resourceType: 'person_search', requestId: ctx.requestId });
  for (const r of rows.filter((row) => row.restricted)) {
    await recordAccess(ctx.db, { userId: ctx.actor.id, action: audited, outcome: 'allowed', resourceType: 'person', resourceId: r.id, personId: r.id, reason: 'restricted record found by date of birth', requestId: ctx.requestId });
  }
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r),
    matchedAlias: r.matched_alias,
    personTypeLabel: PERSON_TYPE[r.person_type] ?? r.person_type,
    dateOfBirth: r.date_of_birth,
    age: r.date_of_birth ? ageOn(r.date_of_birth) : null,
    postcode: r.postcode,
    restricted: r.restricted,
  }));
}
