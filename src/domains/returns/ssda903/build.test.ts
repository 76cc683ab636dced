import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../../test/support/database.ts';
import type { Connection } from '../../../db/connection.ts';
import { seedDemoIfEmpty } from '../../../demo/seed.ts';
import { collectionPeriod } from '../engine.ts';
import { build903Return, parse903Files, validate903, write903Files } from './index.ts';

const settings = { laCode: '873', softwareCode: 'Cairn', release: '1' };

describe('SSDA903 built from the demo authority', () => {
  // The demo authority as every app test sees it (the same seeded database), without starting the app.
  let t: Connection;
  before(async () => {
    t = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
  });
  after(() => t.close());

  for (const year of [2026, 2027]) it(`exports ${year - 1}-${String(year).slice(2)} with every table and no errors`, async () => {
    const period = collectionPeriod(year);
    const ret = await build903Return(t.db, period, settings);
    const files = write903Files(ret);
    const again = parse903Files(files);
    assert.deepEqual(again, ret);
    const failures = validate903(ret, period, null);
    assert.deepEqual(failures.filter((f) => f.severity === 'error'), []);
    assert.ok(ret.Episodes.length > 0 && ret.Header.length > 0);
  });

  it('takes MOTHER from the person index and previous permanence from an earlier period here', async () => {
    const period = collectionPeriod(2027);
    const before = await build903Return(t.db, period, settings);
    const started = before.PrevPerm[0]!;
    assert.equal(started.PREV_PERM, 'Z1');
    const person = await t.db.selectFrom('people').select(['id', 'created_by']).where('return_id', '=', started.CHILD!).executeTakeFirstOrThrow();
    // An earlier period of care here that ended in a special guardianship order (E45).
    const first = await t.db.selectFrom('care_episodes').selectAll().where('person_id', '=', person.id).orderBy('start_date').executeTakeFirstOrThrow();
    const periodRow = await t.db.selectFrom('care_periods').selectAll().where('id', '=', first.period_id).executeTakeFirstOrThrow();
    const { id: _p, created_at: _a, updated_at: _b, version: _c, ...periodValues } = periodRow;
    const earlier = await t.db.insertInto('care_periods').values({ ...periodValues, start_date: '2019-01-07', end_date: '2020-02-03' }).returning('id').executeTakeFirstOrThrow();
    const { id: _e, created_at: _f, updated_at: _g, version: _h, ...episodeValues } = first;
    await t.db.insertInto('care_episodes').values({ ...episodeValues, period_id: earlier.id, start_date: '2019-01-07', end_date: '2020-02-03', reason_new_episode: 'S', reason_ceased: 'E45', reason_place_change: null }).execute();
    // She is a mother: the person index records her as the parent of a baby.
    await t.db.updateTable('people').set({ sex: 'F' }).where('id', '=', person.id).execute();
    const baby = await t.db
      .insertInto('people')
      .values({ person_type: 'child', given_name: 'Test', family_name: 'Baby', search_name: 'test baby', date_of_birth: '2026-01-10', sex: 'M', created_by: person.created_by })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('relationships').values({ person_id: person.id, related_person_id: baby.id, kind: 'parent', created_by: person.created_by }).execute();

    const after = await build903Return(t.db, period, settings);
    assert.deepEqual(after.PrevPerm.find((r) => r.CHILD === started.CHILD), { ...started, PREV_PERM: 'P2', LA_PERM: '873', DATE_PERM: '03/02/2020' });
    const header = after.Header.find((h) => h.CHILD === started.CHILD)!;
    assert.deepEqual([header.SEX, header.MOTHER, header.MC_DOB], ['F', '1', '10/01/2026']);
    assert.equal(after.Episodes.filter((e) => e.CHILD === started.CHILD && e.DECOM === '07/01/2019').length, 0, 'the earlier period is not in this year');
  });
});

