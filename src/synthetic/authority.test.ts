import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, testEngine } from '../../test/support/database.ts';
import type { Connection } from '../db/connection.ts';
import { generateAuthority } from './authority.ts';
import { compare, financialYearOf, measure } from './calibration.ts';
import { idMaker } from './ids.ts';
import { simulateJourney } from './model.ts';
import { households } from './population.ts';

const END = '2025-03-31';

describe('a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 7, years: 2, end: END });
  });
  after(() => connection.close());

  test('every reference points at a row that exists (foreign keys are not checked while loading)', async () => {
    const { rows: keys } = await sql<{ tbl: string; col: string; ref: string; refcol: string }>`
      SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref, r.attname AS refcol
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`.execute(connection.db);
    assert.ok(keys.length > 30);
    for (const k of keys) {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(k.tbl)} t WHERE t.${sql.ref(k.col)} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${sql.raw(k.ref)} x WHERE x.${sql.ref(k.refcol)} = t.${sql.ref(k.col)})`.execute(connection.db);
      assert.equal(Number(rows[0]!.n), 0, `${k.tbl}.${k.col} → ${k.ref}`);
    }
  });

  test('journeys are coherent: plans start at their conference, care and episodes never overlap, nothing after the end', async () => {
    const one = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(connection.db)).rows[0]!.n);
    assert.ok((await one(sql`SELECT count(*) AS n FROM cp_plans`)) > 5);
    assert.ok((await one(sql`SELECT count(*) AS n FROM care_episodes`)) > 5);
    assert.equal(await one(sql`SELECT count(*) AS n FROM cp_plans p WHERE NOT EXISTS (SELECT 1 FROM cp_conferences c WHERE c.plan_id = p.id AND c.kind = 'initial' AND c.held_on = p.start_date)`), 0);
    assert.equal(await one(sql`SELECT count(*) AS n FROM care_periods a JOIN care_periods b ON a.person_id = b.person_id AND a.id < b.id
      AND a.start_date < coalesce(b.end_date, 'infinity') AND b.start_date < coalesce(a.end_date, 'infinity')`), 0);
    assert.equal(await one(sql`SELECT count(*) AS n FROM cin_episodes a JOIN cin_episodes b ON a.person_id = b.person_id AND a.id < b.id
      AND a.referral_date < coalesce(b.closure_date, 'infinity') AND b.referral_date < coalesce(a.closure_date, 'infinity')`), 0);
    assert.equal(await one(sql`SELECT count(*) AS n FROM care_episodes e JOIN care_periods p ON p.id = e.period_id WHERE e.start_date < p.start_date OR e.end_date > p.end_date`), 0);
    assert.equal(await one(sql`SELECT count(*) AS n FROM chronology WHERE occurred_at >= ${END}::date + 1`), 0);
    assert.equal(await one(sql`SELECT count(*) AS n FROM visits WHERE visit_date > ${END}::date`), 0);
  });

  test('clocks are mostly met, with a realistic share late', async () => {
    const { rows } = await sql<{ done: string; late: string }>`SELECT count(*) AS done, count(*) FILTER (WHERE authorised_date > due_date) AS late
      FROM assessments WHERE authorised_date IS NOT NULL`.execute(connection.db);
    const late = Number(rows[0]!.late) / Number(rows[0]!.done);
    assert.ok(late > 0.03 && late < 0.35, `share of assessments late: ${late}`);
  });

  test('the demo sign-ins hold caseloads in the generated teams', async () => {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM case_allocations a JOIN users u ON u.id = a.worker_id
      WHERE u.email = 'sam.rowe@cairn.example' AND a.end_date IS NULL`.execute(connection.db);
    assert.ok(Number(rows[0]!.n) > 0);
  });

  test('a database with data in it is refused', async () => {
    await assert.rejects(generateAuthority(connection.db, { scale: 'tiny', seed: 7, years: 1, end: END }), /empty database/);
  });
});

test('the same seed gives the same population and journeys, ids included; another seed does not', () => {
  const run = (seed: number) => {
    const id = idMaker(seed);
    const out = [];
    for (const household of households({ seed, children: 300, start: '2022-04-01', end: END })) {
      for (const child of household.children) {
        child.personId = id(child.dateOfBirth);
        out.push(simulateJourney(child, { start: '2022-04-01', end: END }, seed, id));
      }
    }
    return out;
  };
  const first = run(3);
  assert.deepEqual(run(3), first);
  assert.notDeepEqual(run(4), first);
  assert.ok(first.some((j) => j.episodes.length > 0));
});

// Calibration needs the peterborough scale (about 54,000 children and 700,000 rows): on PostgreSQL it takes well
// under a minute; the embedded database's own speed is measured by `npm run bench`.
test('peterborough, 2012/13: the figures stay within tolerance of the seed report', { skip: testEngine !== 'postgres' }, async () => {
  const connection = await testDatabase();
  try {
    await generateAuthority(connection.db, { scale: 'peterborough', seed: 1, years: 1, end: '2013-03-31' });
    const rows = compare(await measure(connection.db, financialYearOf('2013-03-31')), 44_000);
    const outside = rows.filter((r) => !r.within).map((r) => `${r.target.label}: ${r.generated} (${r.difference})`);
    // One figure in twenty-three may drift outside (the seed's children-in-care missing count is small and noisy).
    assert.ok(outside.length <= 1, outside.join('\n'));
  } finally {
    await connection.close();
  }
});
