import { appendFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

/** One measured figure beside its target, as every benchmark reports it and `bench/run.ts` tabulates it. */
export interface Figure {
  bench: string;
  measure: string;
  value: number;
  unit: string;
  /** The target, met when the value is at most it (`max`) or at least it (`min`); none for a figure shown for context. */
  target: number | null;
  kind: 'max' | 'min';
  /** Anything the reader must know to trust the figure (a shortfall in the data, a fallback). */
  note?: string;
}

export const met = (f: Figure) => f.target === null || (f.kind === 'max' ? f.value <= f.target : f.value >= f.target);

export function formatFigure(f: Figure): string {
  // Whole percentages and rates, except small percentages (a backtest's error) where the tenth matters.
  const decimals = (f.unit === '%' && Math.abs(f.value) >= 10) || f.unit === 'req/s' ? 0 : 1;
  return `${f.value.toFixed(decimals)} ${f.unit}`;
}

export const formatTarget = (f: Figure) => (f.target === null ? '' : `${f.kind === 'max' ? '≤' : '≥'} ${f.target} ${f.unit}`);
export const verdict = (f: Figure) => (f.target === null ? '' : met(f) ? 'met' : 'MISSED');

/**
 * Prints the figures, and, when `bench/run.ts` started this benchmark, hands them over through the file it names
 * (one JSON line each).
 */
export function report(figures: Figure[]): void {
  const width = Math.max(...figures.map((f) => f.measure.length), 10);
  for (const f of figures) {
    console.log(`  ${f.measure.padEnd(width)}  ${formatFigure(f).padStart(12)}  ${(f.target === null ? '' : `target ${formatTarget(f)}`).padEnd(19)} ${verdict(f).padEnd(6)}${f.note ? `  (${f.note})` : ''}`);
  }
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) for (const f of figures) appendFileSync(file, `${JSON.stringify(f)}\n`);
}

export interface Latency {
  median: number;
  p95: number;
}

/** Sequential latency of one call: a few warm-up calls, then `rounds` timed ones. */
export async function latency(run: () => Promise<unknown>, rounds = 40): Promise<Latency> {
  for (let i = 0; i < Math.min(5, rounds); i++) await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! };
}

/** Whether this file is the script node was asked to run (so a benchmark runs on its own, or from `run.ts`). */
export const isMain = (metaUrl: string) => process.argv[1] !== undefined && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(metaUrl));
