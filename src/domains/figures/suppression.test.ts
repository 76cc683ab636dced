import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppress, suppressRow } from './suppression.ts';

describe('small-number suppression', () => {
  it('hides counts of one to five and shows zero and larger counts', () => {
    assert.deepEqual([0, 1, 5, 6, 120].map(suppress), [0, '*', '*', 6, 120]);
  });

  it('hides a second cell when one hidden cell could be worked out from the total', () => {
    assert.deepEqual(suppressRow([40, 3, 12, 30]), [40, '*', '*', 30]);
  });

  it('leaves a row alone when two or more cells are already hidden, or none are', () => {
    assert.deepEqual(suppressRow([2, 4, 50]), ['*', '*', 50]);
    assert.deepEqual(suppressRow([10, 20, 0]), [10, 20, 0]);
  });
});
