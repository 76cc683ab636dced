import { type RawBuilder, sql } from 'kysely';
import { PRIMARY_NEEDS } from '../../../platform/codes/cin.ts';
import { labelled } from './labels-sql.ts';
import type { Indicator, PeriodSql } from './types.ts';

/**
 * Children in care, counted as the DfE's SSDA903 tables count them, from the periods of care and their episodes:
 *  - looked after at a date: a period of care open at the end of that day (started on or before it, not ended on or
 *    before it), leaving out children looked after only under an agreed series of short breaks (legal status V3 or
 *    V4 on the episode open that day), whom the DfE's counts also leave out;
 *  - a placement is a run of episodes with the same placement (type, provider, carer, setting and address, compared
 *    as children-in-care/stability.ts compares them): a change of legal status alone does not start one, temporary
 *    placements (T codes) are not placements, and coming back from one to the same placement continues it.
 */

/** The legal status on the episode open at the date, in the groups the DfE's tables use. */
const LEGAL_STATUS_GROUP = sql`CASE
  WHEN l.legal_status IN ('C1', 'C2') THEN 'Care order (interim or full)'
  WHEN l.legal_status = 'E1' THEN 'Placement order'
  WHEN l.legal_status = 'V2' THEN 'Accommodated by agreement (section 20)'
  WHEN l.legal_status IN ('L1', 'L2', 'L3') THEN 'Police protection or emergency order'
  WHEN l.legal_status IN ('J1', 'J2', 'J3') THEN 'Youth justice'
  ELSE l.legal_status END`;

/**
 * The periods of care open at the end of `to` (id, person_id, start_date, legal_status), short breaks left out: the
 * legal status is the episode's open that day (episodes follow each other without a gap, so there is one). Every
 * snapshot is taken on or after the day before `from` (compute.ts), so periods that ended before `from` are left out
 * first, in a test the planner can apply before joining the snapshot dates.
 */
export function lookedAfterAt({ from, to }: PeriodSql): RawBuilder<unknown> {
  return sql`SELECT cp.id, cp.person_id, cp.start_date, e.legal_status
    FROM care_periods cp
    LEFT JOIN care_episodes e ON e.period_id = cp.id AND e.start_date <= ${to} AND (e.end_date IS NULL OR e.end_date > ${to}) AND (e.end_date IS NULL OR e.end_date >= ${from})
    WHERE cp.start_date <= ${to} AND (cp.end_date IS NULL OR cp.end_date > ${to}) AND (cp.end_date IS NULL OR cp.end_date >= ${from})
      AND coalesce(e.legal_status, '') NOT IN ('V3', 'V4')`;
}

/**
 * What makes a placement, compared as stability.ts compares it: the type exactly, the provider, carer, setting and
 * address as text ignoring case and surrounding spaces, blank equal to none.
 */
const norm = (column: string) => sql`lower(btrim(coalesce(${sql.ref(column)}, '')))`;
const PLACEMENT = sql`ROW(e.placement_type, ${sql.join(['e.placement_provider', 'e.carer_name', 'e.urn', 'e.placement_postcode'].map(norm))})`;

/**
 * Every placement of every child looked after on or after `from` (person_id, since, until: null while it lasts), from
 * all their episodes in any period of care, as stability.ts finds them. It does not depend on the snapshot's date, so
 * a month-by-month figure works it out once: a placement began by a date if `since` is on or before it, and the one a
 * child is in then is the latest of those (a placement still going on that date has `until` after it, however it
 * continued).
 */
const placements = (from: RawBuilder<unknown>) => sql`
  SELECT person_id, min(start_date) AS since, CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS until
  FROM (
    SELECT person_id, start_date, end_date, sum(moved::int) OVER (PARTITION BY person_id ORDER BY start_date, created_at, id) AS placement
    FROM (
      SELECT e.person_id, e.start_date, e.end_date, e.created_at, e.id,
        lag(${PLACEMENT}) OVER w IS DISTINCT FROM ${PLACEMENT} AS moved
      FROM care_episodes e
      WHERE e.placement_type NOT LIKE 'T%'
        AND e.person_id IN (SELECT cp.person_id FROM care_periods cp WHERE cp.end_date IS NULL OR cp.end_date >= ${from})
      WINDOW w AS (PARTITION BY e.person_id ORDER BY e.start_date, e.created_at, e.id)
    ) episodes
  ) runs
  GROUP BY person_id, placement`;

/**
 * Each child looked after at the end of `to` with their placements begun by then: `in_year`, how many of them they
 * were in during the 12 months to that day (not ended a year or more before it), and `since`, when the one they are
 * in then began.
 */
function stabilityAt(period: PeriodSql, where: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  const { to } = period;
  return sql`SELECT l.id, l.person_id, l.start_date, max(pl.since) AS since,
      count(pl.person_id) FILTER (WHERE pl.until IS NULL OR pl.until > (${to} - interval '12 months')::date) AS in_year
    FROM (${lookedAfterAt(period)}) l LEFT JOIN (${placements(period.from)}) pl ON pl.person_id = l.person_id AND pl.since <= ${to}
    WHERE ${where}
    GROUP BY l.id, l.person_id, l.start_date`;
}

export const cicAtEnd: Indicator = {
  id: 'cic_at_end',
  title: 'Children in care at the period end',
  definition:
    'Children looked after at the end of the last day of the period: a period of care started on or before that day and not ended on or before it (a child who leaves care on the day is not counted). Children looked after only under an agreed series of short breaks (legal status V3 or V4) are left out, as in the DfE’s figures. The category is the child’s legal status that day.',
  service: 'children-in-care',
  measure: 'count',
  numerator: 'Children looked after at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'category'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['care_periods'],
  recordLabel: 'Looked after',
  units: (period) => sql`
    SELECT l.id::text AS record_id, l.person_id, ${period.to} AS dated, true AS counted, ${LEGAL_STATUS_GROUP} AS category
    FROM (${lookedAfterAt(period)}) l`,
};

