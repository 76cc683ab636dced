import { type RawBuilder, sql } from 'kysely';
import type { Breakdown, Indicator, PeriodSql } from './types.ts';

/**
 * Missing and absent episodes, placed on the UK calendar day they started (an episode starting at 00:30 on 1 April
 * in summer time is April's, though it is 31 March in UTC). The period's bounds are turned into moments rather than
 * each row's moment into a day, so the comparison can use an index on started_at.
 */
const ukMidnight = (day: RawBuilder<unknown>) => sql`((${day})::timestamp AT TIME ZONE 'Europe/London')`;

function episodes({ from, to }: PeriodSql): RawBuilder<unknown> {
  return sql`
    SELECT m.id::text AS record_id, m.person_id, (m.started_at AT TIME ZONE 'Europe/London')::date AS dated, true AS counted,
      CASE WHEN m.in_care THEN 'Child in care' ELSE 'Living at home' END AS category
    FROM missing_episodes m
    WHERE m.started_at >= ${ukMidnight(from)} AND m.started_at < ${ukMidnight(sql`(${to}) + 1`)}`;
}

const BREAKDOWNS: Breakdown[] = ['month', 'quarter', 'age_band', 'gender', 'category', 'incidents'];
const WHO =
  'Whether the child was in care is as recorded on the episode at the time. Episodes of being away from placement without permission (absent) count with those missing.';

export const missingIncidents: Indicator = {
  id: 'missing_incidents',
  title: 'Missing incidents',
  definition: `Episodes of a child going missing that started in the period, each counted once, on the UK calendar day it started. ${WHO}`,
  service: 'missing',
  measure: 'count',
  numerator: 'Missing episodes starting in the period',
  periodType: 'flow',
  breakdowns: BREAKDOWNS,
  polarity: 'lower_is_better',
  ratePer10k: true,
  tables: ['missing_episodes'],
  recordLabel: 'Went missing',
  units: episodes,
};

export const missingChildren: Indicator = {
  id: 'missing_children',
  title: 'Children who went missing',
  definition: `Different children with a missing episode starting in the period: a child missing three times counts once. By month, each month counts the children missing that month, so the months add up to more than the year. By number of times, how many children went missing once, twice … ten or more times in the period. ${WHO}`,
  service: 'missing',
  measure: 'people',
  numerator: 'Children with a missing episode starting in the period',
  periodType: 'flow',
  breakdowns: BREAKDOWNS,
  polarity: 'lower_is_better',
  ratePer10k: true,
  tables: ['missing_episodes'],
  recordLabel: 'Went missing',
  units: episodes,
};

export const MISSING: Indicator[] = [missingIncidents, missingChildren];
