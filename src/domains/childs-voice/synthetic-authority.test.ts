import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('the child’s views and surveys in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 7, years: 3, end: END });
  });
  after(() => connection.close());

  it('hears children on plans and in early help, and runs a children’s survey each year', async () => {
    const db = connection.db;
    const views = await db.selectFrom('child_views as v').innerJoin('people as p', 'p.id', 'v.person_id').select(['p.person_type', 'v.recorded_on']).execute();
    assert.ok(views.length > 0, 'some children’s views');
    assert.ok(views.every((v) => v.person_type === 'child' && v.recorded_on <= END));
    const entries = await db.selectFrom('chronology').select('id').where('entry_type', '=', 'child.views_recorded').execute();
    assert.equal(entries.length, views.length);
    const surveys = await db.selectFrom('surveys').select(['id', 'status', 'closes_on']).execute();
    assert.ok(surveys.length >= 1);
    assert.ok(surveys.every((s) => s.status === (s.closes_on <= END ? 'closed' : 'open')));
    const responses = await db.selectFrom('survey_responses').select('link_id').execute();
    const used = await db.selectFrom('survey_links').select('id').where('used_at', 'is not', null).execute();
    assert.equal(responses.length, used.length);
  });
});
