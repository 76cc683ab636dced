// Runs Cairn's test suites in stages and prints one summary for all of them.
//
//   node scripts/test.mjs                 every stage: unit (embedded), unit (PostgreSQL), browser
//   node scripts/test.mjs unit            one or more stages by name: unit, pg, e2e
//   node scripts/test.mjs unit src/x.test.ts   only the named files (or glob patterns) in the chosen stages
//
// Node 20's test runner does not expand glob patterns itself (that came in Node 21), so this script does.
// CAIRN_SKIP_POSTGRES=1 skips the PostgreSQL stage (and says so); otherwise an unreachable PostgreSQL fails the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { globSync } from 'tinyglobby';

const root = fileURLToPath(new URL('..', import.meta.url));
const postgresUrl = process.env.CAIRN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Test files run this many at a time (each in its own process, with its own database): 2 suits a 2-core machine. */
const concurrency = Number(process.env.CAIRN_TEST_CONCURRENCY ?? 2);
/** A stage that runs longer than this is stopped and counted as failed, so a hung browser cannot hold CI. */
const stageTimeoutMinutes = Number(process.env.CAIRN_TEST_STAGE_TIMEOUT_MINUTES ?? 35);

const UNIT_PATTERNS = ['src/**/*.test.ts', 'test/*.test.ts', 'test/resilience/*.test.ts'];
const STAGES = {
  unit: { title: 'Unit and integration tests on the embedded database (PGlite)', patterns: UNIT_PATTERNS, env: { CAIRN_TEST_DB: undefined } },
  pg: { title: 'Unit and integration tests on PostgreSQL', patterns: UNIT_PATTERNS, env: { CAIRN_TEST_DB: 'postgres' }, needsPostgres: true },
  // One browser at a time: two Chromiums with axe on two cores are slower together than one after the other.
  e2e: { title: 'Browser journeys (Chromium, axe accessibility checks)', patterns: ['test/e2e/**/*.test.ts'], env: { CAIRN_TEST_DB: undefined }, concurrency: 1 },
};

function testFiles(patterns) {
  return globSync(patterns, { cwd: root, ignore: ['**/node_modules/**'] }).sort();
}

function parseTap(file) {
  const counts = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ...counts, missing: true };
  }
  // The run's totals are the last "# name N" lines at the outermost level.
  for (const match of text.matchAll(/^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

/** PostgreSQL answers, creating the test database if the server is there but the database is not. */
async function checkPostgres() {
  const attempt = async (connectionString) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await attempt(postgresUrl);
    return null;
  } catch (error) {
    if (error?.code === '3D000') {
      const url = new URL(postgresUrl);
      const database = decodeURIComponent(url.pathname.slice(1));
      url.pathname = '/postgres';
      const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
        console.log(`Created the test database "${database}".`);
        return null;
      } catch (createError) {
        return `the database does not exist and could not be created: ${createError.message}`;
      } finally {
        await client.end().catch(() => {});
      }
    }
    return error?.message || String(error);
  }
}

function redacted(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return url;
  }
}

async function runStage(name, stage, files, workDir) {
  const tapFile = join(workDir, `${name}.tap`);
  const env = { ...process.env };
  for (const [key, value] of Object.entries(stage.env)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${stage.concurrency ?? concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`\nThe ${name} stage ran for more than ${stageTimeoutMinutes} minutes and has been stopped.`);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, stageTimeoutMinutes * 60_000);
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  const counts = parseTap(tapFile);
  const failed = counts.fail + counts.cancelled;
  // A crash before any result, or a non-zero exit with nothing reported as failed, still fails the stage.
  const ok = code === 0 && !timedOut && !counts.missing && failed === 0 && counts.pass > 0;
  return { name, title: stage.title, ok, seconds, pass: counts.pass, fail: ok ? failed : Math.max(failed, 1), skipped: counts.skipped + counts.todo, code, timedOut };
}

function header(text) {
  const line = '='.repeat(Math.min(100, text.length + 8));
  console.log(`\n${line}\n=== ${text}\n${line}\n`);
}

async function main() {
  const args = process.argv.slice(2);
  const names = args.filter((a) => a in STAGES);
  const filePatterns = args.filter((a) => !(a in STAGES));
  const chosen = names.length ? names : Object.keys(STAGES);
  const workDir = mkdtempSync(join(tmpdir(), 'cairn-test-'));
  const results = [];
  const started = Date.now();
  try {
    for (const name of chosen) {
      const stage = STAGES[name];
      header(`${name}: ${stage.title}`);
      const files = testFiles(filePatterns.length ? filePatterns : stage.patterns);
      if (files.length === 0) {
        console.error(`No test files matched ${(filePatterns.length ? filePatterns : stage.patterns).join(', ')}.`);
        results.push({ name, title: stage.title, ok: false, seconds: 0, pass: 0, fail: 1, skipped: 0, note: 'no test files found' });
        continue;
      }
      if (stage.needsPostgres) {
        if (process.env.CAIRN_SKIP_POSTGRES === '1') {
          console.log('Skipped: CAIRN_SKIP_POSTGRES=1 is set, so the suite has not been run on PostgreSQL.');
          results.push({ name, title: stage.title, skippedStage: true });
          continue;
        }
        const problem = await checkPostgres();
        if (problem) {
          console.error(
            `PostgreSQL is not reachable at ${redacted(postgresUrl)}: ${problem}\n` +
              'Start PostgreSQL, or point CAIRN_TEST_DATABASE_URL at one, or set CAIRN_SKIP_POSTGRES=1 to run without it.',
          );
          results.push({ name, title: stage.title, ok: false, seconds: 0, pass: 0, fail: 1, skipped: 0, note: 'PostgreSQL not reachable' });
          continue;
        }
      }
      console.log(`${files.length} test file${files.length === 1 ? '' : 's'}\n`);
      results.push(await runStage(name, stage, files, workDir));
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  header('Summary');
  let pass = 0;
  let fail = 0;
  for (const r of results) {
    if (r.skippedStage) {
      console.log(`SKIPPED  ${r.name}: ${r.title} (CAIRN_SKIP_POSTGRES=1)`);
      continue;
    }
    pass += r.pass;
    fail += r.fail;
    const extras = [r.skipped ? `${r.skipped} skipped` : '', r.timedOut ? 'timed out' : '', r.note ?? '', !r.ok && !r.note && r.code ? `exit code ${r.code}` : '']
      .filter(Boolean)
      .join(', ');
    console.log(`${r.ok ? 'PASS' : 'FAIL'}     ${r.name}: ${r.pass} passed, ${r.fail} failed in ${r.seconds.toFixed(1)} s${extras ? ` (${extras})` : ''}`);
  }
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = results.every((r) => r.skippedStage || r.ok) ? 0 : 1;
}

await main();
