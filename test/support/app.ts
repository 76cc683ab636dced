import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { type AppOptions, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Connection } from '../../src/db/connection.ts';
import { DEMO_PASSWORD } from '../../src/demo/organisation.ts';
import { seedDemoIfEmpty } from '../../src/demo/seed.ts';
import { testDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Connection;
  db: Connection['db'];
  /** A browser-like client: keeps cookies, knows a CSRF token, signs in as a demo user. */
  client(): Promise<TestClient>;
  /** A client already signed in as this demo user. */
  signedIn(email: string): Promise<TestClient>;
  close(): Promise<void>;
}

export interface TestResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  json<T = unknown>(): T;
}

export interface TestClient {
  csrf: string;
  get(url: string): Promise<TestResponse>;
  /** A form post; `_csrf` is added unless given. */
  post(url: string, form?: Record<string, string | string[]>): Promise<TestResponse>;
  api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<TestResponse>;
  /** A multipart form post (a file upload, as a browser sends it); `_csrf` is added unless given. */
  upload(url: string, fields: Record<string, string>, file?: { field?: string; name: string; bytes: Uint8Array; type?: string }): Promise<TestResponse>;
  signIn(email: string, password?: string): Promise<TestResponse>;
}

/** An app on a fresh test database with the demo partnership loaded (small unless asked otherwise). */
export async function testApp(
  options: { children?: number; env?: NodeJS.ProcessEnv; onRoute?: (route: RouteOptions) => void; logger?: AppOptions['logger'] } = {},
): Promise<TestApp> {
  const children = options.children ?? 40;
  const database = await testDatabase({ name: `demo-${children}`, run: (db) => seedDemoIfEmpty(db, { children }).then(() => undefined) });
  const config = loadConfig({ CAIRN_DATA_DIR: ':memory:', SESSION_SECRET: 'test-secret-test-secret-test-secret-0000', ...options.env });
  const app = await buildApp({ config, database, logger: options.logger ?? false, onRoute: options.onRoute });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    client: () => createClient(app),
    signedIn: async (email) => {
      const client = await createClient(app);
      const response = await client.signIn(email);
      if (response.statusCode !== 302) throw new Error(`${email} could not sign in (${response.statusCode})`);
      return client;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

function encodeForm(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  return params.toString();
}

function encodeMultipart(fields: Record<string, string>, file?: { field?: string; name: string; bytes: Uint8Array; type?: string }) {
  const boundary = `----cairn-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name.replace(/"/g, '%22')}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(Buffer.from(head), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, payload: Buffer.concat(parts) };
}

async function createClient(app: FastifyInstance): Promise<TestClient> {
  const cookies = new Map<string, string>();
  const send = async (options: InjectOptions): Promise<TestResponse> => {
    const response = await app.inject({
      ...options,
      headers: { ...options.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return { statusCode: response.statusCode, body: response.body, headers: response.headers, json: () => response.json() };
  };
  const page = await send({ method: 'GET', url: '/sign-in', headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('The sign-in page did not carry a CSRF token');
  const client: TestClient = {
    csrf,
    get: (url) => send({ method: 'GET', url, headers: { accept: 'text/html' } }),
    post: (url, form = {}) =>
      send({
        method: 'POST',
        url,
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _csrf: csrf, ...form }),
      }),
    api: (method, url, body) =>
      send({
        method,
        url,
        headers: { accept: 'application/json', 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
    upload: (url, fields, file) => {
      const { boundary, payload } = encodeMultipart({ _csrf: csrf, ...fields }, file);
      return send({ method: 'POST', url, headers: { accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    },
    signIn: (email, password = DEMO_PASSWORD) => client.post('/sign-in', { email, password }),
  };
  return client;
}
