import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { testEngine } from '../support/database.ts';
import { integrityProblems } from './integrity.ts';
import { type Child, runChild, type ServerDatabase, serverDatabase, startServer } from './server.ts';

/** How many rows each table holds, by name. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db)).rows[0]!.n);
  }
  return counts;
}

/** Bytes under a directory. */
function bytesUnder(dir: string): number {
  // A file can go between listing and reading its size (PostgreSQL renames and removes its own).
  const size = (f: string) => statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((sum, f) => sum + size(f), 0);
}

/**
 * Resolves once the bulk write is under way inside its transaction: on PostgreSQL a backend of that database holds a
 * transaction id (it has written); on PGlite the table files have grown by megabytes (PostgreSQL extends them as rows
 * are added, before anything commits).
 */
async function writing(database: ServerDatabase, stillRunning: () => boolean): Promise<void> {
  const target = database.integrityTarget;
  const check: () => Promise<boolean> =
    'dataDir' in target
      ? (() => {
          const baseline = bytesUnder(join(target.dataDir, 'base'));
          return async () => bytesUnder(join(target.dataDir, 'base')) > baseline + 2 * 1024 * 1024;
        })()
      : async () => {
          const client = new pg.Client({ connectionString: target.url });
          await client.connect();
          try {
            const r = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()');
            return r.rows[0].n > 0;
          } finally {
            await client.end();
          }
        };
  // Generous: on a busy machine starting the CLI (TypeScript, PGlite) alone can take half a minute.
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (!stillRunning()) throw new Error('The bulk write finished before it could be interrupted');
    if (Date.now() > deadline) throw new Error('The bulk write did not start writing within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until no one else is connected to the database; how long that took. */
async function backendsGone(url: string): Promise<number> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const r = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (r.rows[0].n === 0) return Date.now() - started;
      if (Date.now() - started > 60_000) throw new Error('The killed load’s backend was still running a minute later');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

describe(`a bulk write killed (SIGKILL) part-way, on ${testEngine === 'embedded' ? 'PGlite on disk' : 'PostgreSQL'}`, () => {
  let database: ServerDatabase;
  const children: Child[] = [];
  before(async () => {
    database = await serverDatabase({ seeded: false });
  });
  after(async () => {
    for (const child of children) await child.kill();
    await database.drop();
  });

  it('leaves the database as it was before the load (so the load can simply be run again), opening and serving', async (t) => {
    const fresh = await database.open();
    const before = await rowCounts(fresh.db);
    await fresh.close();
    // What `seed-demo` takes as empty, so finding the same counts afterwards means it would load again.
    assert.equal(before.agencies, 0);

    // `seed-demo` loads the demo partnership (about 200 children and their journeys) in one transaction.
    const started = Date.now();
    const seeding = runChild('src/cli/index.ts', ['seed-demo'], database.env);
    children.push(seeding);
    await writing(database, () => seeding.process.exitCode === null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await seeding.kill();
    assert.equal(seeding.process.signalCode, 'SIGKILL', `the load was still running when killed:\n${seeding.output()}`);
    t.diagnostic(`killed ${Date.now() - started} ms after the load started`);
    // PostgreSQL only sees its client has gone when the statement it is running ends; then it rolls the load back.
    if ('url' in database.integrityTarget) t.diagnostic(`the load's backend ended ${await backendsGone(database.integrityTarget.url)} ms after the kill`);

    // The server starts on what is left (recovering the database), migrates and serves its sign-in page.
    const server = await startServer({ ...database, env: { ...database.env, DEMO: 'false' } });
    children.push(server);
    try {
      assert.equal((await fetch(`${server.baseUrl}/sign-in`)).status, 200);
    } finally {
      await server.stop();
    }
    const afterKill = await database.open();
    try {
      assert.deepEqual(await migrateToLatest(afterKill.db), [], 'every migration is still recorded as applied');
      assert.deepEqual(await rowCounts(afterKill.db), before, 'nothing of the interrupted load remains: every table holds what it held before');
    } finally {
      await afterKill.close();
    }
    assert.deepEqual(await integrityProblems(database.integrityTarget), [], 'every table reads and every index matches its table');
  });
});
