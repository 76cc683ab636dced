import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';

/**
 * The financial year of the earliest contact or referral (where every child's story with services starts), for the
 * period picker; null when there are none. Contacts are read through their agency index (the earliest per agency, a
 * few index probes); referrals in one pass over the episodes, a much smaller table. The chronology, the largest table
 * there is, is not read.
 */
export async function earliestRecordYear(db: Kysely<Database>): Promise<number | null> {
  const { rows } = await sql<{ first: string | null }>`
    SELECT to_char(least(
      (SELECT min((SELECT min(c.received_at) FROM contacts c WHERE c.made_by_agency_id = a.id)) FROM agencies a) AT TIME ZONE 'Europe/London',
      (SELECT min(referral_date) FROM cin_episodes)), 'YYYY-MM-DD') AS first`.execute(db);
  const first = rows[0]?.first;
  return first ? financialYearStart(first) : null;
}
