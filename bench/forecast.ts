/**
 * The demand forecast on the synthetic authority: reading the history and fitting, forecasting 36 months with 200
 * bootstrap draws, and the 12-month backtest with its error. The baseline, in the same run, is the query an analyst
 * would write by hand for one figure the forecast starts from: children in care at the cut-off by placement type.
 * Target: `kent` fit and forecast in seconds (≤ 10 s).
 *
 *   npm run bench:forecast               BENCH_SCALE=kent for the large authority
 */
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { latestMonthEnd } from '../src/domains/forecast/history.ts';
import { monthEndAfter } from '../src/domains/forecast/month-ends.ts';
import { buildForecast, DEFAULT_BACKTEST_HORIZON, runBacktest } from '../src/domains/forecast/service.ts';
import { STATE_LABELS, STATES } from '../src/domains/forecast/types.ts';
import { benchAuthority } from './support/authority.ts';
import { type Figure, isMain, latency, report } from './support/report.ts';

const REFERENCE_MONTHS = 36;
const MONTHS = 36;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

export async function forecastBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    // The generated data ends on `authority.end`: forecast from its last complete month, backtest a year before that.
    const cutOff = latestMonthEnd(authority.end);
    const backtestCutOff = monthEndAfter(cutOff, -DEFAULT_BACKTEST_HORIZON);
    console.log(`forecast: ${authority.scale} (${authority.children} children), cut-off ${cutOff}, ${REFERENCE_MONTHS} reference months`);

    const snapshot = await latency(
      () => sql`SELECT placement_type, count(*) FROM care_episodes WHERE start_date <= ${cutOff} AND (end_date IS NULL OR end_date > ${cutOff}) GROUP BY placement_type`.execute(db),
      10,
    );
    await buildForecast(db, { cutOff, referenceMonths: REFERENCE_MONTHS, months: MONTHS, scenarios: [], today: authority.end }); // warm-up
    const run = await timed(() => buildForecast(db, { cutOff, referenceMonths: REFERENCE_MONTHS, months: MONTHS, scenarios: [], today: authority.end }));
    const backtest = await timed(() => runBacktest(db, { cutOff: backtestCutOff, referenceMonths: REFERENCE_MONTHS, today: authority.end }));
    const inCare = run.value.baseline.months.at(-1)!.inCare;
    const ratio = `${((run.seconds * 1000) / snapshot.median).toFixed(0)}× the hand-written count of children in care at the cut-off (median ${snapshot.median.toFixed(1)} ms)`;
    const percent = (value: number | null) => (value === null ? NaN : value);
    const figures: Figure[] = [
      { bench: 'forecast', measure: `fit and forecast ${MONTHS} months, 200 draws`, value: run.seconds, unit: 's', target: 10, kind: 'max', note: `${ratio}; in care in ${MONTHS} months ${inCare.p50.toFixed(0)} (90% ${inCare.p5.toFixed(0)}–${inCare.p95.toFixed(0)})` },
      { bench: 'forecast', measure: `backtest from ${backtestCutOff}`, value: backtest.seconds, unit: 's', target: 10, kind: 'max' },
      { bench: 'forecast', measure: 'backtest error (MAPE), overall', value: percent(backtest.value.mapeOverall), unit: '%', target: null, kind: 'max' },
      { bench: 'forecast', measure: 'backtest error (MAPE), all in care', value: percent(backtest.value.mapeInCare), unit: '%', target: null, kind: 'max' },
      ...STATES.map((state): Figure => ({ bench: 'forecast', measure: `backtest error (MAPE), ${STATE_LABELS[state]}`, value: percent(backtest.value.mapeByState[state]), unit: '%', target: null, kind: 'max' })),
    ];
    return figures;
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await forecastBench());
