import { type RawBuilder, sql } from 'kysely';
import { addCalendarDays } from '../../../platform/calendar/working-days.ts';
import { ETHNICITIES } from '../../../platform/codes/cin.ts';
import type { AgeBanding, Breakdown, Indicator, Period } from './types.ts';

/** The person's age on the row's date (u.dated), from the person joined as p; unborn when not yet born. */
const unborn = sql`(p.date_of_birth IS NULL OR p.date_of_birth > u.dated)`;
const age = sql`date_part('year', age(u.dated, p.date_of_birth))`;

const AGE_BANDS: Record<AgeBanding, [key: string, label: string][]> = {
  statutory: [['under1', 'Under 1'], ['1to4', '1 to 4'], ['5to9', '5 to 9'], ['10to15', '10 to 15'], ['16plus', '16 and over']],
  early_help: [['unborn', 'Unborn'], ['0to5', '0 to 5'], ['6to11', '6 to 11'], ['12to15', '12 to 15'], ['16plus', '16 and over']],
};

const ageBandSql: Record<AgeBanding, RawBuilder<unknown>> = {
  // An unborn child on a plan counts as under 1, as the CIN census counts them.
  statutory: sql`CASE WHEN ${unborn} OR ${age} < 1 THEN 'under1' WHEN ${age} < 5 THEN '1to4' WHEN ${age} < 10 THEN '5to9' WHEN ${age} < 16 THEN '10to15' ELSE '16plus' END`,
  early_help: sql`CASE WHEN ${unborn} THEN 'unborn' WHEN ${age} < 6 THEN '0to5' WHEN ${age} < 12 THEN '6to11' WHEN ${age} < 16 THEN '12to15' ELSE '16plus' END`,
};

const ETHNICITY_GROUPS: [string, string][] = [
  ['white', 'White'], ['mixed', 'Mixed'], ['asian', 'Asian or Asian British'], ['black', 'Black or Black British'],
  ['chinese', 'Chinese'], ['other', 'Any other ethnic group'], ['not_stated', 'Not stated or not yet obtained'],
];

const GENDERS: [string, string][] = [['M', 'Male'], ['F', 'Female'], ['U', 'Unknown'], ['unborn', 'Unborn']];

/** The SQL for a breakdown's key, over the indicator's rows (u) and the person they are about (p). */
export function keySql(breakdown: Breakdown, indicator: Indicator): RawBuilder<unknown> {
  const banding = indicator.ageBanding ?? 'statutory';
  switch (breakdown) {
    case 'age_band':
      return ageBandSql[banding];
    case 'gender':
      return banding === 'early_help' ? sql`CASE WHEN ${unborn} THEN 'unborn' ELSE coalesce(p.sex, 'U') END` : sql`coalesce(p.sex, 'U')`;
    case 'ethnicity_group':
      return sql`CASE WHEN p.ethnicity LIKE 'W%' THEN 'white' WHEN p.ethnicity LIKE 'M%' THEN 'mixed' WHEN p.ethnicity LIKE 'A%' THEN 'asian'
        WHEN p.ethnicity LIKE 'B%' THEN 'black' WHEN p.ethnicity = 'CHNE' THEN 'chinese' WHEN p.ethnicity = 'OOTH' THEN 'other' ELSE 'not_stated' END`;
    case 'ethnicity':
      return sql`coalesce(p.ethnicity, 'NOBT')`;
    case 'month':
      return sql`to_char(u.dated, 'YYYY-MM')`;
    case 'quarter':
      return sql`to_char(date_trunc('quarter', u.dated) + interval '3 months' - interval '1 day', 'YYYY-MM-DD')`;
    case 'incidents':
      throw new Error('incidents is counted per person, not keyed per row');
    default:
      return sql`coalesce(u.${sql.ref(breakdown)}, 'Not recorded')`;
  }
}

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * The dates a snapshot is taken on: the day before the period starts (where it opened), then each month or quarter
 * end within it, and its last day when that is not one (a year to date).
 */
export function snapshotDates(period: Period, step: 'month' | 'quarter'): string[] {
  const dates = [addCalendarDays(period.from, -1)];
  for (const month of monthsOf(period)) {
    const end = monthEnd(month);
    if (end > period.to) break;
    if (step === 'month' || ['03', '06', '09', '12'].includes(month.slice(5))) dates.push(end);
  }
  if (dates.at(-1) !== period.to) dates.push(period.to);
  return dates;
}

/** Every month ('YYYY-MM') of a period, for a flow's month breakdown. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); ) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return months;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The keys a breakdown always shows, in order, so an empty month or age band reads 0 rather than vanishing; keys
 * from the indicator's own columns (agency, locality…) are the ones found, largest first.
 */
export function breakdownKeys(breakdown: Breakdown, indicator: Indicator, period: Period, found: string[]): string[] {
  const fixed = (list: [string, string][]) => [...list.map(([k]) => k), ...found.filter((k) => !list.some(([key]) => key === k))];
  switch (breakdown) {
    case 'age_band':
      return fixed(AGE_BANDS[indicator.ageBanding ?? 'statutory']);
    case 'gender':
      return fixed(GENDERS.filter(([k]) => (indicator.ageBanding === 'early_help' ? k !== 'U' : k !== 'unborn')));
    case 'ethnicity_group':
      return fixed(ETHNICITY_GROUPS);
    case 'ethnicity':
      return fixed(Object.entries(ETHNICITIES));
    case 'month':
      return indicator.periodType === 'flow' ? monthsOf(period) : snapshotDates(period, 'month');
    case 'quarter':
      return indicator.periodType === 'flow' ? [...new Set(monthsOf(period).map(quarterEndOf))] : snapshotDates(period, 'quarter');
    case 'incidents':
      return ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    default:
      return found;
  }
}

const quarterEndOf = (month: string) => monthEnd(`${month.slice(0, 5)}${String(Math.ceil(Number(month.slice(5)) / 3) * 3).padStart(2, '0')}`);

/** How a key reads in a table heading. */
export function keyLabel(breakdown: Breakdown, key: string, indicator: Indicator): string {
  const find = (list: [string, string][]) => list.find(([k]) => k === key)?.[1] ?? key;
  const monthOf = (iso: string) => `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
  switch (breakdown) {
    case 'age_band':
      return find(AGE_BANDS[indicator.ageBanding ?? 'statutory']);
    case 'gender':
      return find(GENDERS);
    case 'ethnicity_group':
      return find(ETHNICITY_GROUPS);
    case 'ethnicity':
      return ETHNICITIES[key] ?? key;
    case 'month':
      return key.length === 7 ? monthOf(key) : `${Number(key.slice(8))} ${monthOf(key)}`;
    case 'quarter': {
      if (indicator.periodType !== 'flow') return `${Number(key.slice(8))} ${monthOf(key)}`;
      const start = `${key.slice(0, 5)}${String(Number(key.slice(5, 7)) - 2).padStart(2, '0')}`;
      return `${monthOf(start).slice(0, 3)} to ${monthOf(key)}`;
    }
    case 'incidents':
      return key === '10' ? '10 or more' : key;
    default:
      return key;
  }
}

export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  age_band: 'Age',
  gender: 'Gender',
  ethnicity_group: 'Ethnic group',
  ethnicity: 'Ethnicity',
  category: 'Category',
  locality: 'Locality',
  agency: 'Agency',
  route: 'Route',
  issue: 'Presenting issue',
  month: 'Month',
  quarter: 'Quarter',
  incidents: 'Number of times',
};
