/**
 * Start-up on the embedded database, as `npm start` does it: the first start on an empty data directory (create,
 * migrate, seed the demo partnership), then a second start on the same directory. Each is timed from spawning the
 * process until the sign-in page answers, beside the time node takes to start and load TypeScript with nothing
 * to do, measured in the same run. Target: each start ≤ 15 s.
 *
 *   npm run bench:startup
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Figure, isMain, report } from './support/report.ts';

const root = new URL('../', import.meta.url).pathname;
const LIMIT_MS = 120_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

/** Milliseconds from spawning Cairn until its first page answers. */
async function timeToFirstPage(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', CAIRN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = start(['src/main.ts'], env);
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    while (performance.now() - started < LIMIT_MS) {
      if (exited) throw new Error('Cairn stopped before answering');
      const ok = await fetch(`http://127.0.0.1:${port}/sign-in`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await sleep(50);
    }
    throw new Error(`Cairn did not answer within ${LIMIT_MS / 1000} s`);
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

/** The floor: node starting and loading tsx with an empty program. */
async function bareStart(): Promise<number> {
  const started = performance.now();
  const child = start(['-e', ''], process.env);
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

export async function startupBench(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-startup-'));
  try {
    const floor = await bareStart();
    console.log(`start-up: node with tsx and nothing to do starts in ${(floor / 1000).toFixed(1)} s`);
    const first = await timeToFirstPage(dataDir);
    const second = await timeToFirstPage(dataDir);
    const note = (ms: number) => `${(ms / floor).toFixed(0)}× node's bare start`;
    return [
      { bench: 'start-up', measure: 'first start, empty data directory', value: first / 1000, unit: 's', target: 15, kind: 'max', note: `migrate and seed the demo; ${note(first)}` },
      { bench: 'start-up', measure: 'second start, same data directory', value: second / 1000, unit: 's', target: 15, kind: 'max', note: note(second) },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) report(await startupBench());
