import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Connection, type Engine, openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';

/** Which engine this test run uses: `CAIRN_TEST_DB=postgres npm run test:unit` runs the suite on PostgreSQL. */
export const testEngine: Engine = process.env.CAIRN_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
/** The advisory lock under which test files migrate and drop their schemas. */
export const SCHEMA_CHANGES = 7728;
export const testPostgresUrl = process.env.CAIRN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a schema of its own on the real
 * PostgreSQL (dropped again on close), so runs never see each other's data. `engine` overrides the run's engine, for a
 * test that backs up on one and restores into the other.
 */
export async function testDatabase(seed?: Seed, engine: Engine = testEngine): Promise<Connection> {
  if (engine === 'embedded') return openDatabase({ engine: 'embedded', dataDir: null }, { loadDataDir: await snapshot(seed) });
  const schema = `cairn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  // pg_trgm lives in public, shared by every run: created in a test schema, it would vanish with that schema
  // (DROP … CASCADE) from under the test files running beside it. An advisory lock stops two runs racing to create it.
  await admin.query('SELECT pg_advisory_lock(7726)');
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
  await admin.query('SELECT pg_advisory_unlock(7726)');
  await admin.query(`CREATE SCHEMA ${schema}`);
  const connection = await openDatabase({ engine: 'postgres', url: testPostgresUrl }, { searchPath: schema });
  // Kysely's migrator reads the catalogue of every schema; a test file dropping its schema at that moment makes
  // the read fail. Migrating and dropping take turns under one lock, so files can run side by side.
  await admin.query(`SELECT pg_advisory_lock(${SCHEMA_CHANGES})`);
  try {
    await migrateToLatest(connection.db, schema);
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(${SCHEMA_CHANGES})`);
  }
  await seed?.run(connection.db);
  return {
    ...connection,
    close: async () => {
      await admin.query(`SELECT pg_advisory_lock(${SCHEMA_CHANGES})`);
      try {
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(connection.db);
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(${SCHEMA_CHANGES})`);
        await admin.end();
      }
      await connection.close();
    },
  };
}

/** Data every test file of a kind starts from (the demo partnership), named so that its snapshot can be kept. */
export interface Seed {
  name: string;
  run(db: Connection['db']): Promise<void>;
}

const sourceDir = new URL('../../src/', import.meta.url);

/**
 * A freshly migrated (and, when asked, seeded) embedded database, kept as a file between test processes: starting
 * PGlite from it takes well under a second, where creating, migrating and seeding one takes several. Named by a
 * hash of the source (migrations and seeds), the PGlite version and, for a seed, today's date (demo clocks are
 * dated from today), so any change makes a new one.
 */
async function snapshot(seed?: Seed): Promise<Blob> {
  const hash = createHash('sha256');
  const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|json)$/.test(f) && !f.endsWith('.test.ts')).sort();
  for (const file of seed ? files : files.filter((f) => f.startsWith('db/'))) hash.update(file).update(readFileSync(new URL(file, sourceDir)));
  hash.update(JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version);
  if (seed) hash.update(seed.name).update(ukToday());
  const file = join(tmpdir(), `cairn-test-db-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!existsSync(file)) {
    const connection = await openDatabase({ engine: 'embedded', dataDir: null }, seed ? { loadDataDir: await snapshot() } : {});
    if (!seed) await migrateToLatest(connection.db);
    await seed?.run(connection.db);
    const dump = await connection.dumpDataDir!();
    await connection.close();
    // Written aside and renamed, so a concurrent run never reads half a file.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}
