import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('MARAC in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 11, years: 3, end: END });
  });
  after(() => connection.close());

  it('refers households’ adults with their children, discussed at fortnightly meetings, the MARAC (not the police) involved while open', async () => {
    const db = connection.db;
    const cases = await db.selectFrom('marac_cases as c').innerJoin('people as v', 'v.id', 'c.victim_id').select(['c.id', 'c.referred_on', 'c.closed_on', 'v.person_type']).execute();
    assert.ok(cases.length >= 3, `some cases: ${cases.length}`);
    for (const c of cases) {
      assert.equal(c.person_type, 'adult');
      assert.ok(c.referred_on <= END && (!c.closed_on || c.closed_on <= END));
    }
    const children = await db.selectFrom('marac_case_children as k').innerJoin('people as p', 'p.id', 'k.person_id').select(['p.person_type']).execute();
    assert.ok(children.length >= cases.length && children.every((c) => c.person_type === 'child'));
    const discussions = await db.selectFrom('marac_discussions').select('case_id').execute();
    assert.ok(discussions.length >= cases.length, 'every case is on an agenda');
    const marac = await db.selectFrom('agencies').select('id').where('name', '=', 'Brackenshire MARAC').executeTakeFirstOrThrow();
    const involvements = await db.selectFrom('involvements').select('agency_id').where('basis', '=', 'marac').execute();
    assert.ok(involvements.length >= cases.length * 2 && involvements.every((i) => i.agency_id === marac.id));
  });
});
