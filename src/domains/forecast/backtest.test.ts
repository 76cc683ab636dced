import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mape, scoreBacktest } from './backtest.ts';
import { flatForecast } from './fixtures.test-support.ts';
import { STATES, type State } from './types.ts';

const near = (actual: number | null, expected: number, message?: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} is not ${expected}`);
const all = (some: Partial<Record<State, number>>) => Object.fromEntries(STATES.map((state) => [state, some[state] ?? 0])) as Record<State, number>;

describe('scoreBacktest', () => {
  // Forecast from 31 March 2025 for three months; the records have the first two.
  const forecast = flatForecast(
    '2025-03-31',
    [
      { cin: 110, cp: 5, care_residential: 2, care_kinship: 8 },
      { cin: 90, cp: 5, care_residential: 2, care_kinship: 8 },
      { cin: 500, cp: 500 },
    ],
    10,
  );
  const actual = [
    { monthEnd: '2025-04-30', counts: all({ cin: 100, cp: 0, care_kinship: 8 }) },
    { monthEnd: '2025-05-31', counts: all({ cin: 100, cp: 10, care_kinship: 12.5 }) },
  ];
  const result = scoreBacktest('2025-03-31', forecast, actual);

  it('scores each state by its mean absolute percentage error, in percent', () => {
    near(result.mapeByState.cin, 10, 'cin: 10% and 10%');
    near(result.mapeByState.cp, 50, 'cp: April’s actual of 0 has no percentage; May is 50% out');
    near(result.mapeByState.care_kinship, 18, 'kinship: 0% and 36% (4.5 of 12.5)');
  });

  it('scores nothing where the actual was always 0', () => {
    assert.equal(result.mapeByState.care_residential, null, 'forecast 2, actual none');
    assert.equal(result.mapeByState.early_help, null);
  });

  it('scores all in care against the forecast of all in care', () => {
    // Forecast 10 in care each month; actual 8 then 12.5: 25% and 20%.
    near(result.mapeInCare, 22.5);
  });

  it('weights the overall error by each state’s actual children', () => {
    // cin 200 children at 10%, cp 10 at 50%, kinship 20.5 at 18%.
    near(result.mapeOverall, (200 * 10 + 10 * 50 + 20.5 * 18) / 230.5);
  });

  it('lists the months that have an actual, with the forecast beside it', () => {
    assert.equal(result.cutOff, '2025-03-31');
    assert.deepEqual(result.months.map((m) => m.monthEnd), ['2025-04-30', '2025-05-31']);
    assert.equal(result.months[0]!.forecast.cin, 110);
    assert.equal(result.months[1]!.actual.cp, 10);
  });

  it('scores nothing at all when no month has an actual', () => {
    const none = scoreBacktest('2025-03-31', forecast, []);
    assert.equal(none.mapeOverall, null);
    assert.equal(none.mapeInCare, null);
    assert.deepEqual(none.months, []);
    for (const state of STATES) assert.equal(none.mapeByState[state], null);
  });
});

describe('mape', () => {
  it('averages |forecast − actual| / actual over the pairs with an actual', () => {
    near(mape([{ forecast: 120, actual: 100 }, { forecast: 45, actual: 50 }, { forecast: 3, actual: 0 }]), 15);
    assert.equal(mape([{ forecast: 3, actual: 0 }]), null);
    assert.equal(mape([]), null);
  });
});
