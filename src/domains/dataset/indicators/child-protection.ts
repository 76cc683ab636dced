import { sql } from 'kysely';
import type { Indicator } from './types.ts';

/** A plan's category, as the annual report names it (MUL, "more than one", is the CIN census's combination). */
export const CATEGORY_LABEL = sql`CASE cp.initial_category WHEN 'NEG' THEN 'Neglect' WHEN 'PHY' THEN 'Physical abuse' WHEN 'EMO' THEN 'Emotional abuse'
  WHEN 'SAB' THEN 'Sexual abuse' ELSE 'Multiple categories' END`;

export const cpPlansAtEnd: Indicator = {
  id: 'cp_plans_at_end',
  title: 'Children on a child protection plan at the period end',
  definition:
    'Child protection plans open at the end of the last day of the period: started on or before it and not ended on or before it (a plan that ends on that day is not counted). Unborn children count in the under 1 band.',
  service: 'child-protection',
  measure: 'count',
  numerator: 'Child protection plans open at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'ethnicity', 'category'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan open',
  units: ({ to }) => sql`
    SELECT cp.id::text AS record_id, cp.person_id, ${to} AS dated, true AS counted, ${CATEGORY_LABEL} AS category
    FROM cp_plans cp WHERE cp.start_date <= ${to} AND (cp.end_date IS NULL OR cp.end_date > ${to})`,
};

export const CHILD_PROTECTION: Indicator[] = [cpPlansAtEnd];
