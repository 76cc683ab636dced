import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';
import { ageOn, isDisabled } from './rules.ts';

const END = '2025-03-31';

describe('private fostering in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 4, years: 3, end: END });
  });
  after(() => connection.close());

  it('makes arrangements only for children young enough and not known to social care, with carers and visits', async () => {
    const db = connection.db;
    const rows = await db
      .selectFrom('private_fostering_arrangements as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.notified_on', 'a.ended_on', 'p.date_of_birth', 'p.disabilities', 'p.person_type'])
      .execute();
    assert.ok(rows.length >= 1, `some arrangements: ${rows.length}`);
    for (const r of rows) {
      assert.equal(r.person_type, 'child');
      assert.ok(ageOn(r.date_of_birth!, r.notified_on) < (isDisabled(r.disabilities) ? 18 : 16));
      assert.ok(r.notified_on <= END && (!r.ended_on || r.ended_on <= END));
    }
    const ids = rows.map((r) => r.id);
    assert.equal((await db.selectFrom('private_fostering_carers').select('id').where('arrangement_id', 'in', ids).execute()).length, rows.length);
    const children = await db.selectFrom('private_fostering_arrangements').select('person_id').where('id', 'in', ids).execute();
    const known = await db.selectFrom('cin_episodes').select('person_id').where('person_id', 'in', children.map((c) => c.person_id)).execute();
    assert.deepEqual(known, [], 'no privately fostered child has a social care episode');
    const visits = await db.selectFrom('private_fostering_visits').select(['visit_date', 'due_on']).where('arrangement_id', 'in', ids).execute();
    assert.ok(visits.length >= rows.length, 'visits were made');
  });
});
