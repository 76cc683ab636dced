import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/types.ts';

/**
 * The first and last day anything the report counts was recorded on: contacts, children in need, plans, care,
 * early help and missing episodes. Only the year list reads it, so a scan of each table is fine.
 */
export async function recordedRange(db: Kysely<Database>): Promise<{ first: string | null; last: string | null }> {
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    SELECT to_char(min(d), 'YYYY-MM-DD') AS first, to_char(max(d), 'YYYY-MM-DD') AS last FROM (
      SELECT min((received_at AT TIME ZONE 'Europe/London')::date) AS d FROM contacts
      UNION ALL SELECT max((received_at AT TIME ZONE 'Europe/London')::date) FROM contacts
      UNION ALL SELECT min(referral_date) FROM cin_episodes UNION ALL SELECT max(referral_date) FROM cin_episodes
      UNION ALL SELECT min(start_date) FROM cp_plans UNION ALL SELECT max(start_date) FROM cp_plans
      UNION ALL SELECT min(start_date) FROM care_periods UNION ALL SELECT max(start_date) FROM care_periods
      UNION ALL SELECT min(started_on) FROM early_help_assessments UNION ALL SELECT max(started_on) FROM early_help_assessments
      UNION ALL SELECT min((started_at AT TIME ZONE 'Europe/London')::date) FROM missing_episodes
      UNION ALL SELECT max((started_at AT TIME ZONE 'Europe/London')::date) FROM missing_episodes
    ) x`.execute(db);
  return rows[0] ?? { first: null, last: null };
}

export interface CommentaryRow {
  body: string;
  version: number;
  updatedAt: Date | null;
}

/** One section's commentary for a year, or an empty one at version 0 when none is written. */
export async function commentary(db: Kysely<Database>, year: number, section: string): Promise<CommentaryRow> {
  const row = await db.selectFrom('report_commentary').select(['body', 'version', 'updated_at']).where('year', '=', year).where('section', '=', section).executeTakeFirst();
  return row ? { body: row.body, version: row.version, updatedAt: new Date(row.updated_at) } : { body: '', version: 0, updatedAt: null };
}

/**
 * Saves a section's commentary at the version read: version 0 creates the row (nothing if someone created it
 * meanwhile), any other updates it only while it is still that version. Returns the new version, or null when the
 * record changed first.
 */
export async function saveCommentary(db: Kysely<Database>, input: { year: number; section: string; body: string; version: number; actorId: string }): Promise<number | null> {
  if (input.version === 0) {
    const row = await db
      .insertInto('report_commentary')
      .values({ year: input.year, section: input.section, body: input.body, updated_by: input.actorId, updated_at: new Date() })
      .onConflict((oc) => oc.columns(['year', 'section']).doNothing())
      .returning('version')
      .executeTakeFirst();
    return row?.version ?? null;
  }
  const row = await db
    .updateTable('report_commentary')
    .set((eb) => ({ body: input.body, version: eb('version', '+', 1), updated_at: new Date(), updated_by: input.actorId }))
    .where('year', '=', input.year)
    .where('section', '=', input.section)
    .where('version', '=', input.version)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}
