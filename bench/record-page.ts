/**
 * The child's pages at 50 concurrent users: the person record, the social care record and the chronology, for
 * the child with the longest chronology (1,000+ events expected), by 50 social care practitioners at once. Each is
 * compared with its ceiling measured the same way in the same run: a bare Fastify route in this process making
 * the same repository calls, with no session, access decision, audit, header count or template.
 * Targets: p95 ≤ 100 ms, and at least half the bare route's throughput.
 *
 *   npm run bench:record                 BENCH_SCALE=kent for the large authority; BENCH_SECONDS per run (10)
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { PAGE_SIZE } from '../src/platform/http/pagination.ts';
import { loadCurrentUser } from '../src/platform/auth/users.ts';
import type { RequestContext } from '../src/platform/access/authorise.ts';
import * as casework from '../src/domains/casework/repository.ts';
import { SECTION_SOURCES } from '../src/domains/casework/sections.ts';
import { filterChoices, listEntries } from '../src/domains/chronology/repository.ts';
import * as peopleRepo from '../src/domains/people/repository.ts';
import { personHeading, personRecord } from '../src/domains/people/service.ts';
import { benchAuthority } from './support/authority.ts';
import { listen, load, type LoadResult, serveCairn, sessionCookie, signIn } from './support/http.ts';
import { type Figure, isMain, report } from './support/report.ts';

const PRACTITIONER = 'sam.rowe@cairn.example';
const LONG_CHRONOLOGY = 1_000;
const USERS = 50;

export async function recordPageBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    // The child with the longest chronology whom a social care practitioner may open (not a restricted record).
    const longest = await sql<{ person_id: string; n: string }>`
      SELECT c.person_id, count(*) AS n FROM chronology c JOIN people p ON p.id = c.person_id
      WHERE p.person_type = 'child' AND NOT p.restricted GROUP BY c.person_id ORDER BY n DESC LIMIT 1`.execute(db);
    const child = longest.rows[0];
    if (!child) throw new Error('The authority has no children with a chronology');
    const events = Number(child.n);
    const shortfall = events < LONG_CHRONOLOGY ? `NO CHILD HAS ${LONG_CHRONOLOGY}+ EVENTS: the longest chronology has ${events}` : undefined;
    if (shortfall) console.warn(`\n!!! ${shortfall}; measuring that child, and the figures say so !!!\n`);
    console.log(`record pages: ${authority.scale} (${authority.children} children), child ${child.person_id} with ${events} chronology events`);

    const { app, base } = await serveCairn(authority);
    // Fifty users, as the target says: the demo practitioner signed in through the form, and the authority's other
    // social care practitioners with sessions made as the form makes them (generated staff have no password).
    const userId = (await db.selectFrom('users').select('id').where('email', '=', PRACTITIONER).executeTakeFirstOrThrow()).id;
    const others = await sql<{ id: string }>`
      SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id
      WHERE a.kind = 'social_care' AND 'practitioner' = ANY(u.roles) AND NOT u.disabled AND u.id <> ${userId} ORDER BY u.email LIMIT ${USERS - 1}`.execute(db);
    const cookies = [await signIn(base, PRACTITIONER), ...(await Promise.all(others.rows.map((u) => sessionCookie(app, authority, u.id))))];
    const ctx: RequestContext = { db, actor: (await loadCurrentUser(db, userId))!, requestId: 'bench' };

    // The ceiling: the same reads as each page's service, answered as JSON.
    const bare = Fastify({ logger: false });
    bare.get('/person/:id', async (request) => {
      const { id } = request.params as { id: string };
      const person = (await peopleRepo.findPerson(db, id))!;
      return { person, record: await personRecord(ctx, person) };
    });
    bare.get('/social-care/:id', async (request) => {
      const { id } = request.params as { id: string };
      const heading = await personHeading(ctx, id);
      const [allocation, history, visits, ...sections] = await Promise.all([
        casework.currentAllocations(db, [id]),
        casework.allocationHistory(db, id),
        casework.visitsOf(db, id, 5),
        ...SECTION_SOURCES.map((source) => source(ctx, id)),
      ]);
      return { heading, allocation: allocation.get(id) ?? null, history, visits, sections };
    });
    bare.get('/chronology/:id', async (request) => {
      const { id } = request.params as { id: string };
      const [heading, entries, choices] = await Promise.all([personHeading(ctx, id), listEntries(db, id, {}, { limit: PAGE_SIZE, offset: 0 }), filterChoices(db, id)]);
      return { heading, entries, choices };
    });
    const bareBase = await listen(bare);

    const pages = [
      { name: 'person record', page: `/people/${child.person_id}`, bare: `/person/${child.person_id}` },
      { name: 'social care record', page: `/people/${child.person_id}/social-care`, bare: `/social-care/${child.person_id}` },
      { name: 'chronology', page: `/people/${child.person_id}/chronology`, bare: `/chronology/${child.person_id}` },
    ];
    const figures: Figure[] = [];
    const line = (label: string, r: LoadResult) =>
      console.log(`  ${label.padEnd(28)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  ${r.perSecond.toFixed(0).padStart(6)} req/s  (${r.requests} requests)`);
    for (const p of pages) {
      const ceiling = await load(`${bareBase}${p.bare}`);
      line(`${p.name}: bare route`, ceiling);
      const page = await load(`${base}${p.page}`, { headers: { accept: 'text/html' }, cookies });
      line(`${p.name}: page`, page);
      const note = shortfall ?? `${events} events; bare ${ceiling.perSecond.toFixed(0)} req/s, p95 ${ceiling.p95.toFixed(0)} ms`;
      figures.push(
        { bench: 'record page', measure: `${p.name} p50`, value: page.p50, unit: 'ms', target: null, kind: 'max' },
        { bench: 'record page', measure: `${p.name} p95`, value: page.p95, unit: 'ms', target: 100, kind: 'max', note },
        { bench: 'record page', measure: `${p.name} throughput`, value: page.perSecond, unit: 'req/s', target: null, kind: 'min' },
        { bench: 'record page', measure: `${p.name} share of bare throughput`, value: (100 * page.perSecond) / ceiling.perSecond, unit: '%', target: 50, kind: 'min', note },
      );
    }
    await app.close();
    await bare.close();
    return figures;
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await recordPageBench());
