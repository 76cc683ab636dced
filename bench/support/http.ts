import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Connection } from '../../src/db/connection.ts';
import { DEMO_PASSWORD } from '../../src/demo/organisation.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { SESSION_COOKIE } from '../../src/platform/http/web.ts';
import { latency } from './report.ts';

/** Cairn as it runs in production (every plugin, every hook, pages rendered), listening on a loopback port. */
export async function serveCairn(database: Connection): Promise<{ app: FastifyInstance; base: string }> {
  const config = loadConfig({ CAIRN_DATA_DIR: ':memory:', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false });
  return { app, base: await listen(app) };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port');
  return `http://127.0.0.1:${address.port}`;
}

const cookiesOf = (response: Response, jar: Map<string, string>) => {
  for (const c of response.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs a demo user in through the sign-in form, as a browser would; returns the Cookie header to send. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/sign-in`, { headers: { accept: 'text/html' } });
  cookiesOf(page, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error('The sign-in page carried no CSRF token');
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (response.status !== 302) throw new Error(`${email} could not sign in (${response.status})`);
  cookiesOf(response, jar);
  return cookieHeader(jar);
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

/**
 * `connections` users (each with one of `cookies`, when given) asking for one URL as fast as it answers, for `seconds`, from a separate process. A run in
 * which anything but a 200 came back is refused: its figures would measure the wrong thing.
 */
export async function load(url: string, options: { headers?: Record<string, string>; cookies?: string[]; connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  const args = { url, connections: options.connections ?? 50, seconds: options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10), headers: options.headers ?? {}, cookies: options.cookies ?? [] };
  const runner = new URL('load.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', runner, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`The load run for ${url} failed (exit ${code})`);
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
  const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
  if (bad.length || result.errors || !result.requests) throw new Error(`${url} answered ${JSON.stringify(result.statuses)} with ${result.errors} errors: not a fair measurement`);
  // Requests still in the server when the load stops would slow the next run: let them finish.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return result;
}

/**
 * A signed session cookie for any user, made as the sign-in form would make it: generated staff have no password
 * to sign in with, and the busiest worker is usually one of them.
 */
export async function sessionCookie(app: FastifyInstance, database: Connection, userId: string): Promise<string> {
  const token = await createSession(database.db, userId, { idleMinutes: app.config.sessionIdleMinutes, absoluteHours: app.config.sessionAbsoluteHours });
  return `${SESSION_COOKIE}=${encodeURIComponent(app.signCookie(token))}`;
}

/** Sequential GETs of one page by one user: the latency a single person sees. */
export async function timedGets(url: string, headers: Record<string, string>, rounds = 40): Promise<{ median: number; p95: number }> {
  const once = async () => {
    const response = await fetch(url, { headers, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: not a fair measurement`);
  };
  return latency(once, rounds);
}
