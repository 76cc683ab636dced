import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_PASSWORD } from '../../src/demo/organisation.ts';
import { seedDemoIfEmpty } from '../../src/demo/seed.ts';
import { testDatabase, testEngine, testPostgresUrl } from '../support/database.ts';

/**
 * The real Cairn process for fault tests: `src/main.ts` started as a child on a database of its own (a PGlite data
 * directory on disk, or a fresh PostgreSQL database), so that it can be killed outright and started again on the
 * same data.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const SESSION_SECRET = 'resilience-test-secret-resilience-test-00';

/** A database a child process can open by environment alone, and its removal. */
export interface ServerDatabase {
  env: NodeJS.ProcessEnv;
  /** Opens the same database from the test process (the server must not be running on PGlite: it is single-user). */
  open(): ReturnType<typeof openDatabase>;
  drop(): Promise<void>;
  /** Where `integrityProblems` looks. */
  integrityTarget: { dataDir: string } | { url: string };
}

/**
 * A migrated database with the demo partnership (20 children): PGlite in a temporary directory, loaded from the test
 * snapshot, or a new PostgreSQL database on the test server.
 */
export async function serverDatabase(options: { seeded?: boolean } = {}): Promise<ServerDatabase> {
  const seeded = options.seeded ?? true;
  if (testEngine === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-resilience-'));
    const snapshot = await testDatabase(seeded ? { name: 'demo-20', run: (db) => seedDemoIfEmpty(db, { children: 20 }).then(() => undefined) } : undefined);
    const tar = await snapshot.dumpDataDir!();
    await snapshot.close();
    const onDisk = await openDatabase({ engine: 'embedded', dataDir }, { loadDataDir: tar });
    await onDisk.close();
    return {
      env: { CAIRN_DATA_DIR: dataDir },
      open: () => openDatabase({ engine: 'embedded', dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      integrityTarget: { dataDir },
    };
  }
  const name = `cairn_resilience_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const database = { engine: 'postgres' as const, url: url.toString() };
  const connection = await openDatabase(database);
  try {
    await migrateToLatest(connection.db);
    if (seeded) await seedDemoIfEmpty(connection.db, { children: 20 });
  } finally {
    await connection.close();
  }
  return {
    env: { DATABASE_URL: database.url },
    open: () => openDatabase(database),
    integrityTarget: { url: database.url },
    drop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A port nobody is listening on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Child {
  process: ChildProcess;
  /** What it has written to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once it has stopped. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not stopped within 10 s. */
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point of Cairn (`src/main.ts`, `src/cli/index.ts`) in a process of its own. */
export function runChild(entry: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { ...process.env, SESSION_SECRET, LOG_LEVEL: 'warn', DEMO: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return {
    process: child,
    output: () => output,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Server extends Child {
  baseUrl: string;
}

/** Starts the server on `database` and waits until it answers. */
export async function startServer(database: ServerDatabase): Promise<Server> {
  const port = await freePort();
  const child = runChild('src/main.ts', [], { ...database.env, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Generous: on a busy machine starting TypeScript and PGlite alone can take half a minute.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`The server stopped while starting (exit ${child.process.exitCode}):\n${child.output()}`);
    if (Date.now() > deadline) {
      await child.kill();
      throw new Error(`The server did not answer within 60 s:\n${child.output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return { ...child, baseUrl };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface HttpResponse {
  status: number;
  location: string | null;
  contentType: string | null;
  retryAfter: string | null;
  body: string;
}

/** A browser-like client over real HTTP: keeps cookies, knows the CSRF token, signs in as a demo user. */
export interface HttpClient {
  get(path: string): Promise<HttpResponse>;
  post(path: string, form: Record<string, string | string[]>): Promise<HttpResponse>;
  /** A GET asking for JSON, as an API client does. */
  api(path: string): Promise<HttpResponse>;
}

export async function signedInClient(baseUrl: string, email: string): Promise<HttpClient> {
  const cookies = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}): Promise<HttpResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { accept: 'text/html', cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...init.headers },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), contentType: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), body: await response.text() };
  };
  const page = await send('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('The sign-in page did not carry a CSRF token');
  const post = (path: string, form: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: csrf, ...form })) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    return send(path, { method: 'POST', body: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };
  const signIn = await post('/sign-in', { email, password: DEMO_PASSWORD });
  if (signIn.status !== 302) throw new Error(`${email} could not sign in (${signIn.status})`);
  return { get: (path) => send(path), post, api: (path) => send(path, { headers: { accept: 'application/json' } }) };
}
