import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../../test/support/database.ts';
import type { Connection } from '../../../db/connection.ts';
import { ReturnFileError } from '../engine.ts';
import { parse903Files, previous903, record903Snapshot, write903Files } from './index.ts';
import { emptyReturn } from './tables.ts';

describe('SSDA903 snapshots as submitted', () => {
  let t: Connection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  const files = (sex: string) => {
    const ret = emptyReturn();
    ret.Header.push({ CHILD: 'C1', SEX: sex, DOB: '01/06/2012', ETHNIC: 'WBRI', UPN: 'UN2', MOTHER: '0', MC_DOB: '' });
    return write903Files(ret);
  };

  it('keeps one per year: a second recording is kept out unless replacing is asked for; next year reads it', async () => {
    assert.equal(await previous903(t.db, 2026), null);
    assert.equal(await record903Snapshot(t.db, 2025, files('F'), null), 'recorded');
    assert.equal(await record903Snapshot(t.db, 2025, files('M'), null), 'kept');
    assert.equal((await previous903(t.db, 2026))!.Header[0]!.SEX, 'F');
    assert.equal(await record903Snapshot(t.db, 2025, files('M'), null, { replace: true }), 'replaced');
    assert.deepEqual(await previous903(t.db, 2026), parse903Files(files('M')));
    assert.equal(await previous903(t.db, 2025), null);
    const rows = await t.db.selectFrom('statutory_return_snapshots').select('id').where('return_kind', '=', '903').execute();
    assert.equal(rows.length, 1);
  });

  it('refuses files it cannot read before keeping anything', async () => {
    await assert.rejects(record903Snapshot(t.db, 2024, { 'header.csv': 'CHILD,SEX\r\n' }, null), ReturnFileError);
    assert.equal(await previous903(t.db, 2025), null);
  });
});
