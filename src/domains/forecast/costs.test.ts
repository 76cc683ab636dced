import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflationFactor, monthlySpend, spendByFinancialYear } from './costs.ts';
import { flatForecast } from './fixtures.test-support.ts';
import { STATES, type State, type UnitCosts } from './types.ts';

const near = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message ?? ''} ${actual} is not ${expected}`);

function unitCosts(weekly: Partial<Record<State, number>>, annualInflationPercent: number, priceBase: string): UnitCosts {
  return { weekly: Object.fromEntries(STATES.map((state) => [state, weekly[state] ?? 0])) as Record<State, number>, annualInflationPercent, priceBase };
}

describe('monthlySpend', () => {
  it('costs the central count at the weekly cost for 52/12 weeks, uprated on each anniversary of the price base', () => {
    // 10 in residential at £6,000 a week: £260,000 a month; from April 2027 prices are 3% higher.
    const forecast = flatForecast('2027-02-28', [{ care_residential: 10, cin: 100 }, { care_residential: 10, cin: 100 }], 10);
    const spend = monthlySpend(forecast, unitCosts({ care_residential: 6000, cin: 30 }, 3, '2026-04-01'));
    assert.deepEqual(spend.map((m) => m.monthEnd), ['2027-03-31', '2027-04-30']);
    near(spend[0]!.byState.care_residential, 260_000);
    near(spend[0]!.byState.cin, 13_000);
    near(spend[0]!.total, 273_000);
    near(spend[1]!.byState.care_residential, 267_800);
    near(spend[1]!.total, 273_000 * 1.03);
    assert.equal(spend[1]!.byState.cp, 0);
  });

  it('uses the central (p50) figure, not the interval', () => {
    const forecast = flatForecast('2026-04-30', [{ cp: 12 }]);
    forecast.months[0]!.byState.cp = { p5: 1, p25: 6, p50: 12, p75: 20, p95: 40 };
    near(monthlySpend(forecast, unitCosts({ cp: 100 }, 0, '2026-04-01'))[0]!.total, 12 * 100 * (52 / 12));
  });
});

describe('inflationFactor', () => {
  it('steps once a year from the price base', () => {
    const costs = { annualInflationPercent: 5, priceBase: '2026-04-01' };
    assert.equal(inflationFactor(costs, '2026-04-30'), 1);
    assert.equal(inflationFactor(costs, '2027-03-31'), 1);
    near(inflationFactor(costs, '2027-04-30'), 1.05);
    near(inflationFactor(costs, '2029-05-31'), 1.05 ** 3);
    near(inflationFactor(costs, '2026-03-31'), 1 / 1.05, 'a month before the base is at the year before’s prices');
  });
});

describe('spendByFinancialYear', () => {
  it('adds the months up April to March, saying how many months each year holds', () => {
    // February to May 2027: two months of 2026/27 at base prices, two of 2027/28 at 10% more.
    const forecast = flatForecast('2027-01-31', Array.from({ length: 4 }, () => ({ care_kinship: 10, early_help: 3 })));
    const years = spendByFinancialYear(forecast, unitCosts({ care_kinship: 1000 }, 10, '2026-04-01'));
    const month = (10 * 1000 * 52) / 12;
    assert.deepEqual(years.map((y) => [y.financialYear, y.start, y.months]), [['2026/27', 2026, 2], ['2027/28', 2027, 2]]);
    near(years[0]!.byState.care_kinship, 2 * month);
    near(years[0]!.total, 2 * month);
    near(years[1]!.byState.care_kinship, 2 * month * 1.1);
    near(years[1]!.total, 2 * month * 1.1);
    assert.equal(years[1]!.byState.early_help, 0);
  });

  it('gives no years for no months', () => {
    assert.deepEqual(spendByFinancialYear(flatForecast('2027-01-31', []), unitCosts({}, 2, '2026-04-01')), []);
  });
});
