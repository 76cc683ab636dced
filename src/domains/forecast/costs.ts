/**
 * What the forecast children cost: the central (p50) count in each state × its weekly unit cost × 52/12 weeks a
 * month, with prices rising by the annual inflation once a year from the price base. Summed by financial year
 * (April to March), the year budgets are set in.
 */
import { financialYear, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { STATES, type Forecast, type State, type UnitCosts } from './types.ts';

const WEEKS_PER_MONTH = 52 / 12;

export interface MonthlySpend {
  monthEnd: string;
  byState: Record<State, number>;
  total: number;
}

export interface FinancialYearSpend {
  /** As annual reports print it: "2026/27". */
  financialYear: string;
  /** The calendar year it starts in (April). */
  start: number;
  byState: Record<State, number>;
  total: number;
  /** Forecast months falling in the year: fewer than 12 where the forecast starts or ends within it. */
  months: number;
}

/** Spend per forecast month, in pounds (unrounded: the pages and downloads round). */
export function monthlySpend(forecast: Forecast, costs: UnitCosts): MonthlySpend[] {
  return forecast.months.map((month) => {
    const uplift = inflationFactor(costs, month.monthEnd);
    const byState = Object.fromEntries(
      STATES.map((state) => [state, month.byState[state].p50 * costs.weekly[state] * WEEKS_PER_MONTH * uplift]),
    ) as Record<State, number>;
    return { monthEnd: month.monthEnd, byState, total: STATES.reduce((sum, state) => sum + byState[state], 0) };
  });
}

/** Spend per financial year, oldest first, from the same monthly figures. */
export function spendByFinancialYear(forecast: Forecast, costs: UnitCosts): FinancialYearSpend[] {
  const years = new Map<number, FinancialYearSpend>();
  for (const month of monthlySpend(forecast, costs)) {
    const start = financialYearStart(month.monthEnd);
    let year = years.get(start);
    if (!year) {
      year = { financialYear: financialYear(month.monthEnd), start, byState: zeroByState(), total: 0, months: 0 };
      years.set(start, year);
    }
    for (const state of STATES) year.byState[state] += month.byState[state];
    year.total += month.total;
    year.months += 1;
  }
  return [...years.values()].sort((a, b) => a.start - b.start);
}

/**
 * Prices at `date` relative to the price base: one step of inflation on each anniversary of the base (a month
 * before the base is a step lower), as councils uprate fees once a year rather than month by month.
 */
export function inflationFactor(costs: Pick<UnitCosts, 'annualInflationPercent' | 'priceBase'>, date: string): number {
  const base = costs.priceBase;
  const wholeYears = Number(date.slice(0, 4)) - Number(base.slice(0, 4)) - (date.slice(5) < base.slice(5) ? 1 : 0);
  return Math.pow(1 + costs.annualInflationPercent / 100, wholeYears);
}

function zeroByState(): Record<State, number> {
  return Object.fromEntries(STATES.map((state) => [state, 0])) as Record<State, number>;
}
