/**
 * A hand-made year long before the demo's records (April 2001 to March 2002), for the dashboards' page and browser
 * tests, so every figure is worked out by hand: on 31 March 2002, 7 children aged 10 to 15 on a plan, 2 aged 1 to 4
 * and 1 aged 5 to 9 whose record is restricted (10 in all); one of the older children also had a plan from 10 April
 * that ended on 31 March 2002 (not open at its end). 10,000 children live in the area, so the rate is 10 per 10,000;
 * the target is 8 per 10,000. Each child was referred on 2 April 2001 (one child in need episode each).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { child, rows, uuid } from './indicators/fixtures.test-support.ts';

export const FIXTURE_YEAR = 2001;

export async function seedDashboardYear(db: Kysely<Database>): Promise<{ named: string[]; toddlers: string[]; restricted: string }> {
  const person = async (dob: string, name: string, isRestricted = false) => {
    const id = await child(db, { dob });
    const [given, family] = name.split(' ') as [string, string];
    await db.updateTable('people').set({ given_name: given, family_name: family, restricted: isRestricted }).where('id', '=', id).execute();
    return id;
  };
  const named: string[] = [];
  for (let i = 1; i <= 7; i++) named.push(await person('1990-06-01', `Older Fixturechild${i}`));
  const toddlers = [await person('1999-06-01', 'Toddler Fixtureone'), await person('1999-07-01', 'Toddler Fixturetwo')];
  const restricted = await person('1995-06-01', 'Hidden Fixturechild', true);
  // Each plan within a child in need episode referred that spring, as plans are (the picker offers years from the first referral).
  const episodes = new Map([...named, ...toddlers, restricted].map((p) => [p, uuid()]));
  await rows(db, 'cin_episodes', [...episodes].map(([personId, id]) => ({
    id, person_id: personId, referral_date: '2001-04-02', referral_source: '1A', referral_reason: 'Concerns', referral_nfa: false,
  })));
  const plan = (personId: string, start: string, end: string | null) => ({
    id: uuid(), episode_id: episodes.get(personId)!, person_id: personId, start_date: start, end_date: end, initial_category: 'NEG', categories: ['NEG'],
  });
  await rows(db, 'cp_plans', [...[...named, ...toddlers, restricted].map((p) => plan(p, '2001-06-01', null)), plan(named[0]!, '2001-04-10', '2002-03-31')]);
  await db.insertInto('population_estimates').values({ year: FIXTURE_YEAR, age: 5, count: 10_000 }).execute();
  await db.insertInto('indicator_benchmarks').values({ indicator_id: 'cp_plans_at_end', year: FIXTURE_YEAR, target: 8, statistical_neighbours: 9.5, england: 11, note: '' }).execute();
  return { named, toddlers, restricted };
}
