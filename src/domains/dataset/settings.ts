import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** The small-number threshold every published figure is suppressed at (counts from 1 to it are shown as "*"). */
export async function suppressionThreshold(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('dataset_settings').select('suppression_threshold').executeTakeFirst();
  return row?.suppression_threshold ?? 5;
}
