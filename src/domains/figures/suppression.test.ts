import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppress, suppressRow, suppressTable } from './suppression.ts';

describe('small-number suppression', () => {
  it('hides counts of one to five and shows zero and larger counts', () => {
    assert.deepEqual([0, 1, 5, 6, 120].map((n) => suppress(n)), [0, '*', '*', 6, 120]);
  });

  it('takes its threshold from the partnership’s setting', () => {
    assert.deepEqual([0, 1, 5, 6, 10, 11].map((n) => suppress(n, 10)), [0, '*', '*', '*', '*', 11]);
    assert.deepEqual([0, 1, 5].map((n) => suppress(n, 0)), [0, 1, 5]);
  });

  it('hides a second cell when one hidden cell could be worked out from the total', () => {
    assert.deepEqual(suppressRow([40, 3, 12, 30]), [40, '*', '*', 30]);
  });

  it('leaves a row alone when two or more cells are already hidden, or none are', () => {
    assert.deepEqual(suppressRow([2, 4, 50]), ['*', '*', 50]);
    assert.deepEqual(suppressRow([10, 20, 0]), [10, 20, 0]);
  });

  it('hides across rows and columns until no hidden cell can be worked out from any total', () => {
    const t = suppressTable([[3, 10], [20, 30]]);
    assert.deepEqual(t.cells, [['*', '*'], ['*', '*']]);
    assert.deepEqual([t.rowTotals, t.columnTotals, t.total], [[13, 50], [23, 40], 63]);
  });

  it('hides a total when it is the only other figure that would reveal a hidden cell', () => {
    const t = suppressTable([[4, 0], [20, 30]]);
    assert.deepEqual(t.cells, [['*', 0], ['*', 30]]);
    assert.equal(t.rowTotals[0], '*', 'the row total alone equals the hidden 4');
    assert.equal(t.columnTotals[0], 24);
  });

  it('takes no clue from a total that is not published (snapshots on different dates)', () => {
    // Plans at two quarter ends: no total across the dates, so a hidden cell needs only its column's partner.
    const t = suppressTable([[3, 10], [20, 30]], 5, { rowTotals: false });
    assert.deepEqual(t.cells, [['*', 10], ['*', 30]]);
    assert.deepEqual(t.columnTotals, [23, 40]);
  });
});
