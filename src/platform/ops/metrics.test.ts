import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { databaseErrorKind } from './database-errors.ts';
import { metricsAccess } from './metrics-access.ts';
import { registry, trackJob } from './metrics.ts';

const SAM = 'sam.rowe@cairn.example';
const TOKEN = 'a-metrics-token-of-more-than-thirty-two-characters';

/** The value of one sample line (`name{labels} value`) in the exposition text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]?.split(',') ?? [];
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('metrics', () => {
  let t: TestApp;
  let sam: TestClient;
  let personId: string;
  before(async () => {
    t = await testApp({ children: 10 });
    sam = await t.signedIn(SAM);
    personId = (await t.db.selectFrom('people').select('id').where('person_type', '=', 'child').limit(1).executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const scrape = async (options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: 'GET', url: '/metrics', ...options });

  it('times requests by method, route pattern and status class, never by the URL asked for', async () => {
    const route = { method: 'GET', route: '/people/:id', status_class: '2xx' };
    const before = sample((await scrape()).body, 'cairn_http_request_duration_seconds_count', route) ?? 0;
    assert.equal((await sam.get(`/people/${personId}?name=Zebedee+Quartermaine`)).statusCode, 200);
    assert.equal((await sam.get('/no-such-page/Zebedee')).statusCode, 404);

    const scraped = await scrape();
    assert.equal(scraped.statusCode, 200);
    assert.match(String(scraped.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(sample(scraped.body, 'cairn_http_request_duration_seconds_count', route), before + 1);
    assert.ok(sample(scraped.body, 'cairn_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })! >= 1);
    assert.ok(sample(scraped.body, 'cairn_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' })! >= 1);
    assert.ok(!scraped.body.includes(personId), 'no id in a label');
    assert.ok(!scraped.body.includes('Zebedee'), 'no query string or path typed by hand in a label');
    // The scrape itself is the one request in flight: every earlier one has been counted out.
    assert.equal(sample(scraped.body, 'cairn_http_requests_in_flight'), 1);
    assert.ok(sample(scraped.body, 'process_cpu_user_seconds_total')! > 0, "prom-client's process metrics");
    assert.ok(sample(scraped.body, 'nodejs_heap_size_used_bytes')! > 0);
  });

  it('counts a statement the database refuses while answering a request', async () => {
    const before = sample((await scrape()).body, 'cairn_database_errors_total', { kind: 'query' }) ?? 0;
    // A missing table makes the record page's query fail inside the database, as a broken migration would.
    await sql`ALTER TABLE person_names RENAME TO person_names_hidden`.execute(t.db);
    try {
      assert.equal((await sam.get(`/people/${personId}`)).statusCode, 500);
    } finally {
      await sql`ALTER TABLE person_names_hidden RENAME TO person_names`.execute(t.db);
    }
    assert.equal(sample((await scrape()).body, 'cairn_database_errors_total', { kind: 'query' }), before + 1);
  });

  it('serves metrics without a token only to a scraper on this machine, not through a proxy', async () => {
    assert.equal((await scrape({ remoteAddress: '127.0.0.1' })).statusCode, 200);
    assert.equal((await scrape({ remoteAddress: '::1' })).statusCode, 200);
    assert.equal((await scrape({ remoteAddress: '::ffff:127.0.0.1' })).statusCode, 200);
    const outside = await scrape({ remoteAddress: '203.0.113.7' });
    assert.equal(outside.statusCode, 403);
    assert.match(outside.body, /CAIRN_METRICS_TOKEN/);
    assert.equal((await scrape({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } })).statusCode, 403);
    assert.equal((await scrape({ remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.7' } })).statusCode, 403);
  });
});

describe('metrics with a token', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10, env: { CAIRN_METRICS_TOKEN: TOKEN } });
  });
  after(() => t.close());

  it('answers only a scraper presenting the token, from anywhere', async () => {
    const scrape = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers });
    const none = await scrape({});
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="cairn-metrics"');
    assert.equal((await scrape({ authorization: `Bearer ${TOKEN}x` })).statusCode, 401);
    assert.equal((await scrape({ authorization: `Basic ${TOKEN}` })).statusCode, 401);
    const local = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(local.statusCode, 401, 'once a token is set, loopback needs it too');
    const allowed = await scrape({ authorization: `Bearer ${TOKEN}` });
    assert.equal(allowed.statusCode, 200);
    assert.match(allowed.body, /# TYPE cairn_http_request_duration_seconds histogram/);
  });
});

describe('metrics access, pure', () => {
  it('compares tokens exactly, whatever their length', () => {
    const request = (authorization?: string) => ({ socketAddress: '127.0.0.1', authorization, forwarded: false });
    assert.deepEqual(metricsAccess(request(`Bearer ${TOKEN}`), TOKEN), { allowed: true });
    assert.deepEqual(metricsAccess(request(`bearer ${TOKEN}`), TOKEN), { allowed: true });
    for (const wrong of [undefined, '', 'Bearer ', `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN.toUpperCase()}`, TOKEN]) {
      assert.equal(metricsAccess(request(wrong), TOKEN).allowed, false, String(wrong));
    }
  });

  it('treats only 127.0.0.0/8 and ::1 as this machine', () => {
    const from = (socketAddress: string | undefined) => metricsAccess({ socketAddress, authorization: undefined, forwarded: false }, null).allowed;
    assert.equal(from('127.0.0.53'), true);
    assert.equal(from('10.0.0.1'), false);
    assert.equal(from('::ffff:10.0.0.1'), false);
    assert.equal(from('128.0.0.1'), false);
    assert.equal(from(undefined), false);
  });
});

describe('database errors, classified', () => {
  it('tells a lost connection from a refused statement, and leaves other errors alone', () => {
    assert.equal(databaseErrorKind(Object.assign(new Error('relation "x" does not exist'), { code: '42P01', severity: 'ERROR' })), 'query');
    assert.equal(databaseErrorKind(Object.assign(new Error('terminating connection'), { code: '57P01', severity: 'FATAL' })), 'connection');
    assert.equal(databaseErrorKind(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' })), 'connection');
    assert.equal(databaseErrorKind(new Error('Connection terminated unexpectedly')), 'connection');
    assert.equal(databaseErrorKind(new Error('wrapped', { cause: new Error('PGlite is closed') })), 'connection');
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED', syscall: 'connect' });
    assert.equal(databaseErrorKind(new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')])), 'connection');
    assert.equal(databaseErrorKind(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), null, 'a browser going away');
    assert.equal(databaseErrorKind(Object.assign(new Error('x'), { code: 'EPIPE' })), null);
    assert.equal(databaseErrorKind(new TypeError('undefined is not a function')), null);
  });
});

describe('jobs', () => {
  const value = async (name: string, labels: Record<string, string>) => sample(await registry.metrics(), name, labels) ?? 0;

  it('counts a job as started, running while it runs, and finished with its outcome', async () => {
    let running = -1;
    const result = await trackJob('test-job', async () => {
      running = await value('cairn_jobs_running', { job: 'test-job' });
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(running, 1);
    await assert.rejects(trackJob('test-job', async () => Promise.reject(new Error('it failed'))), /it failed/);
    assert.equal(await value('cairn_jobs_started_total', { job: 'test-job' }), 2);
    assert.equal(await value('cairn_jobs_finished_total', { job: 'test-job', outcome: 'succeeded' }), 1);
    assert.equal(await value('cairn_jobs_finished_total', { job: 'test-job', outcome: 'failed' }), 1);
    assert.equal(await value('cairn_jobs_running', { job: 'test-job' }), 0);
  });
});
