/**
 * The statutory returns on the synthetic authority: for the last full collection year, building the CIN census and
 * the SSDA903 from the records, writing the files and validating them, and building the Ofsted Annex A workbook.
 * The baseline, in the same run, is a plain count of the rows the returns are built from (CIN episodes and care
 * episodes), the least any export could read. Target (issue 9): a `kent`-scale year validated in seconds (≤ 10 s,
 * 10,000 ms, for build, write and validate of each return, and for the Annex A workbook).
 *
 *   npm run bench:returns               BENCH_SCALE=kent for the large authority
 */
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { annexAWorkbook, buildAnnexA } from '../src/domains/returns/annex-a/index.ts';
import { buildCinReturn, cinXml, validateCin } from '../src/domains/returns/cin/index.ts';
import { collectionPeriod, collectionYearOf } from '../src/domains/returns/engine.ts';
import { build903Return, previous903, validate903, write903Files } from '../src/domains/returns/ssda903/index.ts';
import { benchAuthority } from './support/authority.ts';
import { type Figure, isMain, latency, report } from './support/report.ts';

/** Milliseconds: at the small scales a return takes well under a second. */
const TARGET_MS = 10_000;

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

export async function returnsBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  const settings = loadConfig({ ...process.env, CAIRN_DATA_DIR: ':memory:' }).returns;
  try {
    // The last collection year that has ended by the data's last day.
    const year = collectionYearOf(authority.end) - 1;
    const period = collectionPeriod(year);
    console.log(`returns: ${authority.scale} (${authority.children} children), collection year ${year} (${period.start} to ${period.end})`);

    const scan = await latency(() => sql`SELECT (SELECT count(*) FROM cin_episodes) + (SELECT count(*) FROM care_episodes) AS n`.execute(db), 10);
    const ratio = (ms: number) => `${(ms / scan.median).toFixed(0)}× a count of the CIN and care episodes (median ${scan.median.toFixed(1)} ms)`;

    await buildCinReturn(db, period, settings); // warm-up: plans and caches, as a second export would find them
    const cinBuild = await timed(() => buildCinReturn(db, period, settings));
    const cinWrite = await timed(() => cinXml(cinBuild.value));
    const cinCheck = await timed(() => validateCin(cinBuild.value, period));
    const cinTotal = cinBuild.ms + cinWrite.ms + cinCheck.ms;
    const cinErrors = cinCheck.value.filter((f) => f.severity === 'error').length;

    await build903Return(db, period, settings);
    const build903 = await timed(() => build903Return(db, period, settings));
    const write903 = await timed(() => write903Files(build903.value));
    const check903 = await timed(async () => validate903(build903.value, period, await previous903(db, year)));
    const total903 = build903.ms + write903.ms + check903.ms;
    const errors903 = check903.value.filter((f) => f.severity === 'error').length;

    const asAt = period.end;
    const annexA = await timed(async () => annexAWorkbook(await buildAnnexA(db, asAt, settings)));

    const mb = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;
    return [
      { bench: 'returns', measure: 'CIN census: build, write and validate', value: cinTotal, unit: 'ms', target: TARGET_MS, kind: 'max', note: `${ratio(cinTotal)}; ${cinBuild.value.Children.length} children, ${cinCheck.value.length} failures (${cinErrors} errors)` },
      { bench: 'returns', measure: 'CIN census: build from the records', value: cinBuild.ms, unit: 'ms', target: null, kind: 'max' },
      { bench: 'returns', measure: 'CIN census: write the XML', value: cinWrite.ms, unit: 'ms', target: null, kind: 'max', note: mb(cinWrite.value) },
      { bench: 'returns', measure: 'CIN census: validate', value: cinCheck.ms, unit: 'ms', target: null, kind: 'max' },
      { bench: 'returns', measure: 'SSDA903: build, write and validate', value: total903, unit: 'ms', target: TARGET_MS, kind: 'max', note: `${ratio(total903)}; ${build903.value.Header.length} children, ${build903.value.Episodes.length} episodes, ${check903.value.length} failures (${errors903} errors)` },
      { bench: 'returns', measure: 'SSDA903: build from the records', value: build903.ms, unit: 'ms', target: null, kind: 'max' },
      { bench: 'returns', measure: 'SSDA903: write the CSV files', value: write903.ms, unit: 'ms', target: null, kind: 'max', note: mb(Object.values(write903.value).join('')) },
      { bench: 'returns', measure: 'SSDA903: validate', value: check903.ms, unit: 'ms', target: null, kind: 'max' },
      { bench: 'returns', measure: `Annex A: build and write the workbook as at ${asAt}`, value: annexA.ms, unit: 'ms', target: TARGET_MS, kind: 'max', note: `${ratio(annexA.ms)}; ${(annexA.value.length / 1e6).toFixed(1)} MB` },
    ];
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await returnsBench());
