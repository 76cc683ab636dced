/**
 * A working day's mix at 50 concurrent users for BENCH_LOAD_SECONDS (300, the five minutes): each a
 * different social care practitioner of the synthetic authority (as `record-page.ts` picks them) who finds a person
 * by name, opens their record, then records a visit to the child on their own caseload (the visit and its
 * chronology entry) or changes that child's details at the version the form was read at — with 0.5–2 s of reading
 * and typing between steps, so it models people rather than a flood. Cairn runs in a child process so the memory
 * sampled every 10 s is the server's own.
 *
 * Targets: no errors (any answer but 2xx/3xx counts, except a 409 on a save whose record changed since its form
 * was read: the user re-reads and saves again, and a second 409 in a row is an error); p95 ≤ 100 ms per page; and a
 * flat heap, which here means the live heap (after two full collections) grows by less than 1 MB a minute between
 * the end of warm-up and the end of the run.
 *
 *   npm run bench:load                   BENCH_LOAD_SECONDS=120 for a shorter run; BENCH_SCALE as the others
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { benchAuthority } from './support/authority.ts';
import { signIn } from './support/http.ts';
import { practise, type Practitioner, type Sought, Tally } from './support/practitioner.ts';
import { type Figure, isMain, report } from './support/report.ts';
import { cairnProcess, type MemorySample } from './support/server-process.ts';

const PRACTITIONER = 'sam.rowe@cairn.example';
const USERS = 50;
const SAMPLE_EVERY_MS = 10_000;
/** Growth of the live heap below this, after warm-up, is judged flat. */
const FLAT_MB_PER_MINUTE = 1;
const MB = 2 ** 20;
const ACTIONS = ['find a person', 'search by name', 'open record', 'visit form', 'save visit', 'social care record', 'change details form', 'save details'];

