import type { Kysely, Updateable } from 'kysely';
import type { Database } from './types.ts';

/** Tables whose rows carry an id and a version (ARCHITECTURE.md "Data"). */
type VersionedTable = { [T in keyof Database]: Database[T] extends { id: unknown; version: unknown } ? T : never }[keyof Database];

/**
 * Saves a change to a row at the version the user read, moving the version on; false when someone else saved
 * first, so the caller can show both versions instead of overwriting. Rows are counted by what comes back:
 * PGlite does not report affected rows.
 */
export async function updateAtVersion<T extends VersionedTable>(db: Kysely<Database>, table: T, id: string, version: number, changes: Updateable<Database[T]>): Promise<boolean> {
  // Kysely cannot follow a table chosen at run time through its types; the signature above keeps callers honest.
  const result = await (db as unknown as Kysely<{ row: { id: string; version: number; updated_at: Date } }>)
    .updateTable(table as unknown as 'row')
    .set({ ...(changes as object), version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(result);
}
