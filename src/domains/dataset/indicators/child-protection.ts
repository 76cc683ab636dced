import { type RawBuilder, sql } from 'kysely';
import type { Breakdown, Indicator, PeriodSql } from './types.ts';

/** A plan's category, as the annual report names it (MUL, "more than one", is the CIN census's combination). */
export const CATEGORY_LABEL = sql`CASE cp.initial_category WHEN 'NEG' THEN 'Neglect' WHEN 'PHY' THEN 'Physical abuse' WHEN 'EMO' THEN 'Emotional abuse'
  WHEN 'SAB' THEN 'Sexual abuse' ELSE 'Multiple categories' END`;

/**
 * Plans open at the end of the day `to`: started on or before it and not ended on or before it. The last test repeats
 * that for the query planner: every snapshot is taken on or after the day before the period starts (compute.ts), so
 * plans that ended before it are left out before the snapshot dates are joined.
 */
const openAt = ({ from, to }: PeriodSql) => sql`cp.start_date <= ${to} AND (cp.end_date IS NULL OR cp.end_date > ${to}) AND (cp.end_date IS NULL OR cp.end_date >= ${from})`;

/**
 * The latest start date of a plan that has lasted 2 years by the day: Cairn's 2-year clock is 24 months on
 * (child-protection/model.ts), and a plan started on 29 February reaches it on 28 February, hence the greater of the
 * two dates. Worked out from the day alone, so the plan's start is compared with a date, not computed per row.
 */
const twoYearsBefore = (day: RawBuilder<unknown>) => sql`greatest(${day} - interval '2 years', ${day} + 1 - interval '2 years' - interval '1 day')::date`;

/**
 * The end of the child's latest earlier plan (one that started before this one and has ended), from the record of
 * the plan (set when it started, and including plans elsewhere) or from Cairn's own plans, whichever is later.
 */
const PREVIOUS_END = sql`greatest(cp.previous_plan_end, (
  SELECT max(prev.end_date) FROM cp_plans prev WHERE prev.person_id = cp.person_id AND prev.start_date < cp.start_date AND prev.end_date IS NOT NULL))`;

const FLOW_BREAKDOWNS: Breakdown[] = ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'ethnicity', 'category'];

/** Plans starting in the period, with a numerator of the caller's. */
const starting = (from: RawBuilder<unknown>, to: RawBuilder<unknown>, counted: RawBuilder<unknown>) => sql`
  SELECT cp.id::text AS record_id, cp.person_id, cp.start_date AS dated, ${counted} AS counted, ${CATEGORY_LABEL} AS category
  FROM cp_plans cp WHERE cp.start_date BETWEEN ${from} AND ${to}`;

/** Plans ending in the period, with a numerator of the caller's. */
const ending = (from: RawBuilder<unknown>, to: RawBuilder<unknown>, counted: RawBuilder<unknown>) => sql`
  SELECT cp.id::text AS record_id, cp.person_id, cp.end_date AS dated, ${counted} AS counted, ${CATEGORY_LABEL} AS category
  FROM cp_plans cp WHERE cp.end_date BETWEEN ${from} AND ${to}`;

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
  units: ({ from, to }) => sql`
    SELECT cp.id::text AS record_id, cp.person_id, ${to} AS dated, true AS counted, ${CATEGORY_LABEL} AS category
    FROM cp_plans cp WHERE ${openAt({ from, to })}`,
};

export const cpPlansStarting: Indicator = {
  id: 'cp_plans_starting',
  title: 'Children becoming the subject of a child protection plan',
  definition:
    'Child protection plans that started in the period (on the day of the conference that made them), by the child’s age that day and the plan’s first category. A child with two plans starting in the period counts twice.',
  service: 'child-protection',
  measure: 'count',
  numerator: 'Child protection plans starting in the period',
  periodType: 'flow',
  breakdowns: FLOW_BREAKDOWNS,
  polarity: 'neither',
  ratePer10k: true,
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan started',
  units: ({ from, to }) => starting(from, to, sql`true`),
};

export const cpPlansEnding: Indicator = {
  id: 'cp_plans_ending',
  title: 'Child protection plans ending',
  definition: 'Child protection plans that ended in the period, whatever the reason, by the child’s age on the day it ended and the plan’s first category.',
  service: 'child-protection',
  measure: 'count',
  numerator: 'Child protection plans ending in the period',
  periodType: 'flow',
  breakdowns: FLOW_BREAKDOWNS,
  polarity: 'neither',
  ratePer10k: true,
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan ended',
  units: ({ from, to }) => ending(from, to, sql`true`),
};

export const cpRepeatEver: Indicator = {
  id: 'cp_repeat_ever',
  title: 'Second or later child protection plans',
  definition:
    'Of the child protection plans that started in the period, the percentage for a child who had been on a plan before, at any time and in any area. A high share can mean earlier plans ended before the child was safe.',
  service: 'child-protection',
  measure: 'percent',
  numerator: 'Plans starting for a child who had a plan before',
  denominator: 'Child protection plans starting in the period',
  periodType: 'flow',
  breakdowns: FLOW_BREAKDOWNS,
  polarity: 'lower_is_better',
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan started',
  units: ({ from, to }) => starting(from, to, sql`(cp.previous_plans > 0 OR ${PREVIOUS_END} IS NOT NULL)`),
};

