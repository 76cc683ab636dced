import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Cairn's Prometheus metrics. One registry per process, not prom-client's global one, so a library that registers
 * metrics of its own can never clash with ours; apps built in the same process (tests) add to the same series, so
 * tests compare before and after rather than expect absolute counts.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const requestDuration = new Histogram({
  name: 'cairn_http_request_duration_seconds',
  help: 'Time from a request arriving to its response being sent, by method, route pattern and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const requestsInFlight = new Gauge({
  name: 'cairn_http_requests_in_flight',
  help: 'Requests received whose response has not yet been sent (or whose client has gone).',
  registers: [registry],
});

const databaseErrors = new Counter({
  name: 'cairn_database_errors_total',
  help: 'Database failures seen while answering requests or readiness checks: "connection" (unreachable, closed or dropped) or "query" (the database refused a statement).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

const jobsStarted = new Counter({
  name: 'cairn_jobs_started_total',
  help: 'Jobs Cairn has started, by job name.',
  labelNames: ['job'] as const,
  registers: [registry],
});

const jobsFinished = new Counter({
  name: 'cairn_jobs_finished_total',
  help: 'Jobs Cairn has finished, by job name and outcome (succeeded or failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

const jobsRunning = new Gauge({
  name: 'cairn_jobs_running',
  help: 'Jobs running now, by job name.',
  labelNames: ['job'] as const,
  registers: [registry],
});

const webhookDeliveries = new Counter({
  name: 'cairn_webhook_deliveries_total',
  help: 'Webhook delivery attempts to partner systems, by outcome: "delivered" (2xx), "retrying" (refused or unreachable, tried again later) or "failed" (no attempts left).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export function countWebhookDelivery(outcome: 'delivered' | 'retrying' | 'failed') {
  webhookDeliveries.inc({ outcome });
}

export type DatabaseErrorKind = 'connection' | 'query';

/** The label for a request's route: the pattern it matched (ids stay as `:id`), never the URL it was asked with. */
export function routeLabel(pattern: string | undefined): string {
  return pattern ?? 'unmatched';
}

export function observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number) {
  requestDuration.observe(
    { method: KNOWN_METHODS.has(method) ? method : 'other', route: routeLabel(route), status_class: `${Math.floor(statusCode / 100)}xx` },
    seconds,
  );
}

export const requestStarted = () => requestsInFlight.inc();
export const requestEnded = () => requestsInFlight.dec();

export function countDatabaseError(kind: DatabaseErrorKind) {
  databaseErrors.inc({ kind });
}

/**
 * Runs a piece of work as a named job, so that it is counted as started, running and finished. Cairn has no job queue
 * yet: start-up migration and demo seeding are its only jobs; a job runner will wrap each job it runs in this.
 */
export async function trackJob<T>(job: string, work: () => Promise<T>): Promise<T> {
  jobsStarted.inc({ job });
  jobsRunning.inc({ job });
  try {
    const result = await work();
    jobsFinished.inc({ job, outcome: 'succeeded' });
    return result;
  } catch (error) {
    jobsFinished.inc({ job, outcome: 'failed' });
    throw error;
  } finally {
    jobsRunning.dec({ job });
  }
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
