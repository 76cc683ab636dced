import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Tables whose creating forms carry an idempotency key. */
type Keyed = 'board_members' | 'board_meetings' | 'board_decisions' | 'board_plans' | 'board_priorities' | 'board_actions' | 'board_work_items';

/**
 * Inserts a row made by a creating form once: a second submission with the same key (a double click, a resend)
 * finds the first row instead of making another. Returns the row's id and whether this call made it.
 */
export async function insertOnce(db: Kysely<Database>, table: Keyed, key: string, row: Record<string, unknown>): Promise<{ id: string; created: boolean }> {
  const typed = db as unknown as Kysely<{ row: { id: string; idempotency_key: string } }>;
  const made = await typed.insertInto(table as unknown as 'row').values({ ...row, idempotency_key: key } as never).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').executeTakeFirst();
  if (made) return { id: made.id, created: true };
  const found = await typed.selectFrom(table as unknown as 'row').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  return { id: found.id, created: false };
}

export async function agencies(db: Kysely<Database>) {
  return db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
}

export const agencyChoices = async (db: Kysely<Database>) => Object.fromEntries((await agencies(db)).map((a) => [a.id, a.name]));

export async function members(db: Kysely<Database>, filter: { id?: string } = {}) {
  let query = db
    .selectFrom('board_members as m')
    .innerJoin('agencies as g', 'g.id', 'm.agency_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('m')
    .select(['g.name as agency_name', 'u.name as user_name']);
  if (filter.id) query = query.where('m.id', '=', filter.id);
  return query.orderBy('g.name').orderBy('m.from_on').orderBy('m.name').execute();
}

/** Members on the board on a day (for a meeting's attendance). */
export async function membersOn(db: Kysely<Database>, on: string) {
  return (await members(db)).filter((m) => m.from_on <= on && (!m.to_on || m.to_on >= on));
}

export async function meetings(db: Kysely<Database>, range?: { from: string; to: string }) {
  let query = db.selectFrom('board_meetings').selectAll();
  if (range) query = query.where('held_on', '>=', range.from).where('held_on', '<=', range.to);
  return query.orderBy('held_on', 'desc').execute();
}

export async function findMeeting(db: Kysely<Database>, id: string) {
  return db.selectFrom('board_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attendanceOf(db: Kysely<Database>, meetingIds: readonly string[]) {
  if (!meetingIds.length) return [];
  return db.selectFrom('board_attendance').selectAll().where('meeting_id', 'in', [...meetingIds]).execute();
}

export async function decisions(db: Kysely<Database>, meetingId?: string) {
  let query = db
    .selectFrom('board_decisions as d')
    .innerJoin('board_meetings as m', 'm.id', 'd.meeting_id')
    .selectAll('d')
    .select(['m.held_on', 'm.kind']);
  if (meetingId) query = query.where('d.meeting_id', '=', meetingId);
  return query.orderBy('m.held_on', 'desc').orderBy('d.created_at').execute();
}

/** Each financial year with a contribution or a meeting, newest first, for the choice of year. */
export async function yearsWithBusiness(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    SELECT DISTINCT year FROM (
      SELECT year_start AS year FROM board_contributions
      UNION SELECT (extract(year FROM held_on)::int - CASE WHEN extract(month FROM held_on) < 4 THEN 1 ELSE 0 END) FROM board_meetings
    ) y ORDER BY year DESC`.execute(db);
  return rows.map((r) => Number(r.year));
}
