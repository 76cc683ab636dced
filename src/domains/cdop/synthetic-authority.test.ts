import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('child deaths in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 11, years: 3, end: END });
  });
  after(() => connection.close());

  it('writes a few deaths of children in the person index, each with requests, the panel’s involvement and a chronology entry', async () => {
    const db = connection.db;
    const cases = await db.selectFrom('cdop_cases as c').innerJoin('people as p', 'p.id', 'c.child_id').select(['c.id', 'c.died_on', 'c.reviewed_on', 'p.person_type']).execute();
    // Tiny is 2,000 children: about one death a year, over 3 years.
    assert.ok(cases.length >= 1 && cases.length <= 12, `a few deaths: ${cases.length}`);
    for (const c of cases) {
      assert.equal(c.person_type, 'child');
      assert.ok(c.died_on <= END && (!c.reviewed_on || c.reviewed_on <= END));
    }
    const requests = await db.selectFrom('cdop_requests').select('case_id').execute();
    assert.ok(cases.every((c) => requests.some((r) => r.case_id === c.id)));
    const cdop = await db.selectFrom('agencies').select('id').where('name', '=', 'Brackenshire Child Death Overview Panel').executeTakeFirstOrThrow();
    const involvements = await db.selectFrom('involvements').select('agency_id').where('basis', '=', 'cdop').execute();
    assert.ok(involvements.length === cases.length && involvements.every((i) => i.agency_id === cdop.id));
    assert.equal((await db.selectFrom('chronology').select('id').where('entry_type', '=', 'cdop.notified').execute()).length, cases.length);
  });
});
