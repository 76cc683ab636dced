import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backtestSeries, errorsTable, monthsTable } from './backtest-tables.ts';
import { spendByFinancialYear } from './costs.ts';
import { counts, flatForecast } from './fixtures.test-support.ts';
import {
  chartDescription,
  chartTable,
  comparedInCareTable,
  comparedSpendTable,
  countOf,
  formatDifference,
  formatMoney,
  horizons,
  recordedSeries,
  statesTable,
} from './page-tables.ts';
import { readBacktestQuery, readForecastQuery } from './query.ts';
import { type BacktestResult, STATES, type State, type UnitCosts } from './types.ts';

const zero = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<State, number>;
const texts = (row: { text?: string; html?: string }[]) => row.map((c) => c.text ?? c.html);

describe('the forecast page’s tables', () => {
  it('reports each whole year ahead, and the last month when the forecast ends mid-year', () => {
    assert.deepEqual(horizons(12), [12]);
    assert.deepEqual(horizons(36), [12, 24, 36]);
    assert.deepEqual(horizons(30), [12, 24, 30]);
    assert.deepEqual(horizons(60), [12, 24, 36, 48, 60]);
  });

  it('writes money and differences with their signs, and “no change” when rounding hides one', () => {
    assert.equal(formatMoney(1234567.4), '£1,234,567');
    assert.equal(formatMoney(-40000), '−£40,000');
    assert.equal(formatDifference(12.4, (n) => String(Math.round(n))), '+12');
    assert.equal(formatDifference(-40000, formatMoney), '−£40,000');
    assert.equal(formatDifference(0.3, formatMoney), 'no change');
  });

  it('counts a state, or all five care states, over every age band', () => {
    const now = counts({ under_1: { care_kinship: 2, cin: 5 }, '10_15': { care_residential: 3, cin: 1 }, '18_plus': { care_leaver: 4 } });
    assert.equal(countOf(now, 'in_care'), 5);
    assert.equal(countOf(now, 'cin'), 6);
    assert.equal(countOf(now, 'care_leaver'), 4);
  });

  it('gives each state now and a year at a time, the central figure over its 90% interval', () => {
    const forecast = flatForecast('2026-03-31', Array.from({ length: 24 }, (_, i) => ({ cp: 10 + i })), 7);
    forecast.months[11]!.byState.cp = { p5: 15, p25: 19, p50: 21.6, p75: 23, p95: 30.4 };
    const table = statesTable(forecast, counts({ '5_9': { cp: 9, care_other: 4 } }), 24);
    assert.deepEqual(texts(table.head), ['State', 'Now (31 March 2026)', '12 months (March 2027)', '24 months (March 2028)']);
    const cp = table.rows[STATES.indexOf('cp')]!;
    assert.equal(cp[0]!.text, 'Child protection plan');
    assert.equal(cp[1]!.text, '9');
    assert.match(cp[2]!.html!, /^22<br><span[^>]*>15 to 30<\/span>$/);
    assert.match(cp[3]!.html!, /^33<br>/);
    const inCare = table.rows.at(-1)!;
    assert.deepEqual([inCare[0]!.text, inCare[1]!.text], ['All children in care', '4']);
    assert.match(inCare[2]!.html!, /^7<br>/);
  });

  it('lists the recorded months then the forecast months in the chart’s table, and describes the chart in words', () => {
    const forecast = flatForecast('2026-03-31', [{ cin: 11 }, { cin: 12 }]);
    const recorded = recordedSeries([{ monthEnd: '2026-03-31', counts: { ...zero, cin: 10 } }, { monthEnd: '2026-02-28', counts: { ...zero, cin: 9, care_kinship: 3 } }], 'cin');
    assert.deepEqual(recorded, [{ monthEnd: '2026-02-28', count: 9 }, { monthEnd: '2026-03-31', count: 10 }]);
    const table = chartTable(forecast, 'cin', recorded);
    assert.deepEqual(table.rows.map(texts), [
      ['February 2026', '9', '', '', '', '', ''],
      ['March 2026', '10', '', '', '', '', ''],
      ['April 2026', '', '11', '11', '11', '11', '11'],
      ['May 2026', '', '12', '12', '12', '12', '12'],
    ]);
    assert.equal(
      chartDescription(forecast, 'cin', 10),
      'Child in need: 10 on 31 March 2026, forecast 12 by 31 May 2026 (90% interval 12 to 12). The table below the chart gives every month.',
    );
  });

  it('sets each scenario beside the baseline with its difference, in care and in spend', () => {
    const costs: UnitCosts = { weekly: { ...zero, care_residential: 1200 }, annualInflationPercent: 0, priceBase: '2026-04-01' };
    const baseline = flatForecast('2026-03-31', Array.from({ length: 12 }, () => ({ care_residential: 10 })), 10);
    const fewer = flatForecast('2026-03-31', Array.from({ length: 12 }, () => ({ care_residential: 9 })), 9);
    const named = (name: string, forecast: typeof baseline) => ({ name, forecast, spend: spendByFinancialYear(forecast, costs) });
    const inCare = comparedInCareTable(named('Baseline', baseline), [named('Fewer', fewer)], 12);
    assert.deepEqual(texts(inCare.head), ['Months ahead', 'Baseline', 'Fewer']);
    assert.equal(inCare.rows[0]![1]!.text, '10');
    assert.match(inCare.rows[0]![2]!.html!, /^9<br><span[^>]*>−1<\/span>$/);
    const spend = comparedSpendTable(named('Baseline', baseline), [named('Fewer', fewer)]);
    // April 2026 to March 2027: 12 months of 10 children at £1,200 a week is £624,000; 9 children £561,600.
    assert.deepEqual(spend.rows.map((r) => r[0]!.text), ['2026/27']);
    assert.equal(spend.rows[0]![1]!.text, '£624,000');
    assert.match(spend.rows[0]![2]!.html!, /^£561,600<br><span[^>]*>−£62,400<\/span>$/);
  });

  it('sets the backtest’s forecast against the records month by month, and each state’s error', () => {
    const result: BacktestResult = {
      cutOff: '2025-03-31',
      mapeByState: { ...zero, cin: 10, care_kinship: null } as Record<State, number | null>,
      mapeInCare: 25,
      mapeOverall: 12.34,
      months: [
        { monthEnd: '2025-04-30', forecast: { ...zero, cin: 11, care_other: 3 }, actual: { ...zero, cin: 10, care_other: 4 } },
        { monthEnd: '2025-05-31', forecast: { ...zero, cin: 9, care_other: 2 }, actual: { ...zero, cin: 10, care_other: 0 } },
      ],
    };
    assert.deepEqual(backtestSeries(result, 'in_care'), [
      { monthEnd: '2025-04-30', forecast: 3, actual: 4 },
      { monthEnd: '2025-05-31', forecast: 2, actual: 0 },
    ]);
    assert.deepEqual(monthsTable(result, 'in_care').rows.map(texts), [
      ['April 2025', '3', '4', '−25.0%'],
      ['May 2025', '2', '0', 'None recorded'],
    ]);
    assert.deepEqual(monthsTable(result, 'cin').rows.map((r) => r[3]!.text), ['+10.0%', '−10.0%']);
    const errors = errorsTable(result).rows.map(texts);
    assert.deepEqual(errors[STATES.indexOf('cin')], ['Child in need', '10', '10.0%']);
    assert.deepEqual(errors[STATES.indexOf('care_kinship')], ['In care: kinship (family and friends)', '0', 'Not scored (always 0)']);
    assert.deepEqual(errors.at(-1), ['All children in care', '2', '25.0%']);
  });
});

