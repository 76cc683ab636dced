import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type Connection, type Engine, openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** Which engine this test run uses: `CAIRN_TEST_DB=postgres npm run test:unit` runs the suite on PostgreSQL. */
export const testEngine: Engine = process.env.CAIRN_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
export const testPostgresUrl = process.env.CAIRN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a schema of its own on the real
 * PostgreSQL (dropped again on close), so runs never see each other's data.
 */
export async function testDatabase(): Promise<Connection> {
  if (testEngine === 'embedded') {
    const connection = await openDatabase({ engine: 'embedded', dataDir: null });
    await migrateToLatest(connection.db);
    return connection;
  }
  const schema = `cairn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const connection = await openDatabase({ engine: 'postgres', url: testPostgresUrl }, { searchPath: schema });
  await migrateToLatest(connection.db, schema);
  return {
    ...connection,
    close: async () => {
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(connection.db);
      await connection.close();
    },
  };
}
