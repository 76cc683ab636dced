import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { child, rows, uuid, YEAR } from './fixtures.test-support.ts';
import { missingChildren, missingIncidents } from './missing.ts';

const value = (cells: { keys: (string | null)[]; value: number | null }[]) => cells.map((c) => [c.keys[0], c.value]);

describe('missing incidents and the children who went missing', () => {
  let t: TestConnection;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any episode is recorded', async () => {
    assert.equal((await evaluate(t.db, missingIncidents, YEAR)).noData, true);
    assert.equal((await evaluate(t.db, missingChildren, YEAR)).noData, true);
  });

  it('places each episode on the UK day it started, and counts incidents, children and repeats', async () => {
    const db = t.db;
    ids.m1 = await child(db, { dob: '2010-05-01', sex: 'F' });
    ids.m2 = await child(db, { dob: '2012-01-01', sex: 'M' });
    ids.m3 = await child(db, { dob: '2008-04-01', sex: 'M' });
    const episode = (person: string, startedAt: string, inCare = false) => ({
      id: uuid(), person_id: person, kind: 'missing', started_at: new Date(startedAt), reported_at: new Date(startedAt), returned_at: new Date(Date.parse(startedAt) + 3_600_000), risk_level: 'medium', circumstances: 'Did not come home', in_care: inCare,
    });
    await rows(db, 'missing_episodes', [
      episode(ids.m1, '2024-03-31T23:30:00Z'), // 00:30 on 1 April in summer time: April's
      episode(ids.m1, '2024-03-31T22:30:00Z'), // 23:30 on 31 March: before the year
      episode(ids.m1, '2024-04-15T10:00:00Z'),
      episode(ids.m1, '2024-04-20T10:00:00Z'),
      episode(ids.m2, '2024-06-01T12:00:00Z', true),
      episode(ids.m2, '2024-07-01T12:00:00Z', true),
      episode(ids.m1, '2024-12-25T12:00:00Z'), // winter: UTC is UK time
      episode(ids.m3, '2025-03-31T22:59:00Z'), // 23:59 on 31 March 2025: the year's last minute
      episode(ids.m3, '2025-03-31T23:30:00Z'), // 00:30 on 1 April 2025: after the year
    ]);

    // Incidents: M1 four (1, 15 and 20 April, 25 December), M2 two (June, July, in care), M3 one (31 March) = 7.
    const incidents = await evaluate(db, missingIncidents, YEAR, ['month']);
    assert.equal(incidents.total.value, 7);
    assert.deepEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-12', '2025-03'].map((m) => cellAt(incidents, m)?.value), [3, 0, 1, 1, 1, 1]);
    const behind = await recordsBehind(db, missingIncidents, YEAR, [{ breakdown: 'month', key: '2024-04' }]);
    assert.deepEqual(behind.rows.map((r) => r.dated), ['2024-04-20', '2024-04-15', '2024-04-01']);

    // Children: 3 in the year; by month, M1 once in April though missing three times (the months add up to 5).
    const children = await evaluate(db, missingChildren, YEAR, ['month']);
    assert.equal(children.total.value, 3);
    assert.deepEqual(['2024-04', '2024-06', '2024-07', '2024-12', '2025-03'].map((m) => cellAt(children, m)?.value), [1, 1, 1, 1, 1]);

    // In care when they went: M2's two episodes; living at home: the other five, by M1 and M3.
    assert.deepEqual(value((await evaluate(db, missingIncidents, YEAR, ['category'])).cells), [['Living at home', 5], ['Child in care', 2], [null, 7]]);
    assert.deepEqual(value((await evaluate(db, missingChildren, YEAR, ['category'])).cells), [['Living at home', 2], ['Child in care', 1], [null, 3]]);

    // Age on the day: M1 13 or 14, M2 12 (10 to 15), M3 16 on 31 March 2025 (16 and over).
    const byAge = await evaluate(db, missingIncidents, YEAR, ['age_band']);
    assert.deepEqual([cellAt(byAge, '10to15')?.value, cellAt(byAge, '16plus')?.value], [6, 1]);
    assert.deepEqual(value((await evaluate(db, missingChildren, YEAR, ['gender'])).cells), [['M', 2], ['F', 1], ['U', 0], [null, 3]]);

    // Repeats: one child once (M3), one twice (M2), one four times (M1); 10 or more is always shown.
    const repeats = await evaluate(db, missingChildren, YEAR, ['incidents']);
    assert.deepEqual(
      value(repeats.cells),
      [['1', 1], ['2', 1], ['3', 0], ['4', 1], ['5', 0], ['6', 0], ['7', 0], ['8', 0], ['9', 0], ['10', 0], [null, 3]],
    );
    assert.equal(cellAt(repeats, '4')?.rows, 4, 'the incidents of the children missing four times');

    // The seed's second repeats table, children in care apart: M2 twice from care; at home M3 once, M1 four times.
    const apart = await evaluate(db, missingChildren, YEAR, ['incidents', 'category']);
    assert.deepEqual([cellAt(apart, '2', 'Child in care')?.value, cellAt(apart, '1', 'Child in care')?.value], [1, 0]);
    assert.deepEqual([cellAt(apart, '1', 'Living at home')?.value, cellAt(apart, '4', 'Living at home')?.value], [1, 1]);
    assert.deepEqual([cellAt(apart, null, 'Child in care')?.value, cellAt(apart, null, 'Living at home')?.value, cellAt(apart, '4', null)?.value], [1, 2, 1]);
  });
});
