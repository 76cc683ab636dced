import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpPlansAtEnd } from './indicators/child-protection.ts';
import type { Cell, Evaluation } from './indicators/compute.ts';
import { contacts } from './indicators/front-door.ts';
import type { Indicator } from './indicators/types.ts';
import { publishTable, tableCsv } from './published-table.ts';

const YEAR = { from: '2024-04-01', to: '2025-03-31' };
const cell = (keys: (string | null)[], value: number): Cell => ({ keys, rows: value, counted: value, people: value, value });
const evaluation = (indicator: Indicator, breakdowns: Evaluation['breakdowns'], cells: Cell[]): Evaluation => ({
  indicator, period: YEAR, breakdowns, noData: false, cells, total: cells.at(-1)!, rate: null, population: null,
});

describe('a published table', () => {
  it('suppresses small counts with their totals, and a second cell where a total would give one away', () => {
    const e = evaluation(contacts, ['gender'], [cell(['F'], 40), cell(['M'], 3), cell(['U'], 12), cell([null], 55)]);
    const t = publishTable(e, 5);
    assert.deepEqual(t.rows.map((r) => [r.label, ...r.cells]), [['Female', 40], ['Male', '*'], ['Unknown', '*'], ['Total', 55]]);
    assert.match(tableCsv(t), /^Gender,Number\r\nFemale,40\r\nMale,\*\r\n/);
  });

  it('gives a snapshot by quarter end no total across the dates, which would count a child at each', () => {
    const e = evaluation(cpPlansAtEnd, ['age_band', 'quarter'], [
      cell(['under1', '2024-03-31'], 10), cell(['under1', '2025-03-31'], 12), cell([null, '2024-03-31'], 10), cell([null, '2025-03-31'], 12),
      cell(['under1', null], 14), cell([null, null], 14),
    ]);
    const t = publishTable(e, 5);
    assert.deepEqual(t.columns.map((c) => c.label), ['31 Mar 2024', '31 Mar 2025']);
    assert.deepEqual(t.rows.map((r) => [r.label, ...r.cells]), [['Under 1', 10, 12], ['Total', 10, 12]]);
  });

  it('hides a percentage of five or fewer records', () => {
    const pct: Indicator = { ...contacts, measure: 'percent' };
    const e = evaluation(pct, ['gender'], [
      { keys: ['F'], rows: 4, counted: 2, people: 4, value: 50 }, { keys: ['M'], rows: 20, counted: 5, people: 20, value: 25 }, { keys: [null], rows: 24, counted: 7, people: 24, value: 29.2 },
    ]);
    assert.deepEqual(publishTable(e, 5).rows.map((r) => r.cells[0]), ['*', 25, 29.2]);
  });
});
