import type { CaseCategorySource } from '../casework/case-status.ts';
import { tally } from '../casework/case-status.ts';

/** Children with an assessment under way or a child in need plan, for weighting caseloads. */
export const referralCaseload: CaseCategorySource = async (db, personIds) => {
  const map = new Map();
  if (!personIds.length) return map;
  const [assessing, plans] = await Promise.all([
    db.selectFrom('assessments').select('person_id').where('person_id', 'in', [...personIds]).where('status', '<>', 'authorised').execute(),
    db.selectFrom('cin_plans').select('person_id').where('person_id', 'in', [...personIds]).where('end_date', 'is', null).execute(),
  ]);
  tally(map, assessing.map((r) => r.person_id), 'assessment');
  return tally(map, plans.map((r) => r.person_id), 'child_in_need');
};
