import type { CaseCategorySource } from '../casework/case-status.ts';
import { tally } from '../casework/case-status.ts';

/** Care leavers with an open record, for weighting caseloads. */
export const careLeaverCaseload: CaseCategorySource = async (db, personIds) => {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('care_leavers').select('person_id').where('person_id', 'in', [...personIds]).where('closed_on', 'is', null).execute();
  return tally(new Map(), rows.map((r) => r.person_id), 'care_leaver');
};
