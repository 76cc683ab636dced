import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * The synthetic authority's population estimates: every child of the authority is in its person index, so the
 * "published" mid-year estimate for each year of the data is its own count of children by single year of age on
 * 30 June. Rates per 10,000 children then divide by the same population the journeys were drawn from.
 */
export async function estimatePopulation(db: Kysely<Database>, window: { start: string; end: string }): Promise<void> {
  const first = Number(window.start.slice(0, 4));
  const last = Number(window.end.slice(0, 4));
  await sql`
    INSERT INTO population_estimates (year, age, count, source)
    SELECT y.year, a.age, count(*)::int, 'Synthetic authority: children in the person index on 30 June'
    FROM generate_series(${first}::int, ${last}::int) AS y(year)
    CROSS JOIN LATERAL (SELECT make_date(y.year, 6, 30) AS mid) m
    JOIN people p ON p.person_type = 'child' AND p.date_of_birth <= m.mid AND (p.date_of_death IS NULL OR p.date_of_death > m.mid)
    CROSS JOIN LATERAL (SELECT date_part('year', age(m.mid, p.date_of_birth))::int AS age) a
    WHERE a.age < 18
    GROUP BY y.year, a.age`.execute(db);
}
