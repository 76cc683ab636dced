import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Connection, type Engine, openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';

/** Which engine this test run uses: `CAIRN_TEST_DB=postgres npm run test:unit` runs the suite on PostgreSQL. */
export const testEngine: Engine = process.env.CAIRN_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
/** The advisory lock under which test files migrate and drop their schemas. */
export const SCHEMA_CHANGES = 7728;
export const testPostgresUrl = process.env.CAIRN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A test database; on PostgreSQL, `url` reaches it (for a test that connects again, through a proxy or as a second client). */
export type TestConnection = Connection & { url?: string };

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a database of its own on the real PostgreSQL
 * (dropped again on close), so runs never see each other's data. `engine` overrides the run's engine, for a test that
 * backs up on one and restores into the other.
 */
export async function testDatabase(seed?: Seed, engine: Engine = testEngine): Promise<TestConnection> {
  if (engine === 'embedded') return openDatabase({ engine: 'embedded', dataDir: null }, { loadDataDir: await snapshot(seed) });
  const template = await postgresTemplate(seed);
  const name = `cairn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const connection = await openDatabase({ engine: 'postgres', url });
  return {
    ...connection,
    url,
    close: async () => {
      await connection.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** Templates older than this are dropped by the next run that makes one (an edit to the source makes a new one). */
const TEMPLATE_MAX_AGE_SECONDS = 3600;

/**
 * PostgreSQL's counterpart of the embedded snapshot: a database migrated (and seeded) once, which each test file
 * copies with CREATE DATABASE … TEMPLATE in a fraction of the time migrating and seeding takes. Built under an
 * advisory lock under another name and renamed when complete, so a file never copies half a template; named by the
 * same hash as the snapshot and the time it was made, so stale ones can be told apart and dropped.
 */
async function postgresTemplate(seed?: Seed): Promise<string> {
  const prefix = `cairn_tpl_${sourceHash(seed, 'postgres')}_`;
  const existing = async (admin: pg.Client) =>
    (await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).rows[0]?.datname;
  return withAdmin(async (admin) => {
    const found = await existing(admin);
    if (found) return found;
    await admin.query(`SELECT pg_advisory_lock(${SCHEMA_CHANGES})`);
    try {
      const made = await existing(admin);
      if (made) return made;
      const now = Math.floor(Date.now() / 1000);
      for (const { datname } of (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cairn\\_tpl\\_%'")).rows) {
        // A template a run elsewhere is copying cannot be dropped; it goes next time.
        if (now - Number(datname.split('_').at(-1)) > TEMPLATE_MAX_AGE_SECONDS) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
      }
      const building = `cairn_building_${process.pid}_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const connection = await openDatabase({ engine: 'postgres', url: databaseUrl(building) });
      try {
        await migrateToLatest(connection.db);
        await seed?.run(connection.db);
      } finally {
        await connection.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${prefix}${now}`);
      return `${prefix}${now}`;
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(${SCHEMA_CHANGES})`);
    }
  });
}

/** Data every test file of a kind starts from (the demo partnership), named so that its snapshot can be kept. */
export interface Seed {
  name: string;
  run(db: Connection['db']): Promise<void>;
}

const sourceDir = new URL('../../src/', import.meta.url);

/**
 * What a prepared database depends on: the source of migrations (and, for a seed, every source file), the engine
 * (PGlite's version), and for a seed its name and today's date (demo clocks are dated from today).
 */
function sourceHash(seed: Seed | undefined, engine: Engine): string {
  const hash = createHash('sha256');
  const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|json)$/.test(f) && !f.endsWith('.test.ts')).sort();
  for (const file of seed ? files : files.filter((f) => f.startsWith('db/'))) hash.update(file).update(readFileSync(new URL(file, sourceDir)));
  if (engine === 'embedded') hash.update(JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version);
  if (seed) hash.update(seed.name).update(ukToday());
  return hash.digest('hex').slice(0, 16);
}

/**
 * A freshly migrated (and, when asked, seeded) embedded database, kept as a file between test processes: starting
 * PGlite from it takes well under a second, where creating, migrating and seeding one takes several. Named by
 * `sourceHash`, so any change makes a new one.
 */
async function snapshot(seed?: Seed): Promise<Blob> {
  const file = join(tmpdir(), `cairn-test-db-${sourceHash(seed, 'embedded')}.tar`);
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
