/**
 * The work inbox and the front door queue at the size of a busy authority: the header count runs on every page a
 * caseworker opens, so it has to stay cheap as contacts, early help cases and panel actions pile up. Each figure is
 * compared with the cheapest read (one person by primary key) measured in the same run, since absolute times on a
 * shared machine drift. Target: the header count under 25 ms, the inbox page and the MASH queue under 100 ms (p95).
 *
 *   npm run bench:work                      embedded database (PGlite)
 *   npm run bench:work -- --postgres        PostgreSQL at CAIRN_TEST_DATABASE_URL (its own schema, dropped after)
 */
import { performance } from 'node:perf_hooks';
import { type Insertable, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../src/db/types.ts';
import { seedDemoIfEmpty } from '../src/demo/seed.ts';
import { frontDoorQueue } from '../src/domains/front-door/service.ts';
import { workCounts, workList } from '../src/domains/inbox/service.ts';
import { random } from '../src/domains/people/synthetic.ts';
import { addCalendarDays, addWorkingDays, ukToday } from '../src/platform/calendar/working-days.ts';
import { loadCurrentUser } from '../src/platform/auth/users.ts';

if (process.argv.includes('--postgres')) process.env.CAIRN_TEST_DB = 'postgres';
const { testDatabase, testEngine } = await import('../test/support/database.ts');

const CHILDREN = 6_000;
/** About five years of contacts for an authority of 45,000 children; a few hundred still open. */
const CONTACTS = 30_000;
const OPEN_CONTACTS = 400;
const EARLY_HELP_CASES = 4_000;
const ROUNDS = 30;

const database = await testDatabase();
const { db } = database;
const started = performance.now();
await seedDemoIfEmpty(db, { children: CHILDREN });

const rnd = random(11);
const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
const children = (await db.selectFrom('people').select('id').where('person_type', '=', 'child').execute()).map((r) => r.id);
const agencies = await db.selectFrom('agencies').select(['id', 'kind']).execute();
const users = await db.selectFrom('users').select(['id', 'email']).execute();
const userId = (email: string) => users.find((u) => u.email === email)!.id;
const sam = userId('sam.rowe@cairn.example');
const kit = userId('kit.ellery@cairn.example');
const earlyHelp = agencies.find((a) => a.kind === 'early_help')!.id;
const socialCare = agencies.find((a) => a.kind === 'social_care')!.id;
const today = ukToday();

async function insert<T extends keyof Database>(table: T, rows: Insertable<Database[T]>[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto(table).values(rows.slice(i, i + 1000) as never).execute();
}

// Load: a workforce of 150 front door and early help workers (20 in the manager's team, with Sam), contacts over five years (the last few hundred awaiting a decision), and early help cases with actions.
const workers: string[] = [sam, kit];
const managersTeam = (await db.selectFrom('user_teams').select('team_id').where('user_id', '=', sam).executeTakeFirstOrThrow()).team_id;
for (let i = 0; i < 150; i++) {
  const { id } = await db
    .insertInto('users')
    .values({ email: `worker${i}@bench.example`, name: `Bench Worker ${i}`, agency_id: i % 2 ? earlyHelp : socialCare, roles: ['practitioner'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (i < 20) await db.insertInto('user_teams').values({ user_id: id, team_id: managersTeam }).execute();
  workers.push(id);
}
const contacts: Insertable<Database['contacts']>[] = [];
const contactPeople: Insertable<Database['contact_people']>[] = [];
for (let i = 0; i < CONTACTS; i++) {
  const open = i >= CONTACTS - OPEN_CONTACTS;
  const received = addCalendarDays(today, open ? -Math.floor(rnd() * 5) : -5 - Math.floor(rnd() * 1800));
  const id = uuidv7();
  contacts.push({
    id, received_at: new Date(`${received}T10:00:00Z`), decision_due: addWorkingDays(received, 1), source: 'school', referrer_name: 'Bench referrer',
    made_by_agency_id: pick(agencies).id, reason: 'Benchmark contact', consent: 'given', urgency: 'standard',
    status: open ? 'awaiting_decision' : 'decided', allocated_to: open && rnd() < 0.5 ? pick(workers) : null,
    decision_level: open ? null : 2, decision_outcome: open ? null : 'advice', decision_reasons: open ? null : 'Benchmark',
  });
  contactPeople.push({ contact_id: id, person_id: pick(children), role: 'child' });
}
await insert('contacts', contacts);
await insert('contact_people', contactPeople);
const cases: Insertable<Database['early_help_cases']>[] = [];
const actions: Insertable<Database['early_help_actions']>[] = [];
for (let i = 0; i < EARLY_HELP_CASES; i++) {
  const id = uuidv7();
  const open = rnd() < 0.3;
  const opened = addCalendarDays(today, -Math.floor(rnd() * 900));
  cases.push({
    id, person_id: pick(children), source: 'direct', locality: 'south', opened_on: opened, lead_professional_id: pick(workers),
    lead_agency_id: earlyHelp, status: open ? 'open' : 'closed', next_review_due: open ? addCalendarDays(today, Math.floor(rnd() * 60) - 20) : null,
    closed_on: open ? null : addCalendarDays(opened, 120), closure_reason: open ? null : 'needs_met',
  });
  for (let a = 0; a < 3; a++) actions.push({ case_id: id, action: 'Benchmark action', owner_id: pick(workers), due_on: addCalendarDays(opened, 30 * (a + 1)), completed_on: open && a === 2 ? null : opened });
}
await insert('early_help_cases', cases);
await insert('early_help_actions', actions);
await sql`ANALYZE`.execute(db);
console.log(`engine: ${testEngine}; ${children.length} children, ${workers.length} workers, ${CONTACTS} contacts (${OPEN_CONTACTS} open), ${EARLY_HELP_CASES} early help cases; loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const ctxFor = async (id: string) => ({ db, actor: (await loadCurrentUser(db, id))!, requestId: 'bench' });
const samCtx = await ctxFor(sam);
const kitCtx = await ctxFor(kit);
const managerCtx = await ctxFor(userId('morgan.hale@cairn.example'));

async function measure(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

const baseline = await measure(() => db.selectFrom('people').selectAll().where('id', '=', pick(children)).executeTakeFirst());
console.log(`baseline (one person by id): median ${baseline.median.toFixed(2)} ms`);
console.log('measure'.padEnd(44), 'median ms'.padStart(10), 'p95 ms'.padStart(8), 'x baseline'.padStart(11), '  target');
const cases_: [string, () => Promise<unknown>, number][] = [
  ['header count, front door practitioner', () => workCounts(samCtx), 25],
  ['header count, early help lead professional', () => workCounts(kitCtx), 25],
  ['inbox page, front door practitioner', () => workList(samCtx, 'mine'), 100],
  ['inbox page, manager’s team view', () => workList(managerCtx, 'team'), 100],
  ['MASH queue (open contacts)', () => frontDoorQueue(samCtx, { status: 'open', allocatedTo: null }), 100],
];
for (const [name, run, target] of cases_) {
  const m = await measure(run);
  console.log(name.padEnd(44), m.median.toFixed(2).padStart(10), m.p95.toFixed(2).padStart(8), (m.median / baseline.median).toFixed(1).padStart(11), `  <${target} ms ${m.p95 < target ? 'met' : 'MISSED'}`);
}
await database.close();
