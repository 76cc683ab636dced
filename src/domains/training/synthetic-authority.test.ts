import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';
import { COURSE_COUNT, SESSION_COUNT } from './synthetic.ts';

const END = '2025-03-31';

describe('training in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 3, years: 2, end: END });
  });
  after(() => connection.close());

  it('loads one year’s programme with the authority’s staff as delegates, each booking at the agency they work for', async () => {
    const db = connection.db;
    assert.equal((await db.selectFrom('training_courses').select('id').execute()).length, COURSE_COUNT);
    const sessions = await db.selectFrom('training_sessions').select(['held_on']).execute();
    assert.equal(sessions.length, SESSION_COUNT);
    assert.ok(sessions.every((s) => s.held_on >= '2024-04-01' && s.held_on <= END));
    const mismatched = await db
      .selectFrom('training_bookings as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .select('b.id')
      .whereRef('u.agency_id', '<>', 'b.agency_id')
      .execute();
    assert.deepEqual(mismatched, []);
    const attended = await db.selectFrom('training_bookings').select('id').where('attendance', '=', 'attended').execute();
    assert.ok(attended.length > SESSION_COUNT * 5, `sessions are attended: ${attended.length}`);
  });
});
