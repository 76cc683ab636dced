/**
 * Person search on the synthetic authority: how long each kind of search takes (p95), beside the cheapest
 * possible read (one person by primary key) measured in the same run on the same database, since absolute times
 * on a shared machine drift. Target: every kind under 50 ms at p95 (the issue sets it on `kent`).
 *
 *   npm run bench:search                 BENCH_SCALE=kent for the large authority
 */
import { sql } from 'kysely';
import { normaliseNhsNumber, postcodeKey } from '../src/domains/people/identifiers.ts';
import { searchKey } from '../src/domains/people/names.ts';
import { type SearchCriteria, searchPeople } from '../src/domains/people/repository.ts';
import { random } from '../src/domains/people/synthetic.ts';
import { benchAuthority } from './support/authority.ts';
import { type Figure, isMain, latency, report } from './support/report.ts';

const ROUNDS = 60;
const SAMPLE = 2_000;

export async function personSearchBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    const people = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM people`.execute(db)).rows[0]!.n);
    const viewer = await db.selectFrom('users').select(['id as userId', 'agency_id as agencyId']).where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow();
    // A fixed, spread-out sample of people to look for: the same people on every run of the same data.
    const sample = (
      await sql<{ id: string; given_name: string; family_name: string; date_of_birth: string; nhs_number: string; postcode: string | null }>`
        SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number,
          (SELECT a.postcode FROM person_addresses a WHERE a.person_id = p.id ORDER BY a.start_date DESC LIMIT 1) AS postcode
        FROM people p WHERE p.nhs_number IS NOT NULL AND p.date_of_birth IS NOT NULL
        ORDER BY md5(p.id::text) LIMIT ${SAMPLE}`.execute(db)
    ).rows;
    if (!sample.length) throw new Error('The authority has nobody with an NHS number and a date of birth to search for');
    console.log(`person search: ${authority.scale}, ${people} people`);
    const rnd = random(7);
    const pick = () => sample[Math.floor(rnd() * sample.length)]!;
    /** A typing slip: one letter dropped from the family name. */
    const misspell = (name: string) => {
      const at = 1 + Math.floor(rnd() * (name.length - 2));
      return name.slice(0, at) + name.slice(at + 1);
    };
    const none = { nameKey: null, dateOfBirth: null, nhsNumber: null, postcodePrefix: null };
    const kinds: Record<string, () => SearchCriteria> = {
      'full name': () => {
        const p = pick();
        return { ...none, nameKey: searchKey(p.given_name, p.family_name) };
      },
      'misspelt name': () => {
        const p = pick();
        return { ...none, nameKey: searchKey(p.given_name, misspell(p.family_name)) };
      },
      'family name only': () => ({ ...none, nameKey: searchKey(pick().family_name) }),
      'name and date of birth': () => {
        const p = pick();
        return { ...none, nameKey: searchKey(p.family_name), dateOfBirth: p.date_of_birth };
      },
      'date of birth': () => ({ ...none, dateOfBirth: pick().date_of_birth }),
      'NHS number': () => ({ ...none, nhsNumber: normaliseNhsNumber(pick().nhs_number) }),
      postcode: () => ({ ...none, postcodePrefix: postcodeKey(pick().postcode ?? 'ZZ99') }),
    };

    const baseline = await latency(() => db.selectFrom('people').selectAll().where('id', '=', pick().id).executeTakeFirst(), ROUNDS);
    console.log(`  baseline (one person by id): median ${baseline.median.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms`);
    const figures: Figure[] = [];
    for (const [kind, criteria] of Object.entries(kinds)) {
      let hits = 0;
      const m = await latency(async () => {
        hits += (await searchPeople(db, criteria(), viewer)).length;
      }, ROUNDS);
      const note = `median ${m.median.toFixed(1)} ms, ${(m.median / baseline.median).toFixed(0)}× the read by id, ${(hits / (ROUNDS + 5)).toFixed(0)} hits on average`;
      figures.push({ bench: 'person search', measure: `${kind} p95`, value: m.p95, unit: 'ms', target: 50, kind: 'max', note });
    }
    return figures;
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await personSearchBench());
