import { type RawBuilder, sql } from 'kysely';
import { bankHoliday, FIRST_KNOWN_YEAR, LAST_KNOWN_YEAR } from '../../../platform/calendar/working-days.ts';
import { PRIMARY_NEEDS } from '../../../platform/codes/cin.ts';
import { labelled } from './labels-sql.ts';
import type { Indicator } from './types.ts';

// ── Working days in SQL ──
// The same count as platform/calendar's workingDaysBetween, worked out in the query so an indicator over thousands
// of assessments stays one query: weekdays by arithmetic, less the bank holidays, counted by binary search over a
// sorted array (width_bucket) rather than a join. Outside 2010–2035 no bank holidays are known, so only weekends count.
const HOLIDAYS: string[] = [];
for (let d = new Date(Date.UTC(FIRST_KNOWN_YEAR, 0, 1)); d.getUTCFullYear() <= LAST_KNOWN_YEAR; d.setUTCDate(d.getUTCDate() + 1)) {
  const day = d.toISOString().slice(0, 10);
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && bankHoliday(day)) HOLIDAYS.push(day);
}
const HOLIDAY_ARRAY = `{${HOLIDAYS.join(',')}}`;

/** Weekdays from Monday 1 January 1900 up to and including the day: five a whole week, then the part week's. */
const weekdaysTo = (day: RawBuilder<unknown>) => sql`(5 * ((${day} - DATE '1900-01-01') / 7) + least((${day} - DATE '1900-01-01') % 7 + 1, 5))`;
/** Bank holidays (on weekdays) up to and including the day. */
const holidaysTo = (day: RawBuilder<unknown>) => sql`width_bucket(${day}, ${HOLIDAY_ARRAY}::date[])`;

/** How many working days after `from` the day `to` is: 0 on the same day, 1 on the next working day. */
export const workingDaysBetweenSql = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) =>
  sql`(${weekdaysTo(to)} - ${weekdaysTo(from)} - (${holidaysTo(to)} - ${holidaysTo(from)}))`;

/** The primary need of a child in need episode; one not yet known is "not stated", as the CIN census codes it (N0). */
const NEED_LABEL = labelled(sql`coalesce(e.primary_need, 'N0')`, PRIMARY_NEEDS);

export const assessments45wd: Indicator = {
  id: 'assessments_45wd',
  title: 'Assessments completed within 45 working days',
  definition:
    'Of the child and family assessments authorised by a manager in the period, the percentage authorised within 45 working days of the referral (the clock Cairn shows workers: the referral day is day 0, and weekends and bank holidays in England do not count). An assessment authorised on the 45th working day is on time.',
  service: 'social-care',
  measure: 'percent',
  numerator: 'Assessments authorised within 45 working days of the referral',
  denominator: 'Assessments authorised in the period',
  periodType: 'flow',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group'],
  polarity: 'higher_is_better',
  tables: ['assessments'],
  recordLabel: 'Assessment authorised',
  units: ({ from, to }) => sql`
    SELECT a.id::text AS record_id, a.person_id, a.authorised_date AS dated,
      ${workingDaysBetweenSql(sql`e.referral_date`, sql`a.authorised_date`)} <= 45 AS counted
    FROM assessments a JOIN cin_episodes e ON e.id = a.episode_id
    WHERE a.status = 'authorised' AND a.authorised_date BETWEEN ${from} AND ${to}`,
};

export const cinAtEnd: Indicator = {
  id: 'cin_at_end',
  title: 'Children in need at the period end',
  definition:
    'Children with a child in need episode open at the end of the last day of the period: referred on or before it and not closed on or before it. This includes children on a child in need plan, on a child protection plan or in care, and children still being assessed; a referral that led to no further action is not counted. The category is the child’s primary need (not stated while the assessment is still going on).',
  service: 'social-care',
  measure: 'people',
  numerator: 'Children with an open child in need episode at the end of the period',
  periodType: 'snapshot',
  breakdowns: ['month', 'quarter', 'age_band', 'gender', 'ethnicity_group', 'category'],
  polarity: 'neither',
  ratePer10k: true,
  tables: ['cin_episodes'],
  recordLabel: 'Child in need episode open',
  // The second test on the closure repeats the first for the query planner: every snapshot is taken on or after the
  // day before the period starts (compute.ts), so the episodes closed before it are left out before the date is joined.
  units: ({ from, to }) => sql`
    SELECT e.id::text AS record_id, e.person_id, ${to} AS dated, true AS counted, ${NEED_LABEL} AS category
    FROM cin_episodes e
    WHERE e.referral_date <= ${to} AND (e.closure_date IS NULL OR e.closure_date > ${to}) AND NOT e.referral_nfa
      AND (e.closure_date IS NULL OR e.closure_date >= ${from})`,
};

export const SOCIAL_CARE: Indicator[] = [assessments45wd, cinAtEnd];
