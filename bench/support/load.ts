/**
 * One load run, in a process of its own so the load generator does not share an event loop with the server it
 * measures: `node --import tsx bench/support/load.ts '<json options>'` prints one JSON line with the latency of
 * every response (p50, p95), the throughput and any response that was not a 200.
 */
import autocannon from 'autocannon';

interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** One Cookie header per connection (each connection a different user), taken in turn. */
  cookies?: string[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const times: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const cookies = options.cookies ?? [];
const instance = autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  headers: options.headers,
  ...(cookies.length ? { setupClient: (client: { setHeaders(h: Record<string, string>): void }) => client.setHeaders({ ...options.headers, cookie: cookies[next++ % cookies.length]! }) } : {}),
});
instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
  times.push(time);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
});
const result = await instance;
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.max(0, Math.ceil(times.length * q) - 1))] ?? NaN;
console.log(
  JSON.stringify({
    requests: times.length,
    perSecond: times.length / ((result.duration as number) || options.seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(statuses),
  }),
);
