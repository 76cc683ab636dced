import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('LADO cases in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 11, years: 3, end: END });
  });
  after(() => connection.close());

  it('writes cases about adults in the person index, each with a child and its chronology entry', async () => {
    const db = connection.db;
    const cases = await db
      .selectFrom('lado_cases as c')
      .innerJoin('people as p', 'p.id', 'c.adult_id')
      .select(['c.id', 'c.received_on', 'c.closed_on', 'c.decision', 'p.person_type'])
      .execute();
    // Tiny is 2,000 children: about 4 concerns a year, over 3 years.
    assert.ok(cases.length >= 4 && cases.length <= 30, `about a dozen cases: ${cases.length}`);
    for (const c of cases) {
      assert.equal(c.person_type, 'adult');
      assert.ok(c.received_on <= END && (!c.closed_on || c.closed_on <= END));
    }
    const links = await db.selectFrom('lado_case_children as l').innerJoin('people as p', 'p.id', 'l.person_id').select(['l.case_id', 'p.person_type']).execute();
    assert.equal(links.length, cases.length);
    assert.ok(links.every((l) => l.person_type === 'child'));
    const entries = await db.selectFrom('chronology').select('record_id').where('entry_type', '=', 'lado.referred').execute();
    assert.equal(entries.length, cases.length);
    const meetings = await db.selectFrom('lado_meetings').select('case_id').execute();
    assert.ok(meetings.every((m) => cases.some((c) => c.id === m.case_id && c.decision === 'meeting')));
  });
});
