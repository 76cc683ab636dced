import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-06-30';

describe('Section 11 in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 7, years: 3, end: END });
  });
  after(() => connection.close());

  it('has a round every two years with a return from every partner agency rating the nine default standards', async () => {
    const db = connection.db;
    const rounds = await db.selectFrom('section11_rounds').selectAll().orderBy('opens_on').execute();
    assert.deepEqual(rounds.map((r) => r.opens_on), ['2020-05-19', '2022-05-19', '2024-05-19']);
    assert.ok(rounds.every((r) => r.closed_on && r.closed_on <= END));
    const standards = await db.selectFrom('section11_round_standards as s').innerJoin('section11_standards as d', 'd.id', 's.standard_id').select(['s.round_id', 'd.number']).execute();
    assert.equal(standards.length, 27, 'each round copies the nine default standards');
    const returns = await db.selectFrom('section11_returns').select(['id', 'status', 'submitted_by']).execute();
    assert.equal(returns.length, 24);
    assert.ok(returns.every((r) => r.status === 'submitted' && r.submitted_by));
    const ratings = await db.selectFrom('section11_ratings').select('rating').execute();
    assert.equal(ratings.length, 24 * 9);
  });
});
