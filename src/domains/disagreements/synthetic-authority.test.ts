import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';

describe('professional disagreements in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 11, years: 3, end: END });
  });
  after(() => connection.close());

  it('writes a modest number of disagreements with social care, each with its steps, clock and chronology', async () => {
    const db = connection.db;
    const rows = await db.selectFrom('disagreements as d').innerJoin('people as p', 'p.id', 'd.person_id').select(['d.id', 'd.raised_on', 'd.closed_on', 'd.stage', 'd.status', 'd.resolution', 'd.version', 'd.raised_by_agency', 'd.about_agency', 'd.stage_due', 'd.stage_started_on', 'p.person_type']).execute();
    assert.ok(rows.length >= 2 && rows.length <= 80, `a modest number of disagreements: ${rows.length}`);
    const csc = (await db.selectFrom('agencies').select('id').where('kind', '=', 'social_care').executeTakeFirstOrThrow()).id;
    const steps = await db.selectFrom('disagreement_steps').select(['disagreement_id', 'kind', 'stage', 'occurred_on']).orderBy('occurred_on').execute();
    for (const d of rows) {
      assert.equal(d.person_type, 'child');
      assert.equal(d.about_agency, csc);
      assert.notEqual(d.raised_by_agency, csc);
      assert.ok(d.raised_on <= END && (!d.closed_on || d.closed_on <= END));
      assert.ok(d.stage >= 1 && d.stage <= 4 && d.stage_due > d.stage_started_on);
      assert.equal((d.status === 'resolved') === Boolean(d.resolution), true);
      const own = steps.filter((s) => s.disagreement_id === d.id);
      assert.equal(d.version, 1 + own.length, 'each step moved the version on');
      assert.equal(own.filter((s) => s.kind === 'escalated').length, d.stage - 1, 'the stage is the number of escalations plus one');
      assert.ok(own.every((s) => s.occurred_on >= d.raised_on && s.occurred_on <= END));
    }
    assert.ok(rows.some((d) => d.status === 'resolved'), 'some resolved');
    const entries = await db.selectFrom('chronology').select('record_id').where('entry_type', '=', 'disagreements.raised').execute();
    assert.equal(entries.length, rows.length);
  });
});
