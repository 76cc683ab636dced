import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrationNames } from '../../db/migrate.ts';
import { registry } from './metrics.ts';

const connectionErrors = async () => (await registry.getSingleMetric('cairn_database_errors_total')!.get()).values.find((v) => v.labels.kind === 'connection')?.value ?? 0;
const config = loadConfig({ CAIRN_DATA_DIR: ':memory:', SESSION_SECRET: 'test-secret-test-secret-test-secret-0000' });

describe('liveness and readiness', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers live and ready without a session, and keeps /health as an alias of ready', async () => {
    const live = await get('/health/live');
    assert.equal(live.statusCode, 200);
    assert.deepEqual(live.json(), { status: 'live' });
    for (const url of ['/health/ready', '/health']) {
      const ready = await get(url);
      assert.equal(ready.statusCode, 200, url);
      assert.equal(ready.json().status, 'ok');
      assert.equal(ready.json().database, t.database.engine);
      assert.equal(ready.headers['cache-control'], 'no-store');
    }
  });

  it('is not ready while a migration this version knows is missing from the database, and says which', async () => {
    const last = migrationNames().at(-1)!;
    const table = sql.table(`${t.database.schema}.kysely_migration`);
    const { rows } = await sql<{ timestamp: string }>`SELECT timestamp FROM ${table} WHERE name = ${last}`.execute(t.db);
    await sql`DELETE FROM ${table} WHERE name = ${last}`.execute(t.db);
    try {
      const ready = await get('/health/ready');
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'not ready', reason: `1 database migration is not applied: ${last}` });
      assert.equal((await get('/health')).statusCode, 503);
      assert.equal((await get('/health/live')).statusCode, 200, 'the process is still alive');
    } finally {
      await sql`INSERT INTO ${table} (name, timestamp) VALUES (${last}, ${rows[0]!.timestamp})`.execute(t.db);
    }
    assert.equal((await get('/health/ready')).statusCode, 200);
  });

  it('is not ready once shutting down, while staying live', async () => {
    t.app.lifecycle.shuttingDown = true;
    try {
      const ready = await get('/health/ready');
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'not ready', reason: 'Cairn is shutting down' });
      assert.equal((await get('/health/live')).statusCode, 200);
    } finally {
      t.app.lifecycle.shuttingDown = false;
    }
  });
});

describe('readiness without a database', () => {
  it('answers 503 quickly when PostgreSQL cannot be reached, and counts a connection failure', async () => {
    // Port 1 on this machine refuses connections: the database is down, not slow.
    const database = await openDatabase({ engine: 'postgres', url: 'postgres://cairn@127.0.0.1:1/cairn' });
    const app = await buildApp({ config, database, logger: false });
    try {
      const before = await connectionErrors();
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'not ready', reason: 'The database is not answering' });
      assert.equal(await connectionErrors(), before + 1);
      assert.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('answers 503 once the database has been closed', async () => {
    const database = await testDatabase();
    const app = await buildApp({ config, database, logger: false });
    try {
      await database.close();
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().reason, 'The database is not answering');
    } finally {
      await app.close();
    }
  });

  it('is not ready on a database nothing has been migrated into', async () => {
    const database = await testDatabase();
    await sql`DROP TABLE ${sql.table(`${database.schema}.kysely_migration`)}`.execute(database.db);
    const app = await buildApp({ config, database, logger: false });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().reason, 'The database has no migrations applied: run npm run cairn -- migrate');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
