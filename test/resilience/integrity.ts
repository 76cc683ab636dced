import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

/**
 * After a crash: reads every row of every table and checks every B-tree index against its table with PostgreSQL's
 * amcheck, so a torn page or an index that lost entries is reported rather than found later by a user. Returns the
 * problems found (none is the answer hoped for). Open it only while nothing else has the database open (PGlite is
 * single-user).
 */
export async function integrityProblems(target: { dataDir: string } | { url: string }): Promise<string[]> {
  if ('dataDir' in target) {
    const pglite = await PGlite.create({ dataDir: target.dataDir, extensions: { amcheck, pg_trgm } });
    try {
      return await check((text) => pglite.query<Record<string, unknown>>(text).then((r) => r.rows));
    } finally {
      await pglite.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await check((text) => client.query(text).then((r) => r.rows as Record<string, unknown>[]));
  } finally {
    await client.end();
  }
}

async function check(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<string[]> {
  const problems: string[] = [];
  await query('CREATE EXTENSION IF NOT EXISTS amcheck');
  const tables = await query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  for (const { name } of tables) {
    try {
      await query(`SELECT count(*) FROM public."${String(name)}"`);
    } catch (error) {
      problems.push(`table ${String(name)} cannot be read: ${(error as Error).message}`);
    }
  }
  const indexes = await query(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND a.amname = 'btree' ORDER BY 1`,
  );
  for (const { name } of indexes) {
    try {
      // heapallindexed: every row in the table must be found in the index.
      await query(`SELECT bt_index_check('public."${String(name)}"'::regclass, true)`);
    } catch (error) {
      problems.push(`index ${String(name)}: ${(error as Error).message}`);
    }
  }
  if (!tables.length) problems.push('the database has no tables');
  return problems;
}