export const cicAdmissions: Indicator = {
  id: 'cic_admissions',
  title: 'Children starting to be looked after (12 months to the period end)',
  definition:
    'Periods of care that started in the 12 months to the last day of the period (a child who starts to be looked after twice in the year counts twice), short breaks (V3 or V4 from the start) left out. By month, the figure is the 12 months to each month end. The category is the child’s category of need when care began.',
  service: 'children-in-care',
  measure: 'count',
  numerator: 'Periods of care starting in the 12 months',
  periodType: 'rolling12',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'category'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['care_periods'],
  recordLabel: 'Started to be looked after',
  units: ({ from, to }) => sql`
    SELECT cp.id::text AS record_id, cp.person_id, cp.start_date AS dated, true AS counted, ${labelled(sql`cp.category_of_need`, PRIMARY_NEEDS)} AS category
    FROM care_periods cp
    WHERE cp.start_date BETWEEN ${from} AND ${to}
      AND NOT EXISTS (SELECT 1 FROM care_episodes e WHERE e.period_id = cp.id AND e.start_date = cp.start_date AND e.legal_status IN ('V3', 'V4'))`,
};

export const cicPlacementMoves: Indicator = {
  id: 'cic_placement_moves',
  title: 'Children in care with three or more placements in the year',
  definition:
    'Of the children looked after at the end of the period, the percentage who had three or more placements in the 12 months to that day (the DfE’s short-term stability measure, formerly NI 62). A placement is a run of episodes with the same carer and setting: a change of legal status alone is not a move, temporary placements (holidays, hospital, respite) are not placements, and coming back from one to the same placement continues it. Placements in an earlier period of care within the year count.',
  service: 'children-in-care',
  measure: 'percent',
  numerator: 'Children with three or more placements in the 12 months',
  denominator: 'Children looked after at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender'],
  polarity: 'lower_is_better',
  tables: ['care_periods'],
  recordLabel: 'Looked after (three or more placements counted)',
  units: (period) => sql`
    SELECT s.id::text AS record_id, s.person_id, ${period.to} AS dated, s.in_year >= 3 AS counted FROM (${stabilityAt(period)}) s`,
};

export const cicPlacementLong: Indicator = {
  id: 'cic_placement_long',
  title: 'Children in care long term in the same placement for 2 years',
  definition:
    'Of the children under 16 looked after at the end of the period who had then been looked after continuously for 2½ years or more, the percentage who had been in the same placement for 2 years or more (the DfE’s long-term stability measure, formerly NI 63). Placements are counted as for three or more placements; a temporary placement does not break the placement the child returns to.',
  service: 'children-in-care',
  measure: 'percent',
  numerator: 'Children in the same placement for 2 years or more',
  denominator: 'Children under 16 looked after for 2½ years or more at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender'],
  polarity: 'higher_is_better',
  tables: ['care_periods'],
  recordLabel: 'Looked after 2½ years or more (same placement 2 years counted)',
  units: (period) => {
    const { to } = period;
    const longTerm = sql`l.start_date <= (${to} - interval '30 months')::date
      AND NOT EXISTS (SELECT 1 FROM people child WHERE child.id = l.person_id AND child.date_of_birth <= (${to} - interval '16 years')::date)`;
    return sql`
      SELECT s.id::text AS record_id, s.person_id, ${to} AS dated, coalesce(s.since <= (${to} - interval '24 months')::date, false) AS counted
      FROM (${stabilityAt(period, longTerm)}) s`;
  },
};

export const cicReviewsOnTime: Indicator = {
  id: 'cic_reviews_on_time',
  title: 'Looked-after reviews held on time',
  definition:
    'Of the looked-after reviews held in the period, the percentage held on or before the day they were due (within 20 working days of care starting, then 3 months, then every 6 months). A review not yet held is not counted until it is held.',
  service: 'children-in-care',
  measure: 'percent',
  numerator: 'Reviews held on or before their due date',
  denominator: 'Looked-after reviews held in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender'],
  polarity: 'higher_is_better',
  tables: ['care_periods'],
  recordLabel: 'Looked-after review held',
  units: ({ from, to }) => sql`
    SELECT r.id::text AS record_id, r.person_id, r.held_on AS dated, r.held_on <= r.due_date AS counted
    FROM care_reviews r WHERE r.held_on BETWEEN ${from} AND ${to}`,
};

export const cicAllocated: Indicator = {
  id: 'cic_allocated',
  title: 'Children in care with an allocated social worker',
  definition:
    'Of the children looked after at the end of the period, the percentage allocated to a worker that day (an allocation started on or before it and not ended on or before it).',
  service: 'children-in-care',
  measure: 'percent',
  numerator: 'Children with an allocated social worker',
  denominator: 'Children looked after at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender'],
  polarity: 'higher_is_better',
  tables: ['care_periods'],
  recordLabel: 'Looked after (allocated counted)',
  units: ({ from, to }) => sql`
    SELECT l.id::text AS record_id, l.person_id, ${to} AS dated,
      EXISTS (SELECT 1 FROM case_allocations a WHERE a.person_id = l.person_id AND a.start_date <= ${to} AND (a.end_date IS NULL OR a.end_date > ${to})) AS counted
    FROM (${lookedAfterAt({ from, to })}) l`,
};

export const CHILDREN_IN_CARE: Indicator[] = [cicAtEnd, cicAdmissions, cicPlacementMoves, cicPlacementLong, cicReviewsOnTime, cicAllocated];
