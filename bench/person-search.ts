/**
 * Person search on 10,000 people: how long each kind of search takes, and how that compares with the
 * cheapest possible read (one person by primary key) measured in the same run on the same database, since
 * absolute times on a shared machine drift. Target: every search under 50 ms.
 *
 *   npm run bench                      embedded database (PGlite)
 *   npm run bench -- --postgres        PostgreSQL at CAIRN_TEST_DATABASE_URL (its own schema, dropped after)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { seedDemoIfEmpty } from '../src/demo/seed.ts';
import { normaliseNhsNumber, postcodeKey } from '../src/domains/people/identifiers.ts';
import { searchKey } from '../src/domains/people/names.ts';
import { type SearchCriteria, searchPeople } from '../src/domains/people/repository.ts';
import { random } from '../src/domains/people/synthetic.ts';

if (process.argv.includes('--postgres')) process.env.CAIRN_TEST_DB = 'postgres';
const { testDatabase, testEngine } = await import('../test/support/database.ts');

const TARGET_PEOPLE = 10_000;
const ROUNDS = 40;

const database = await testDatabase();
const { db } = database;
let started = performance.now();
// About 1.65 people per child in the synthetic families.
await seedDemoIfEmpty(db, { children: Math.ceil(TARGET_PEOPLE / 1.65) });
await sql`ANALYZE`.execute(db);
const people = Number((await db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
console.log(`engine: ${testEngine}; ${people} people loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const viewer = await db
  .selectFrom('users')
  .select(['id as userId', 'agency_id as agencyId'])
  .where('email', '=', 'sam.rowe@cairn.example')
  .executeTakeFirstOrThrow();
const sample = await db
  .selectFrom('people')
  .leftJoin('person_addresses', 'person_addresses.person_id', 'people.id')
  .select(['people.id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'postcode'])
  .where('nhs_number', 'is not', null)
  .where('date_of_birth', 'is not', null)
  .orderBy('family_name')
  .orderBy('given_name')
  .orderBy('date_of_birth')
  .orderBy('postcode')
  .execute();
const rnd = random(7);
const pick = () => sample[Math.floor(rnd() * sample.length)]!;
/** A typing slip: one letter dropped from the family name. */
const misspell = (name: string) => {
  const at = 1 + Math.floor(rnd() * (name.length - 2));
  return name.slice(0, at) + name.slice(at + 1);
};

const kinds: Record<string, () => SearchCriteria> = {
  'full name': () => {
    const p = pick();
    return { nameKey: searchKey(p.given_name, p.family_name), dateOfBirth: null, nhsNumber: null, postcodePrefix: null };
  },
  'misspelt name': () => {
    const p = pick();
    return { nameKey: searchKey(p.given_name, misspell(p.family_name)), dateOfBirth: null, nhsNumber: null, postcodePrefix: null };
  },
  'family name only': () => ({ nameKey: searchKey(pick().family_name), dateOfBirth: null, nhsNumber: null, postcodePrefix: null }),
  'name and date of birth': () => {
    const p = pick();
    return { nameKey: searchKey(p.family_name), dateOfBirth: p.date_of_birth, nhsNumber: null, postcodePrefix: null };
  },
  'date of birth': () => ({ nameKey: null, dateOfBirth: pick().date_of_birth, nhsNumber: null, postcodePrefix: null }),
  'NHS number': () => ({ nameKey: null, dateOfBirth: null, nhsNumber: normaliseNhsNumber(pick().nhs_number!), postcodePrefix: null }),
  postcode: () => ({ nameKey: null, dateOfBirth: null, nhsNumber: null, postcodePrefix: postcodeKey(pick().postcode ?? 'ZZ99') }),
};

async function measure(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

const baseline = await measure(() => db.selectFrom('people').selectAll().where('id', '=', pick().id).executeTakeFirst());
console.log(`baseline (one person by id): median ${baseline.median.toFixed(2)} ms`);
console.log('search'.padEnd(24), 'median ms'.padStart(10), 'p95 ms'.padStart(8), 'x baseline'.padStart(11), 'hits'.padStart(6), '  target <50 ms');
let worst = 0;
for (const [kind, criteria] of Object.entries(kinds)) {
  let hits = 0;
  const m = await measure(async () => {
    hits = (await searchPeople(db, criteria(), viewer)).length;
  });
  worst = Math.max(worst, m.p95);
  console.log(
    kind.padEnd(24),
    m.median.toFixed(2).padStart(10),
    m.p95.toFixed(2).padStart(8),
    (m.median / baseline.median).toFixed(1).padStart(11),
    String(hits).padStart(6),
    m.p95 < 50 ? '  met' : '  MISSED',
  );
}
console.log(`slowest p95: ${worst.toFixed(2)} ms on ${people} people (${testEngine})`);
await database.close();
