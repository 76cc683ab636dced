import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { cpPlansAtEnd } from './child-protection.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { child, rows, uuid, YEAR } from './fixtures.test-support.ts';

describe('child protection plans at the period end', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any plan is recorded', async () => {
    const e = await evaluate(t.db, cpPlansAtEnd, YEAR);
    assert.equal(e.noData, true);
    assert.equal(e.total.value, 0);
  });

  it('counts plans open at the end of the last day, by age on that day, quarter by quarter', async () => {
    const baby = await child(t.db, { dob: '2024-08-01', sex: 'M' });
    const turns16 = await child(t.db, { dob: '2009-03-31', sex: 'F', ethnicity: 'APKN' });
    const older = await child(t.db, { dob: '2015-06-01', sex: 'F' });
    const plan = (person: string, start: string, end: string | null, category = 'NEG') => ({
      id: uuid(), episode_id: uuid(), person_id: person, start_date: start, end_date: end, initial_category: category, categories: [category],
    });
    await rows(t.db, 'cp_plans', [
      plan(baby, '2024-09-01', null), // open at the end
      plan(turns16, '2023-01-10', null, 'EMO'), // spans the whole period; 16 on the last day
      plan(older, '2025-03-31', null, 'NEG'), // started on the last day: open at its end
      plan(older, '2024-05-01', '2024-12-31', 'PHY'), // open at 30 June and 30 September only
    ]);
    await t.db.insertInto('population_estimates').values([{ year: 2024, age: 0, count: 1000 }, { year: 2024, age: 5, count: 1000 }]).execute();

    const e = await evaluate(t.db, cpPlansAtEnd, YEAR, ['quarter', 'age_band']);
    assert.equal(e.noData, false);
    assert.equal(e.total.value, 3);
    assert.equal(e.rate, 15); // 3 of 2,000 children, per 10,000
    assert.equal(cellAt(e, '2024-03-31', null)?.value, 1);
    assert.equal(cellAt(e, '2024-06-30', null)?.value, 2);
    assert.equal(cellAt(e, '2024-12-31', null)?.value, 2, 'a plan ending on the day is not open at its end');
    assert.equal(cellAt(e, '2025-03-31', 'under1')?.value, 1);
    assert.equal(cellAt(e, '2025-03-31', '16plus')?.value, 1, 'sixteen on the last day');
    assert.equal(cellAt(e, '2024-03-31', '10to15')?.value, 1);
    assert.equal(cellAt(e, '2025-03-31', '5to9')?.value, 1, 'started on the last day');
    assert.equal(cellAt(e, '2025-03-31', '1to4')?.value, 0, 'every band is shown, empty ones as 0');

    const byCategory = await evaluate(t.db, cpPlansAtEnd, YEAR, ['category']);
    assert.deepEqual(byCategory.cells.map((c) => [c.keys[0], c.value]), [['Neglect', 2], ['Emotional abuse', 1], [null, 3]]);

    const behind = await recordsBehind(t.db, cpPlansAtEnd, YEAR, [{ breakdown: 'age_band', key: 'under1' }]);
    assert.equal(behind.total, 1);
    assert.equal(behind.rows[0]?.person_id, baby);
  });
});
