import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

export const AGE_BANDS = ['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 to 17'] as const;

/** Children in the person index today (merged duplicates not counted), by age band and sex. */
export async function childrenByAgeAndSex(db: Kysely<Database>): Promise<{ band: string; sex: string; count: number }[]> {
  const age = sql<number>`date_part('year', age(current_date, date_of_birth))`;
  const band = sql<string>`CASE
      WHEN ${age} < 1 THEN 'Under 1'
      WHEN ${age} < 5 THEN '1 to 4'
      WHEN ${age} < 10 THEN '5 to 9'
      WHEN ${age} < 16 THEN '10 to 15'
      ELSE '16 to 17' END`;
  const rows = await db
    .selectFrom('people')
    .select([band.as('band'), sql<string>`coalesce(sex, 'U')`.as('sex'), (eb) => eb.fn.countAll<string>().as('count')])
    .where('person_type', '=', 'child')
    .where('merged_into', 'is', null)
    .where('date_of_birth', 'is not', null)
    .where(sql<boolean>`${age} < 18`)
    .groupBy(['band', 'sex'])
    .execute();
  return rows.map((r) => ({ band: r.band, sex: r.sex, count: Number(r.count) }));
}

export async function peopleByType(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('people')
    .select(['person_type', (eb) => eb.fn.countAll<string>().as('count')])
    .where('merged_into', 'is', null)
    .groupBy('person_type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.person_type, Number(r.count)]));
}
