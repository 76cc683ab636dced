import { DEFAULT_MIGRATION_TABLE, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/**
 * The names of the migrations recorded as applied in this schema, or null when the migration table does not exist
 * (a database nothing has been migrated into yet). Any other failure is the database's and is thrown.
 */
export async function appliedMigrationNames(db: Db, schema: string): Promise<string[] | null> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.${DEFAULT_MIGRATION_TABLE}`)}`.execute(db);
    return rows.map((r) => r.name);
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return null;
    throw error;
  }
}
