import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { generateAuthority } from '../../../synthetic/authority.ts';
import { collectionPeriod } from '../engine.ts';
import { seedCinFaults } from './faults.test-support.ts';
import { buildCinReturn, cinXml, parseCinXml, validateCin } from './index.ts';
import { schemaProblems } from './schema.ts';

/**
 * The census built from a synthetic authority's records: two years of a small authority ending 31 March 2025, so the
 * 2025 collection sees episodes that began the year before as well as the year's own.
 */
const PERIOD = collectionPeriod(2025);
const SETTINGS = { laCode: '873', softwareCode: 'Cairn', release: '1' };

describe('the CIN census of the synthetic authority', () => {
  let connection: TestConnection;
  before(async () => {
    connection = await testDatabase({ name: 'cin-census-tiny-2025', run: (db) => generateAuthority(db, { scale: 'tiny', seed: 7, years: 2, end: PERIOD.end }).then(() => undefined) });
  });
  after(() => connection.close());

  it('exports with no errors, as the DfE would accept it; the queries left are explainable', async (t) => {
    const started = performance.now();
    const ret = await buildCinReturn(connection.db, PERIOD, SETTINGS);
    const took = performance.now() - started;
    const failures = validateCin(ret, PERIOD);
    const errors = failures.filter((f) => f.severity === 'error');
    assert.deepEqual(errors, []);
    const queries = failures.filter((f) => f.severity === 'query');
    t.diagnostic(`${ret.Children.length} children built in ${Math.round(took)} ms; ${queries.length} queries (${[...new Set(queries.map((q) => q.rule))].join(', ')})`);
    assert.ok(ret.Children.length > 100);
    // Only queries whose cause is known in the synthetic data: school-age children without a UPN, an overdue
    // assessment, enquiries whose assessment ended before the year, and the authority-level disability spread.
    assert.deepEqual([...new Set(queries.map((q) => q.rule))].filter((r) => !['8770Q', '8670Q', '2991Q', '2887Q', '2888Q'].includes(r)), []);
  });

  it('writes XML that keeps the schema structure and reads back into the same return', async () => {
    const ret = await buildCinReturn(connection.db, PERIOD, SETTINGS);
    const xml = cinXml(ret);
    assert.deepEqual(schemaProblems(xml), []);
    assert.deepEqual(parseCinXml(xml), ret);
  });

  it('takes every child with an episode open in the year, and nobody else', async () => {
    const ret = await buildCinReturn(connection.db, PERIOD, SETTINGS);
    const inScope = await connection.db
      .selectFrom('cin_episodes')
      .innerJoin('people', 'people.id', 'cin_episodes.person_id')
      .select('people.return_id')
      .distinct()
      .where('referral_date', '<=', PERIOD.end)
      .where((eb) => eb.or([eb('closure_date', 'is', null), eb('closure_date', '>=', PERIOD.start)]))
      .execute();
    assert.deepEqual(ret.Children.map((c) => c.ChildIdentifiers.LAchildID).sort(), inScope.map((r) => r.return_id).sort());
    for (const c of ret.Children) {
      for (const d of c.CINdetails) {
        assert.ok(d.CINreferralDate! <= PERIOD.end && (d.CINclosureDate === null || d.CINclosureDate >= PERIOD.start));
        for (const a of d.Assessments) assert.ok(a.AssessmentAuthorisationDate === null || a.AssessmentAuthorisationDate >= PERIOD.start, 'work finished before the year is left out');
        for (const p of d.ChildProtectionPlans) assert.ok(p.CPPendDate === null || (p.CPPendDate >= PERIOD.start && p.CPPendDate <= PERIOD.end));
      }
    }
  });

  it('returns what happened after 31 March as not yet happened: an episode closed in April is open at the census date', async () => {
    const earlier = collectionPeriod(2024);
    const [last, next] = await Promise.all([buildCinReturn(connection.db, earlier, SETTINGS), buildCinReturn(connection.db, PERIOD, SETTINGS)]);
    const closedInApril = next.Children.flatMap((c) => c.CINdetails.map((d) => ({ id: c.ChildIdentifiers.LAchildID, d }))).filter(({ d }) => d.CINreferralDate! <= earlier.end && d.CINclosureDate !== null && d.CINclosureDate < '2024-05-01');
    assert.ok(closedInApril.length > 0, 'the data has episodes closed in April 2024');
    for (const { id, d } of closedInApril) {
      const before = last.Children.find((c) => c.ChildIdentifiers.LAchildID === id)!.CINdetails.find((e) => e.CINreferralDate === d.CINreferralDate)!;
      assert.equal(before.CINclosureDate, null);
      assert.equal(before.ReasonForClosure, null);
    }
    for (const c of last.Children) {
      for (const d of c.CINdetails) {
        for (const a of d.Assessments) assert.ok(a.AssessmentAuthorisationDate === null ? a.AssessmentFactors.length === 0 : a.AssessmentAuthorisationDate <= earlier.end);
        for (const s of d.Section47) assert.ok(s.DateOfInitialCPC === null || s.DateOfInitialCPC <= earlier.end);
      }
    }
  });

  it('builds one child’s part alone, the same as in the whole return', async () => {
    const whole = await buildCinReturn(connection.db, PERIOD, SETTINGS);
    const busiest = whole.Children.reduce((a, b) => (b.CINdetails.length + b.CINdetails.flatMap((d) => d.ChildProtectionPlans).length > a.CINdetails.length + a.CINdetails.flatMap((d) => d.ChildProtectionPlans).length ? b : a));
    const person = await connection.db.selectFrom('people').select('id').where('return_id', '=', busiest.ChildIdentifiers.LAchildID!).executeTakeFirstOrThrow();
    const progress: [number, number][] = [];
    const one = await buildCinReturn(connection.db, PERIOD, SETTINGS, { personIds: [person.id], onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual(one.Children, [busiest]);
    assert.deepEqual(progress.at(-1), [1, 1]);
    assert.deepEqual((await buildCinReturn(connection.db, PERIOD, SETTINGS, { personIds: [] })).Children, []);
  });

  // Last: it corrupts the records.
  it('reports each seeded fault by the rule that should catch it, on the right child', async () => {
    const faults = await seedCinFaults(connection.db, PERIOD);
    const failures = validateCin(await buildCinReturn(connection.db, PERIOD, SETTINGS), PERIOD);
    for (const fault of faults) {
      assert.ok(
        failures.some((f) => f.rule === fault.rule && f.child === fault.child),
        `${fault.what}: ${fault.rule} for ${fault.child} (found ${failures.filter((f) => f.child === fault.child).map((f) => f.rule).join(', ') || 'nothing'})`,
      );
    }
    const faulty = new Set(faults.map((f) => f.child));
    assert.deepEqual(failures.filter((f) => f.severity === 'error' && !faulty.has(f.child!)), [], 'no other child has an error');
  });
});
