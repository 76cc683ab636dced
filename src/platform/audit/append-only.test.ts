import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { Connection } from '../../db/connection.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { recordAccess } from './audit.ts';

describe('the access audit is append-only in the database', () => {
  let database: Connection;
  before(async () => {
    database = await testDatabase();
    await recordAccess(database.db, { userId: null, action: 'test.entry', outcome: 'allowed', resourceType: 'test' });
  });
  after(() => database.close());

  const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM access_audit`.execute(database.db)).rows[0]!.n);

  it('refuses DELETE', async () => {
    await assert.rejects(sql`DELETE FROM access_audit`.execute(database.db), /append-only/);
    await assert.rejects(database.db.deleteFrom('access_audit').where('action', '=', 'test.entry').execute(), /append-only/);
    assert.equal(await count(), 1);
  });

  it('refuses UPDATE', async () => {
    await assert.rejects(sql`UPDATE access_audit SET reason = 'changed'`.execute(database.db), /append-only/);
    const row = await database.db.selectFrom('access_audit').select('reason').executeTakeFirstOrThrow();
    assert.equal(row.reason, null);
  });

  it('refuses TRUNCATE', async () => {
    await assert.rejects(sql`TRUNCATE access_audit`.execute(database.db), /append-only/);
    assert.equal(await count(), 1);
  });

  it('still accepts new entries', async () => {
    await recordAccess(database.db, { userId: null, action: 'test.entry', outcome: 'denied', resourceType: 'test' });
    assert.equal(await count(), 2);
  });
});
