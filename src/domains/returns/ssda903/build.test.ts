import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../../test/support/database.ts';
import type { Connection } from '../../../db/connection.ts';
import { seedDemoIfEmpty } from '../../../demo/seed.ts';
import { collectionPeriod } from '../engine.ts';
import { build903Return, parse903Files, validate903, write903Files } from './index.ts';

const settings = { laCode: '873', softwareCode: 'Cairn', release: '1' };

describe('SSDA903 built from the demo authority', () => {
  // The demo authority as every app test sees it (the same seeded database), without starting the app.
  let t: Connection;
  before(async () => {
    t = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
  });
  after(() => t.close());

  for (const year of [2026, 2027]) it(`exports ${year - 1}-${String(year).slice(2)} with every table and no errors`, async () => {
    const period = collectionPeriod(year);
    const ret = await build903Return(t.db, period, settings);
    const files = write903Files(ret);
    const again = parse903Files(files);
    assert.deepEqual(again, ret);
    const failures = validate903(ret, period, null);
    assert.deepEqual(failures.filter((f) => f.severity === 'error'), []);
    assert.ok(ret.Episodes.length > 0 && ret.Header.length > 0);
  });
});
