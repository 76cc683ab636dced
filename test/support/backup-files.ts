import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { type Connection, type Engine, openDatabase } from '../../src/db/connection.ts';
import { SCHEMA_CHANGES, testPostgresUrl } from './database.ts';

/**
 * Every table's row count and an MD5 of all its rows in byte order, read independently of the backup's own
 * checksums (another query, another order, another hash), so a restore is compared with its source honestly.
 */
export async function fingerprint(connection: Connection): Promise<Record<string, string>> {
  return connection.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    const { rows: tables } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = ${connection.schema} AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_migration%'
      ORDER BY table_name`.execute(trx);
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await sql<{ count: number; digest: string }>`
        SELECT count(*)::int AS count, md5(COALESCE(string_agg(to_jsonb(r.*)::text, E'\\n' ORDER BY to_jsonb(r.*)::text COLLATE "C"), '')) AS digest
        FROM ${sql.id(connection.schema, name)} AS r`.execute(trx);
      result[name] = `${rows[0]!.count} rows ${rows[0]!.digest}`;
    }
    return result;
  });
}

export async function appliedMigrationNames(connection: Connection): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.id(connection.schema, 'kysely_migration')} ORDER BY name`.execute(connection.db);
  return rows.map((r) => r.name);
}

export const backupLines = (file: string): string[] => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(0, -1);

/**
 * Writes a changed copy of a backup that is still internally consistent (counts and checksums recomputed), so a
 * test can show what restore does with a sound file that says something awkward, rather than a damaged one.
 */
export function forgeBackup(from: string, to: string, change: { header?: (header: Record<string, unknown>) => void; row?: (table: string, line: string) => string | null }): void {
  const out: string[] = [];
  const fileHash = createHash('sha256');
  const tables: { name: string; rows: number; sha256: string }[] = [];
  let table: { name: string; rows: number; hash: ReturnType<typeof createHash> } | undefined;
  const push = (line: string) => {
    out.push(line);
    fileHash.update(line).update('\n');
  };
  for (const line of backupLines(from)) {
    if (line.startsWith('#cairn-backup ')) {
      const header = JSON.parse(line.slice('#cairn-backup '.length)) as Record<string, unknown>;
      change.header?.(header);
      push(`#cairn-backup ${JSON.stringify(header)}`);
    } else if (line.startsWith('#table ')) {
      table = { name: (JSON.parse(line.slice(7)) as { name: string }).name, rows: 0, hash: createHash('sha256') };
      push(line);
    } else if (line.startsWith('#end ')) {
      const summary = { name: table!.name, rows: table!.rows, sha256: table!.hash.digest('hex') };
      tables.push(summary);
      push(`#end ${JSON.stringify(summary)}`);
    } else if (line.startsWith('#complete ')) {
      out.push(`#complete ${JSON.stringify({ tables, sha256: fileHash.digest('hex') })}`);
    } else {
      const changed = change.row ? change.row(table!.name, line) : line;
      if (changed === null) continue;
      table!.rows += 1;
      table!.hash.update(changed).update('\n');
      push(changed);
    }
  }
  writeFileSync(to, gzipSync(`${out.join('\n')}\n`));
}

/**
 * A database that has never been migrated, as a restore finds a new one: in-memory PGlite, or a schema of its own
 * on PostgreSQL (dropped on close). On PostgreSQL, `schemaChanges` runs work that migrates under the lock test
 * files share, so that it never reads the catalogue while another file drops its schema.
 */
export async function unmigratedDatabase(engine: Engine): Promise<Connection & { schemaChanges<T>(work: () => Promise<T>): Promise<T> }> {
  if (engine === 'embedded') {
    const connection = await openDatabase({ engine: 'embedded', dataDir: null });
    return { ...connection, schemaChanges: (work) => work() };
  }
  const schema = `cairn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const connection = await openDatabase({ engine: 'postgres', url: testPostgresUrl }, { searchPath: schema });
  const schemaChanges = async <T>(work: () => Promise<T>): Promise<T> => {
    await admin.query(`SELECT pg_advisory_lock(${SCHEMA_CHANGES})`);
    try {
      return await work();
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(${SCHEMA_CHANGES})`);
    }
  };
  return {
    ...connection,
    schemaChanges,
    close: async () => {
      await schemaChanges(() => sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(connection.db));
      await admin.end();
      await connection.close();
    },
  };
}