interface Sample extends MemorySample {
  /** Seconds since the load started. */
  at: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? NaN;

/** Least-squares slope of the live heap against time, in MB a minute. */
function slope(samples: Sample[], value: (s: Sample) => number): number {
  if (samples.length < 2) return NaN;
  const mx = samples.reduce((a, s) => a + s.at, 0) / samples.length;
  const my = samples.reduce((a, s) => a + value(s), 0) / samples.length;
  const num = samples.reduce((a, s) => a + (s.at - mx) * (value(s) - my), 0);
  const den = samples.reduce((a, s) => a + (s.at - mx) ** 2, 0);
  return (num / den / MB) * 60;
}

export async function loadMixBench(): Promise<Figure[]> {
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
  const warmUp = Math.min(60, seconds * 0.2);
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    // The practitioners record-page.ts measures with: the demo's, then the authority's other social care practitioners.
    const sam = (await db.selectFrom('users').select('id').where('email', '=', PRACTITIONER).executeTakeFirstOrThrow()).id;
    const others = await sql<{ id: string }>`
      SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id
      WHERE a.kind = 'social_care' AND 'practitioner' = ANY(u.roles) AND NOT u.disabled AND u.id <> ${sam} ORDER BY u.email LIMIT ${USERS - 1}`.execute(db);
    const userIds = [sam, ...others.rows.map((r) => r.id)];
    // Each practitioner's own child: one allocated to them where they have one, else one nobody else in the run has.
    // The edit form needs a date of birth and a sex to be saved as it was read.
    const editable = sql`p.person_type = 'child' AND NOT p.restricted AND p.date_of_birth IS NOT NULL AND p.sex IS NOT NULL`;
    const allocated = await sql<{ worker_id: string; person_id: string }>`
      SELECT DISTINCT ON (a.worker_id) a.worker_id, a.person_id FROM case_allocations a JOIN people p ON p.id = a.person_id
      WHERE a.end_date IS NULL AND a.worker_id = ANY(${userIds}) AND ${editable} ORDER BY a.worker_id, a.person_id`.execute(db);
    const own = new Map(allocated.rows.map((r) => [r.worker_id, r.person_id]));
    const spare = (await sql<{ id: string }>`SELECT p.id FROM people p WHERE ${editable} ORDER BY md5(p.id::text) LIMIT ${USERS * 2}`.execute(db)).rows
      .map((r) => r.id)
      .filter((id) => ![...own.values()].includes(id));
    for (const id of userIds) if (!own.has(id)) own.set(id, spare.shift()!);
    const children = userIds.map((id) => own.get(id)!);
    if (new Set(children).size !== USERS) throw new Error('Two practitioners would edit the same child');
    // People to look for: a fixed spread of children a practitioner may open.
    const sought: Sought[] = (
      await sql<{ id: string; name: string }>`
        SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM people p
        WHERE p.person_type = 'child' AND NOT p.restricted ORDER BY md5(p.id::text) LIMIT 2000`.execute(db)
    ).rows;
    const versionsBefore = Number((await sql<{ n: string }>`SELECT sum(version) AS n FROM people WHERE id = ANY(${children})`.execute(db)).rows[0]!.n);
    const visitsBefore = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM visits WHERE person_id = ANY(${children})`.execute(db)).rows[0]!.n);
    console.log(`load mix: ${authority.scale} (${authority.children} children), ${USERS} practitioners for ${seconds} s (warm-up ${warmUp} s), ${allocated.rows.length} editing a child on their caseload`);

    const server = await cairnProcess(authority.schema);
    const cookies = [await signIn(server.base, PRACTITIONER), ...(await server.cookies(userIds.slice(1)))];
    const users: Practitioner[] = userIds.map((_, i) => ({ cookie: cookies[i]!, childId: children[i]!, seed: 1_000 + i }));
    const idle = await server.memory(true);

    const tally = new Tally();
    const started = performance.now();
    const until = started + seconds * 1_000;
    const samples: Sample[] = [];
    const sampling = (async () => {
      for (let next = started + SAMPLE_EVERY_MS; next <= until; next += SAMPLE_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, next - performance.now()));
        const sample = { at: (performance.now() - started) / 1_000, ...(await server.memory(true)) };
        samples.push(sample);
        console.log(`  ${sample.at.toFixed(0).padStart(4)} s  heap ${(sample.heapUsed / MB).toFixed(1)} MB  rss ${(sample.rss / MB).toFixed(0)} MB  ${tally.requests} requests, ${tally.errorCount} errors`);
      }
    })();
    await Promise.all(users.map((user) => practise(user, { base: server.base, sought, until, tally })));
    const elapsed = (performance.now() - started) / 1_000;
    await sampling;
    // Requests finished, timers and keep-alive sockets given a moment: what the server holds when nobody is using it.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = await server.memory(true);
    await server.stop();

    const versionsAfter = Number((await sql<{ n: string }>`SELECT sum(version) AS n FROM people WHERE id = ANY(${children})`.execute(db)).rows[0]!.n);
    const visitsAfter = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM visits WHERE person_id = ANY(${children})`.execute(db)).rows[0]!.n);
    const savedDetails = tally.saved.get('save details') ?? 0;
    const savedVisits = tally.saved.get('save visit') ?? 0;
    const lost = Math.abs(versionsAfter - versionsBefore - savedDetails) + Math.abs(visitsAfter - visitsBefore - savedVisits);
    console.log(`  saves: ${savedDetails} details (versions moved ${versionsAfter - versionsBefore}), ${savedVisits} visits (${visitsAfter - visitsBefore} stored)`);
    for (const [what, n] of tally.errors) console.log(`  error: ${what} × ${n}`);

    const steady = samples.filter((s) => s.at >= warmUp);
    const first = steady[0] ?? idle;
    const last = samples.at(-1) ?? after;
    const heapSlope = slope(steady, (s) => s.heapUsed);
    const rssSlope = slope(steady, (s) => s.rss);
    const pause = Math.max(...samples.map((s) => s.pauseMs));
    const errorRate = (100 * tally.errorCount) / Math.max(tally.requests, 1);
    const bench = 'load mix';
    const figures: Figure[] = [
      {
        bench,
        measure: 'error rate',
        value: errorRate,
        unit: '%',
        target: 0,
        kind: 'max',
        note: `${tally.errorCount} of ${tally.requests} requests; ${tally.conflicts} conflicts (409, re-read and saved again)`,
      },
      { bench, measure: 'saves lost or doubled', value: lost, unit: 'records', target: 0, kind: 'max', note: `${savedDetails} details saves, ${savedVisits} visits` },
      { bench, measure: 'requests per second', value: tally.requests / elapsed, unit: 'req/s', target: null, kind: 'min', note: `${tally.requests} in ${elapsed.toFixed(0)} s` },
    ];
    for (const action of ACTIONS) {
      const times = (tally.times.get(action) ?? []).sort((a, b) => a - b);
      if (!times.length) continue;
      figures.push(
        { bench, measure: `${action} median`, value: quantile(times, 0.5), unit: 'ms', target: null, kind: 'max' },
        { bench, measure: `${action} p95`, value: quantile(times, 0.95), unit: 'ms', target: 100, kind: 'max', note: `${times.length} requests` },
      );
    }
    const found = tally.searches ? (100 * tally.found) / tally.searches : NaN;
    figures.push(
      { bench, measure: 'searches listing the person sought', value: found, unit: '%', target: null, kind: 'min' },
      { bench, measure: 'live heap at warm-up end', value: first.heapUsed / MB, unit: 'MB', target: null, kind: 'max', note: `at ${(first as Partial<Sample>).at?.toFixed(0) ?? 0} s; idle before the load ${(idle.heapUsed / MB).toFixed(1)} MB` },
      { bench, measure: 'live heap at the end', value: last.heapUsed / MB, unit: 'MB', target: null, kind: 'max', note: `idle after the load ${(after.heapUsed / MB).toFixed(1)} MB` },
      { bench, measure: 'live heap slope after warm-up', value: heapSlope, unit: 'MB/min', target: FLAT_MB_PER_MINUTE, kind: 'max', note: `${steady.length} samples, every ${SAMPLE_EVERY_MS / 1_000} s` },
      { bench, measure: 'RSS at the end', value: last.rss / MB, unit: 'MB', target: null, kind: 'max', note: `${(first.rss / MB).toFixed(0)} MB at warm-up end; slope ${rssSlope.toFixed(2)} MB/min` },
      { bench, measure: 'longest pause to settle the heap', value: pause, unit: 'ms', target: null, kind: 'max', note: 'two forced full collections every 10 s, inside the latencies above' },
    );
    return figures;
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await loadMixBench());
