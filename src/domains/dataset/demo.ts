import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';

/**
 * The demo authority's population estimates (about 44,000 children aged 0 to 17, like the seed's unitary
 * authority: 349 children in care at a rate of 79.3 per 10,000) and each indicator's target and comparators for
 * this and last financial year, from the seeds' reports where they give them (targets of 74.0 for children in care
 * and 16% for repeat plans, statistical neighbours at 53.4 per 10,000 for plans starting) and from England's
 * published figures of recent years, rounded, for the rest.
 */

/** Children of each age, 0 to 17, in this year: a high birth rate, so the youngest years are the largest. */
const PROFILE = [2560, 2590, 2600, 2580, 2560, 2530, 2510, 2490, 2470, 2450, 2430, 2410, 2390, 2380, 2360, 2340, 2300, 2250];
/** Each year before this one had about 0.8% fewer children. */
const GROWTH = 0.008;

export function demoPopulation(year: number, thisYear: number): number[] {
  const scale = 1 - GROWTH * (thisYear - year);
  // A small fixed wobble by year and age, so no two years are exact multiples of each other.
  return PROFILE.map((count, age) => Math.round(count * scale) + (((year * 31 + age * 17) % 23) - 11));
}

type Figures = { target?: number; statisticalNeighbours?: number; england?: number; note?: string };

/** In each indicator's own unit (percent, rate per 10,000 children, or a number), as the targets page shows them. */
const BENCHMARKS: Record<string, Figures> = {
  contacts: { statisticalNeighbours: 1520.0, note: 'Contacts per 10,000 children; no England figure is published.' },
  referrals: { statisticalNeighbours: 560.2, england: 544.5 },
  re_referrals_12m: { target: 20, statisticalNeighbours: 21.8, england: 22.4 },
  referrals_to_assessment: { statisticalNeighbours: 88.0, england: 86.5 },
  assessments_45wd: { target: 85, statisticalNeighbours: 84.1, england: 82.7 },
  cin_at_end: { statisticalNeighbours: 345.6, england: 333.3 },
  cp_plans_at_end: { statisticalNeighbours: 53.4, england: 41.6, note: 'Statistical neighbours as reported to the board.' },
  cp_plans_starting: { statisticalNeighbours: 53.4, england: 52.1 },
  cp_plans_ending: { statisticalNeighbours: 54.0, england: 53.6 },
  cp_repeat_ever: { target: 16, statisticalNeighbours: 21.5, england: 23.8, note: 'Target set by the board in its scrutiny of key indicators.' },
  cp_repeat_2y: { target: 5, england: 4.1 },
  cp_ended_2y: { target: 3, statisticalNeighbours: 3.6, england: 3.3 },
  cp_open_2y: { target: 0, note: 'No child should be subject to a plan for more than two years.' },
  cp_reviews_on_time: { target: 100, statisticalNeighbours: 92.5, england: 91.0 },
  cp_allocated: { target: 100 },
  cic_at_end: { target: 74.0, statisticalNeighbours: 71.2, england: 70.0 },
  cic_admissions: { target: 29.0, statisticalNeighbours: 28.4, england: 27.6, note: 'About 11 admissions a month.' },
  cic_placement_moves: { target: 8, statisticalNeighbours: 10.0, england: 10.0, note: 'Children in care with 3 or more placements in the year: lower is better.' },
  cic_placement_long: { target: 70, statisticalNeighbours: 69.0, england: 71.0 },
  cic_reviews_on_time: { target: 98, statisticalNeighbours: 93.0 },
  cic_allocated: { target: 100 },
  eh_assessments: { target: 150.0, note: 'Early help assessments per 10,000 children.' },
  masg_referrals: {},
  missing_incidents: { statisticalNeighbours: 95.0 },
  missing_children: { statisticalNeighbours: 33.0 },
  marac_cases: { target: 400, note: 'Cases heard in the year, from SafeLives’ recommended level for the population.' },
  lado_referrals: { statisticalNeighbours: 150 },
};

export async function seedDatasetDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const thisYear = Number(today.slice(0, 4));
  const analyst = org.userIds['alex.brent@cairn.example'] ?? null;
  const estimates = [];
  for (let year = thisYear - 5; year <= thisYear; year++) {
    const source = year === thisYear ? `Projection from the ONS mid-year estimate ${year - 1}` : `ONS mid-year estimate ${year}`;
    estimates.push(...demoPopulation(year, thisYear).map((count, age) => ({ year, age, count, source, updated_by: analyst })));
  }
  await db.insertInto('population_estimates').values(estimates).execute();

  const fy = financialYearStart(today);
  const rows = [fy - 1, fy].flatMap((year) =>
    Object.entries(BENCHMARKS)
      .filter(([, f]) => Object.keys(f).length)
      .map(([indicatorId, f]) => ({
        indicator_id: indicatorId,
        year,
        target: f.target ?? null,
        // Last year's comparators were a little higher, so the two years differ.
        statistical_neighbours: f.statisticalNeighbours === undefined ? null : year === fy ? f.statisticalNeighbours : Math.round(f.statisticalNeighbours * 10.2) / 10,
        england: f.england === undefined ? null : year === fy ? f.england : Math.round(f.england * 10.1) / 10,
        note: f.note ?? '',
        updated_by: analyst,
      })),
  );
  await db.insertInto('indicator_benchmarks').values(rows).execute();
}
