import type { CaseCategorySource } from '../casework/case-status.ts';
import { tally } from '../casework/case-status.ts';

/** Children on a child protection plan or in a section 47 enquiry, for weighting caseloads. */
export const childProtectionCaseload: CaseCategorySource = async (db, personIds) => {
  const map = new Map();
  if (!personIds.length) return map;
  const [plans, enquiries] = await Promise.all([
    db.selectFrom('cp_plans').select('person_id').where('person_id', 'in', [...personIds]).where('end_date', 'is', null).execute(),
    db.selectFrom('section_47_enquiries').select('person_id').where('person_id', 'in', [...personIds]).where('completed_date', 'is', null).execute(),
  ]);
  tally(map, plans.map((r) => r.person_id), 'child_protection');
  return tally(map, enquiries.map((r) => r.person_id), 'section_47');
};
