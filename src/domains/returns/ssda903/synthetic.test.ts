import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../../test/support/database.ts';
import type { Connection } from '../../../db/connection.ts';
import { generateAuthority } from '../../../synthetic/authority.ts';
import { collectionPeriod } from '../engine.ts';
import { build903Return, parse903Files, validate903, write903Files } from './index.ts';

const settings = { laCode: '873', softwareCode: 'Cairn', release: '1' };

/** The generated authority (the tiny scale: 2,000 children, three years of journeys to 31 March 2025: enough for a looked-after child to go missing in the last). */
describe('SSDA903 of the synthetic authority', () => {
  let t: Connection;
  before(async () => {
    t = await testDatabase();
    await generateAuthority(t.db, { scale: 'tiny', seed: 1, years: 3, end: '2025-03-31' });
  });
  after(() => t.close());

  it('exports 2024-25 with no errors, and reads back the same', async () => {
    const period = collectionPeriod(2025);
    const ret = await build903Return(t.db, period, settings);
    const failures = validate903(ret, period, null);
    assert.ok(ret.Episodes.length > 20 && ret.Reviews.length > 0 && ret.OC2.length > 0 && ret.OC3.length > 0 && ret.Missing.length > 0);
    assert.deepEqual(parse903Files(write903Files(ret)), ret);
    assert.deepEqual(failures.filter((f) => f.severity === 'error'), []);
  });
});
