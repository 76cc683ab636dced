import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../../test/support/database.ts';
import type { Connection } from '../../../db/connection.ts';
import { seedDemoIfEmpty } from '../../../demo/seed.ts';
import { collectionPeriod } from '../engine.ts';
import { seed903Faults } from './faults.test-support.ts';
import { build903Return, validate903 } from './index.ts';

const settings = { laCode: '873', softwareCode: 'Cairn', release: '1' };

describe('SSDA903 seeded faults', () => {
  let t: Connection;
  before(async () => {
    t = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
  });
  after(() => t.close());

  it('reports each fault seeded into the records by the rule expected, on the child it was seeded on', async () => {
    const period = collectionPeriod(2027);
    const clean = validate903(await build903Return(t.db, period, settings), period, null).filter((f) => f.severity === 'error');
    assert.deepEqual(clean, []);
    const faults = await seed903Faults(t.db, period);
    assert.equal(faults.length, 5);
    const failures = validate903(await build903Return(t.db, period, settings), period, null);
    for (const fault of faults) {
      assert.ok(
        failures.some((f) => f.rule === fault.rule && f.child === fault.child),
        `${fault.what}: expected rule ${fault.rule} on ${fault.child}, found ${failures.map((f) => `${f.rule}/${f.child}`).join(', ')}`,
      );
    }
  });

  it('builds one child’s return alone when asked (personIds)', async () => {
    const period = collectionPeriod(2027);
    const whole = await build903Return(t.db, period, settings);
    const one = await t.db.selectFrom('people').select(['id', 'return_id']).where('return_id', '=', whole.Episodes[0]!.CHILD!).executeTakeFirstOrThrow();
    const ret = await build903Return(t.db, period, settings, { personIds: [one.id] });
    assert.deepEqual(new Set(ret.Header.map((h) => h.CHILD)), new Set([one.return_id]));
    assert.deepEqual(ret.Episodes, whole.Episodes.filter((e) => e.CHILD === one.return_id));
    assert.deepEqual((await build903Return(t.db, period, settings, { personIds: [] })).Header, []);
  });
});
