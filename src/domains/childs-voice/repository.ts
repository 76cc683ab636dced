import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export const insertViews = (db: Kysely<Database>, row: Insertable<Database['child_views']>) => db.insertInto('child_views').values(row).execute();

const COLUMNS = ['id', 'person_id', 'recorded_on', 'in_their_words', 'captured_how', 'captured_other', 'feel_home', 'feel_school', 'feel_plan', 'wants', 'created_by'] as const;

/** A child's views, newest first (by the day they were given, then when recorded). */
export function viewsOf(db: Kysely<Database>, personId: string, limit = 50) {
  return db
    .selectFrom('child_views')
    .leftJoin('users', 'users.id', 'child_views.created_by')
    .select(COLUMNS.map((c) => `child_views.${c}` as const))
    .select('users.name as recordedBy')
    .where('child_views.person_id', '=', personId)
    .orderBy('child_views.recorded_on', 'desc')
    .orderBy('child_views.created_at', 'desc')
    .limit(limit)
    .execute();
}
export type ViewsRow = Awaited<ReturnType<typeof viewsOf>>[number];