describe('the forecast’s query strings', () => {
  it('defaults what is left out or empty, and reads repeated scenarios once each', () => {
    assert.deepEqual(readForecastQuery({}).value, { months: 36, referenceMonths: 24, chart: 'in_care', scenarioIds: [] });
    const id = '01a2472b-06a3-73d9-b909-c2b19a329749';
    assert.deepEqual(readForecastQuery({ months: ' 60 ', reference: '', chart: 'cp', scenario: [id, id] }).value, { months: 60, referenceMonths: 24, chart: 'cp', scenarioIds: [id] });
    assert.deepEqual(readForecastQuery({ months: ['12', '99'], scenario: id }).value?.months, 12);
  });

  it('refuses what is out of range or not offered, each against its field, keeping what was typed', () => {
    const { value, errors, input } = readForecastQuery({ months: '11', reference: '2.5', chart: 'pool', scenario: ['x', 'y', 'z', 'w', 'v'] });
    assert.equal(value, null);
    assert.deepEqual(Object.keys(errors.fields), ['months', 'reference', 'chart', 'scenario']);
    assert.equal(errors.fields.months!.text, 'Months ahead must be a whole number from 12 to 60');
    assert.equal(input.reference, '2.5');
    assert.equal(readForecastQuery({ scenario: ['a', 'b'] }).errors.fields.scenario!.text, 'Choose scenarios from the list');
    assert.equal(readForecastQuery({ months: '61' }).errors.summary[0]!.href, '#months');
  });

  it('takes a backtest cut-off only from those offered, the latest by default', () => {
    const offered = ['2025-11-30', '2025-10-31'];
    assert.deepEqual(readBacktestQuery({}, offered).value, { cutOff: '2025-11-30', referenceMonths: 24, chart: 'in_care' });
    assert.deepEqual(readBacktestQuery({ cutOff: '2025-10-31', reference: '12', chart: 'cin' }, offered).value, { cutOff: '2025-10-31', referenceMonths: 12, chart: 'cin' });
    assert.equal(readBacktestQuery({ cutOff: '2026-11-30' }, offered).errors.fields.cutOff!.text, 'Choose a cut-off from the list');
  });
});
