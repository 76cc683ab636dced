import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';

/**
 * The financial year of the earliest contact or referral (where every child's story with services starts), for the
 * period picker; null when there are none. Two small scans rather than the chronology, the largest table there is.
 */
export async function earliestRecordYear(db: Kysely<Database>): Promise<number | null> {
  const { rows } = await sql<{ first: string | null }>`
    SELECT to_char(least(
      (SELECT min(received_at AT TIME ZONE 'Europe/London')::date FROM contacts),
      (SELECT min(referral_date) FROM cin_episodes)), 'YYYY-MM-DD') AS first`.execute(db);
  const first = rows[0]?.first;
  return first ? financialYearStart(first) : null;
}