export const cpRepeat2y: Indicator = {
  id: 'cp_repeat_2y',
  title: 'Repeat child protection plans within 2 years',
  definition:
    'Of the child protection plans that started in the period, the percentage for a child whose previous plan had ended within the 2 years before (on or after the same date 2 years earlier).',
  service: 'child-protection',
  measure: 'percent',
  numerator: 'Plans starting within 2 years of the end of the child’s previous plan',
  denominator: 'Child protection plans starting in the period',
  periodType: 'flow',
  breakdowns: FLOW_BREAKDOWNS,
  polarity: 'lower_is_better',
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan started',
  units: ({ from, to }) => starting(from, to, sql`coalesce(${PREVIOUS_END} >= (cp.start_date - interval '24 months')::date, false)`),
};

export const cpEnded2y: Indicator = {
  id: 'cp_ended_2y',
  title: 'Plans ending after 2 years or more',
  definition:
    'Of the child protection plans that ended in the period, the percentage that had lasted 2 years or more (ended on or after the day 24 months after it started). Plans are meant to make a child safe sooner; a long plan may need a different plan, such as care proceedings.',
  service: 'child-protection',
  measure: 'percent',
  numerator: 'Plans ending that had lasted 2 years or more',
  denominator: 'Child protection plans ending in the period',
  periodType: 'flow',
  breakdowns: FLOW_BREAKDOWNS,
  polarity: 'lower_is_better',
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan ended',
  units: ({ from, to }) => ending(from, to, sql`cp.end_date >= cp.start_date + interval '24 months'`),
};

export const cpOpen2y: Indicator = {
  id: 'cp_open_2y',
  title: 'Plans open for 2 years or more',
  definition:
    'Child protection plans open at the end of the last day of the period that had by then lasted 2 years or more (24 months or more since they started). Cairn asks a team manager to look again at each one.',
  service: 'child-protection',
  measure: 'count',
  numerator: 'Plans open at the end of the period that started 2 years or more before',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'category'],
  polarity: 'lower_is_better',
  ratePer10k: true,
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan open for 2 years or more',
  units: ({ from, to }) => sql`
    SELECT cp.id::text AS record_id, cp.person_id, ${to} AS dated, true AS counted, ${CATEGORY_LABEL} AS category
    FROM cp_plans cp WHERE ${openAt({ from, to })} AND cp.start_date <= ${twoYearsBefore(to)}`,
};

export const cpReviewsOnTime: Indicator = {
  id: 'cp_reviews_on_time',
  title: 'Child protection reviews on time',
  definition:
    'Of the review child protection conferences held in the period, the percentage held on or before the day they were due (the first within 3 months of the plan starting, then at most every 6 months). A review that is overdue and not yet held is counted, as late, only once it is held.',
  service: 'child-protection',
  measure: 'percent',
  numerator: 'Review conferences held by their due date',
  denominator: 'Review conferences held in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group'],
  polarity: 'higher_is_better',
  tables: ['cp_conferences'],
  recordLabel: 'Review conference held',
  units: ({ from, to }) => sql`
    SELECT c.id::text AS record_id, c.person_id, c.held_on AS dated, c.held_on <= c.due_date AS counted
    FROM cp_conferences c WHERE c.kind = 'review' AND c.held_on BETWEEN ${from} AND ${to}`,
};

export const cpAllocated: Indicator = {
  id: 'cp_allocated',
  title: 'Children on a plan with an allocated social worker',
  definition:
    'Of the children on a child protection plan at the end of the last day of the period, the percentage with a social worker allocated to them at the end of that day.',
  service: 'child-protection',
  measure: 'percent',
  numerator: 'Children on a plan with an allocated social worker',
  denominator: 'Children on a child protection plan at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'category'],
  polarity: 'higher_is_better',
  tables: ['cp_plans'],
  recordLabel: 'Child protection plan open',
  units: ({ from, to }) => sql`
    SELECT cp.id::text AS record_id, cp.person_id, ${to} AS dated, ${CATEGORY_LABEL} AS category,
      EXISTS (SELECT 1 FROM case_allocations ca WHERE ca.person_id = cp.person_id AND ca.start_date <= ${to} AND (ca.end_date IS NULL OR ca.end_date > ${to})) AS counted
    FROM cp_plans cp WHERE ${openAt({ from, to })}`,
};

export const CHILD_PROTECTION: Indicator[] = [
  cpPlansAtEnd, cpPlansStarting, cpPlansEnding, cpRepeatEver, cpRepeat2y, cpEnded2y, cpOpen2y, cpReviewsOnTime, cpAllocated,
];
