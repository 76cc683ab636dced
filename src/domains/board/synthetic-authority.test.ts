import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('the board in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 7, years: 2, end: END });
  });
  after(() => connection.close());

  it('has members of real agencies, meetings each year with attendance only of members then sitting, and contributions', async () => {
    const db = connection.db;
    const meetings = await db.selectFrom('board_meetings').select(['id', 'held_on', 'kind']).execute();
    assert.ok(meetings.length >= 12, `meetings over two years: ${meetings.length}`);
    assert.ok(meetings.every((m) => m.held_on <= END));
    const orphans = await db.selectFrom('board_members as m').leftJoin('agencies as g', 'g.id', 'm.agency_id').select('m.id').where('g.id', 'is', null).execute();
    assert.deepEqual(orphans, [], 'every member sits for an agency that exists');
    const outOfTerm = await db.selectFrom('board_attendance as a').innerJoin('board_members as m', 'm.id', 'a.member_id').innerJoin('board_meetings as t', 't.id', 'a.meeting_id')
      .select('a.member_id').where((eb) => eb.or([eb('m.from_on', '>', eb.ref('t.held_on')), eb('m.to_on', '<', eb.ref('t.held_on'))])).execute();
    assert.deepEqual(outOfTerm, []);
    const contributions = await db.selectFrom('board_contributions').select(['year_start']).execute();
    assert.ok(contributions.length >= 6);
  });
});
