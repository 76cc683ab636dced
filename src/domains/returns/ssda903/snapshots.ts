import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { parse903Files } from './csv.ts';
import type { Ssda903Return } from './tables.ts';

/**
 * The 903 as submitted, kept a year so next year's return can be checked against it (rules 202-208, 502, 503).
 * One snapshot per year: recording a year again replaces it only when asked (`replace`), because the DfE holds
 * what was submitted and a quiet overwrite would make next year's comparison against something it never saw.
 */
export async function record903Snapshot(
  db: Kysely<Database>,
  year: number,
  files: Record<string, string>,
  userId: string | null,
  options: { replace?: boolean } = {},
): Promise<'recorded' | 'replaced' | 'kept'> {
  parse903Files(files); // refuses files that cannot be read before anything is kept
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('statutory_return_snapshots')
      .select('id')
      .where('return_kind', '=', '903')
      .where('collection_year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    if (existing && !options.replace) return 'kept';
    if (existing) {
      await trx.updateTable('statutory_return_snapshots').set({ files: JSON.stringify(files), recorded_by: userId, recorded_at: new Date() }).where('id', '=', existing.id).execute();
      return 'replaced';
    }
    const inserted = await trx
      .insertInto('statutory_return_snapshots')
      .values({ return_kind: '903', collection_year: year, files: JSON.stringify(files), recorded_by: userId })
      .onConflict((oc) => oc.columns(['return_kind', 'collection_year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted ? 'recorded' : 'kept';
  });
}

/** Last year's return as submitted (the year before `year`), or null when none was recorded. */
export async function previous903(db: Kysely<Database>, year: number): Promise<Ssda903Return | null> {
  const row = await db.selectFrom('statutory_return_snapshots').select('files').where('return_kind', '=', '903').where('collection_year', '=', year - 1).executeTakeFirst();
  if (!row) return null;
  const files = typeof row.files === 'string' ? (JSON.parse(row.files) as Record<string, string>) : row.files;
  return parse903Files(files);
}
