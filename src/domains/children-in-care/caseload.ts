import type { CaseCategorySource } from '../casework/case-status.ts';
import { tally } from '../casework/case-status.ts';

/** Children in care now, for weighting caseloads. */
export const childrenInCareCaseload: CaseCategorySource = async (db, personIds) => {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('care_periods').select('person_id').where('person_id', 'in', [...personIds]).where('end_date', 'is', null).execute();
  return tally(new Map(), rows.map((r) => r.person_id), 'looked_after');
};
