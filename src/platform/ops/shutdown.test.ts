import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { createServer, connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { testDatabase, testEngine, testPostgresUrl } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import { shutDown } from './shutdown.ts';

/**
 * The real server (`src/main.ts` in a process of its own, on an embedded database in memory or, in the PostgreSQL
 * stage, a database of its own) asked to stop while a request is in flight. The request is made slow the honest way:
 * its body is sent in two parts, so the server is still waiting for it when SIGTERM arrives.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const NAME = 'Zebedee';

interface Server {
  child: ChildProcess;
  port: number;
  output: string[];
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Answer {
  status: number;
  body: string;
  cookies: string[];
  connection?: string;
}

/** One request on a connection of its own (no keep-alive), so nothing but the request under test holds the server. */
function request(port: number, path: string, options: { method?: string; cookie?: string; form?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          accept: 'text/html',
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(options.form) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
      },
    );
    req.on('error', reject);
    req.end(options.form);
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: 'shutdown-test-secret-shutdown-test-secret', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`the server did not start within 90 seconds:\n${output.join('')}`);
    const live = await request(port, '/health/live').catch(() => null);
    if (live?.status === 200) return { child, port, output, exited };
    await delay(200);
  }
}

/** Whether a new TCP connection to the port is refused (rather than accepted). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await delay(50);
  }
}

const inFlight = async (port: number) => Number(/^cairn_http_requests_in_flight (\d+)$/m.exec((await request(port, '/metrics')).body)?.[1] ?? 0);

/** A request whose body is held back: it is in flight until `finish()` sends the rest. */
function slowPost(port: number, path: string, cookie: string, form: string, agent: http.Agent | false = false) {
  let settle: (answer: Answer | Error) => void = () => {};
  const answered = new Promise<Answer | Error>((resolve) => (settle = resolve));
  const req = http.request(
    {
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent,
      headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) },
    },
    (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => settle({ status: res.statusCode ?? 0, body, cookies: [], connection: res.headers.connection }));
      res.on('error', settle);
    },
  );
  req.on('error', settle);
  req.write(form.slice(0, 5));
  return { answered, finish: () => req.end(form.slice(5)) };
}

describe('graceful shutdown of the real server', () => {
  const env: NodeJS.ProcessEnv = { CAIRN_DATA_DIR: ':memory:', DATABASE_URL: undefined };
  const servers: Server[] = [];
  let admin: pg.Client | null = null;
  let database = '';

  before(async () => {
    if (testEngine !== 'postgres') return;
    // main.ts migrates the public schema of the database it is given, so it is given a database of its own.
    database = `cairn_shutdown_${process.pid}`;
    admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(testPostgresUrl);
    url.pathname = `/${database}`;
    Object.assign(env, { DATABASE_URL: url.toString(), CAIRN_DATA_DIR: undefined });
  });

  after(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('on SIGTERM refuses new connections, finishes the request in flight with 200, closes the database and exits 0', async () => {
    const server = await startServer({ ...env, DEMO: 'true', CAIRN_SHUTDOWN_TIMEOUT_MS: '20000' });
    servers.push(server);
    const { port } = server;

    const signInPage = await request(port, '/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.body)![1]!;
    const signedIn = await request(port, '/sign-in', {
      method: 'POST',
      cookie: signInPage.cookies.join('; '),
      form: new URLSearchParams({ _csrf: csrf, email: 'sam.rowe@cairn.example', password: DEMO_PASSWORD }).toString(),
    });
    assert.equal(signedIn.status, 302, signedIn.body.slice(0, 500));
    const cookie = [...signInPage.cookies, ...signedIn.cookies].join('; ');

    // On a keep-alive connection, as from a browser or a load balancer: it must not hold the shutdown once answered.
    const keepAlive = new http.Agent({ keepAlive: true });
    const search = slowPost(port, '/people/search', cookie, new URLSearchParams({ _csrf: csrf, name: NAME }).toString(), keepAlive);
    // The metrics scrape and the search: the search has reached the server and is waiting for the rest of its body.
    await until('the slow request to reach the server', async () => (await inFlight(port)) === 2);

    const asked = Date.now();
    server.child.kill('SIGTERM');
    await until('new connections to be refused', () => refused(port));

    search.finish();
    const answer = await search.answered;
    assert.ok(!(answer instanceof Error), `the request in flight was answered (${answer instanceof Error ? answer.message : ''})`);
    assert.equal(answer.status, 200);
    assert.match(answer.body, /Search results/);
    assert.equal(answer.connection, 'close');

    assert.equal(await server.exited, 0, server.output.join(''));
    assert.ok(Date.now() - asked < 5000, 'it did not wait for the keep-alive connection to time out');
    keepAlive.destroy();
    const log = server.output.join('');
    assert.match(log, /"signal":"SIGTERM".*"msg":"shutting down/);
    assert.match(log, /"exitCode":0,"msg":"shut down"/);
    assert.ok(!log.includes(NAME), 'the search term was not logged');
  });
});

describe('shutdown timeout', () => {
  it('cuts off a request that outlasts the timeout, still closes the database, and answers exit code 1', async () => {
    // In this process rather than a new one: main.ts's wiring is proven above, and this keeps the file quick.
    const database = await testDatabase();
    const lines: string[] = [];
    const config = loadConfig({ CAIRN_DATA_DIR: ':memory:', SESSION_SECRET: 'shutdown-test-secret-shutdown-test-secret' });
    const app = await buildApp({ config, database, logger: { write: (line: string) => void lines.push(line) } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const stuck = slowPost(port, '/sign-in', '', 'email=someone%40example.org&password=x');
    await until('the slow request to reach the server', async () => (await inFlight(port)) === 2);

    const asked = Date.now();
    const exitCode = await shutDown(app, database, { signal: 'SIGTERM', timeoutMs: 300 });
    assert.equal(exitCode, 1);
    assert.ok(Date.now() - asked < 3000, 'the timeout was kept');
    assert.ok((await stuck.answered) instanceof Error, 'the stuck request was cut off, not answered');
    assert.match(lines.join(''), /shutdown timeout ran out/);
    await assert.rejects(database.db.selectFrom('agencies').select('id').execute(), 'the database was closed');
  });
});
