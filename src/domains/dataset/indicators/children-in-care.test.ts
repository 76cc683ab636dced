import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import type { Database } from '../../../db/types.ts';
import { cicAdmissions, cicAllocated, cicAtEnd, cicPlacementLong, cicPlacementMoves, cicReviewsOnTime } from './children-in-care.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { child, rows, uuid, YEAR } from './fixtures.test-support.ts';

/** A period of care with its episodes, written as the service writes them (each ended episode has a reason). */
async function care(
  db: Kysely<Database>,
  person: string,
  period: { start: string; end: string | null; need?: string },
  episodes: [start: string, end: string | null, legal: string, type: string, carer: string][],
): Promise<string> {
  const id = uuid();
  await rows(db, 'care_periods', [{ id, person_id: person, start_date: period.start, end_date: period.end, category_of_need: period.need ?? 'N1' }]);
  await rows(
    db,
    'care_episodes',
    episodes.map(([start, end, legal, type, carer], i) => ({
      id: uuid(), period_id: id, person_id: person, start_date: start, end_date: end, reason_new_episode: i ? 'P' : 'S', legal_status: legal,
      placement_type: type, placement_provider: type.startsWith('T') ? null : 'PR1', carer_name: carer,
      urn: type.startsWith('T') ? null : 'SC100001', placement_postcode: type.startsWith('T') ? null : 'ZZ99 1AB',
      reason_ceased: end ? (i < episodes.length - 1 ? 'X1' : 'E4A') : null,
    })),
  );
  return id;
}

describe('children in care: counts, admissions, allocation and reviews', () => {
  let t: TestConnection;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any period of care is recorded', async () => {
    for (const indicator of [cicAtEnd, cicAdmissions, cicPlacementMoves, cicReviewsOnTime, cicAllocated]) {
      const e = await evaluate(t.db, indicator, YEAR);
      assert.equal(e.noData, true, indicator.id);
    }
  });

  it('counts children looked after at the end of each day, short breaks left out', async () => {
    const db = t.db;
    ids.a = await child(db, { dob: '2015-06-01', sex: 'M' });
    ids.b = await child(db, { dob: '2009-03-31', sex: 'F' }); // 16 on the year's last day
    ids.c = await child(db, { dob: '2020-01-01', sex: 'F' });
    ids.d = await child(db, { dob: '2018-01-01', sex: 'M' });
    ids.e = await child(db, { dob: '2012-01-01', sex: 'M' });
    ids.f = await child(db, { dob: '2024-12-01', sex: 'M' });
    await care(db, ids.a, { start: '2023-01-10', end: null }, [['2023-01-10', null, 'C2', 'U4', 'Alder']]);
    await care(db, ids.b, { start: '2023-10-01', end: '2024-04-01', need: 'N4' }, [['2023-10-01', '2024-04-01', 'V2', 'U6', 'Larch']]);
    await care(db, ids.b, { start: '2024-05-01', end: null, need: 'N4' }, [['2024-05-01', null, 'V2', 'U6', 'Hazel']]);
    ids.periodC = await care(db, ids.c, { start: '2024-06-01', end: '2025-03-31' }, [['2024-06-01', '2025-03-31', 'C1', 'U6', 'Ash']]);
    await care(db, ids.d, { start: '2024-09-01', end: null, need: 'N2' }, [['2024-09-01', null, 'V3', 'U6', 'Short break carer']]);
    await care(db, ids.e, { start: '2023-06-01', end: '2024-07-31', need: 'N5' }, [['2023-06-01', '2024-07-31', 'V2', 'U6', 'Elm']]);
    await care(db, ids.f, { start: '2025-03-31', end: null }, [['2025-03-31', null, 'L2', 'U1', 'Grandmother']]);
    await db.insertInto('population_estimates').values([{ year: 2024, age: 0, count: 1000 }, { year: 2024, age: 5, count: 1000 }]).execute();

    // Open at the end of each quarter's last day (started by then, not ended by then), D never (short breaks only):
    //   31 Mar 2024: A, B (first period ends 1 April), E                     = 3
    //   30 Jun 2024: A, B (second period), C, E (ends 31 July)              = 4
    //   30 Sep, 31 Dec 2024: A, B, C (E has left; D is on short breaks)      = 3
    //   31 Mar 2025: A, B, F (started that day); C left that day            = 3
    const e = await evaluate(t.db, cicAtEnd, YEAR, ['quarter']);
    assert.equal(e.noData, false);
    const quarters = e.cells.filter((c) => c.keys[0] !== null).map((c) => [c.keys[0], c.value]);
    assert.deepEqual(quarters, [['2024-03-31', 3], ['2024-06-30', 4], ['2024-09-30', 3], ['2024-12-31', 3], ['2025-03-31', 3]]);
    assert.equal(e.total.value, 3);
    assert.equal(e.rate, 15, '3 of 2,000 children, per 10,000');
    assert.equal(cellAt(await evaluate(t.db, cicAtEnd, YEAR, ['month']), '2024-04-30')?.value, 2, 'A and E: B’s first period ended on 1 April');

    // At the end: A is 9 (5 to 9, care order), B 16 that day (16 and over, section 20), F a baby (under 1, emergency order).
    const byAge = await evaluate(t.db, cicAtEnd, YEAR, ['age_band']);
    assert.deepEqual(byAge.cells.map((c) => [c.keys[0], c.value]), [['under1', 1], ['1to4', 0], ['5to9', 1], ['10to15', 0], ['16plus', 1], [null, 3]]);
    const byCategory = await evaluate(t.db, cicAtEnd, YEAR, ['category']);
    assert.equal(cellAt(byCategory, 'Care order (interim or full)')?.value, 1);
    assert.equal(cellAt(byCategory, 'Accommodated by agreement (section 20)')?.value, 1);
    assert.equal(cellAt(byCategory, 'Police protection or emergency order')?.value, 1);
    assert.deepEqual(cellAt(await evaluate(t.db, cicAtEnd, YEAR, ['gender']), 'M')?.value, 2);
  });

  it('counts admissions over the 12 months to each month end', async () => {
    // Starts: E 1 Jun 2023, B 1 Oct 2023 and 1 May 2024, C 1 Jun 2024, D 1 Sep 2024 (short breaks: never), F 31 Mar 2025.
    //   12 months to 31 Mar 2025 (from 1 Apr 2024): B, C, F                     = 3
    //   to 31 Mar 2024 and 30 Apr 2024: E, B's first                          = 2
    //   to 31 May 2024 (from 1 Jun 2023: E's start is the window's first day) = 3
    //   to 30 Jun 2024 (from 1 Jul 2023): B, B, C                              = 3
    //   to 31 Oct 2024 (from 1 Nov 2023): B's second, C                        = 2
    const e = await evaluate(t.db, cicAdmissions, YEAR, ['month']);
    assert.equal(e.total.value, 3);
    assert.equal(e.rate, 15);
    const at = (d: string) => cellAt(e, d)?.value;
    assert.deepEqual(['2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30', '2024-09-30', '2024-10-31', '2025-03-31'].map(at), [2, 2, 3, 3, 3, 2, 3]);
    // Age when care began: B 15, C 4, F under 1; category of need: B family in acute stress, C and F abuse or neglect.
    const byAge = await evaluate(t.db, cicAdmissions, YEAR, ['age_band']);
    assert.deepEqual(['under1', '1to4', '10to15'].map((k) => cellAt(byAge, k)?.value), [1, 1, 1]);
    const byNeed = await evaluate(t.db, cicAdmissions, YEAR, ['category']);
    assert.deepEqual(byNeed.cells.map((c) => [c.keys[0], c.value]), [['Abuse or neglect', 2], ['Family in acute stress', 1], [null, 3]]);
    const behind = await recordsBehind(t.db, cicAdmissions, YEAR, [{ breakdown: 'age_band', key: 'under1' }]);
    assert.deepEqual(behind.rows.map((r) => [r.person_id, r.dated]), [[ids.f, '2025-03-31']]);
  });

  it('takes the share with an allocated worker at the end of each day', async () => {
    const worker = uuid();
    const allocation = (person: string, start: string, end: string | null) => ({ id: uuid(), person_id: person, worker_id: worker, start_date: start, end_date: end, reason: 'NEW' });
    await rows(t.db, 'case_allocations', [
      allocation(ids.a!, '2023-01-10', null),
      allocation(ids.b!, '2024-05-01', '2025-03-31'), // ended on the last day, none after: not allocated at its end
      allocation(ids.f!, '2025-03-31', null), // allocated the day care began
      allocation(ids.c!, '2024-06-01', null),
    ]);
    // 31 Mar 2025: A and F of A, B, F = 66.7%; 31 Dec 2024: A, B and C all = 100%; 31 Mar 2024: A of A, B, E = 33.3%.
    const e = await evaluate(t.db, cicAllocated, YEAR, ['quarter']);
    assert.deepEqual([e.total.rows, e.total.counted, e.total.value], [3, 2, 66.7]);
    assert.equal(cellAt(e, '2024-12-31')?.value, 100);
    assert.equal(cellAt(e, '2024-03-31')?.value, 33.3);
    const behind = await recordsBehind(t.db, cicAllocated, YEAR, [], { countedOnly: true });
    assert.deepEqual(behind.rows.map((r) => r.person_id).sort(), [ids.a, ids.f].sort());
  });

  it('takes the share of reviews held in the period that were held by their due date', async () => {
    const review = (person: string, due: string, held: string | null) => ({ id: uuid(), period_id: ids.periodC, person_id: person, due_date: due, held_on: held });
    await rows(t.db, 'care_reviews', [
      review(ids.a!, '2024-05-10', '2024-05-10'), // on the day it was due: on time
      review(ids.a!, '2024-11-10', '2024-11-12'), // late
      review(ids.b!, '2024-05-29', '2024-05-20'), // early
      review(ids.c!, '2025-04-05', '2025-03-31'), // the year's last day, due after it
      review(ids.e!, '2024-04-01', '2024-04-02'), // late
      review(ids.a!, '2024-03-20', '2024-03-28'), // held before the year: not counted
      review(ids.f!, '2025-04-28', null), // not held yet: not counted
    ]);
    // 3 of 5 on time = 60%; April–June 2 of 3 = 66.7%; July–September none held; October–December 0 of 1; January–March 1 of 1.
    const e = await evaluate(t.db, cicReviewsOnTime, YEAR, ['quarter']);
    assert.deepEqual([e.total.rows, e.total.counted, e.total.value], [5, 3, 60]);
    assert.deepEqual(e.cells.map((c) => [c.keys[0], c.value]), [['2024-06-30', 66.7], ['2024-09-30', null], ['2024-12-31', 0], ['2025-03-31', 100], [null, 60]]);
  });
});

describe('children in care: placement stability', () => {
  let t: TestConnection;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await testDatabase();
    const db = t.db;
    for (const [name, dob] of Object.entries({ a: '2015-06-01', b: '2009-03-31', g: '2014-01-01', h: '2014-01-01', i: '2013-06-01', j: '2009-03-31', k: '2015-01-01' })) {
      ids[name] = await child(db, { dob });
    }
    // A: one carer across a change of legal status, a stay in hospital and a carer's name typed differently, then
    // two moves: three placements in the year to 31 March 2025, two in the year to 31 December 2024.
    await care(db, ids.a!, { start: '2023-01-10', end: null }, [
      ['2023-01-10', '2024-06-01', 'C1', 'U4', 'Alder'],
      ['2024-06-01', '2024-08-01', 'C2', 'U4', 'Alder'],
      ['2024-08-01', '2024-08-10', 'C2', 'T1', 'Hospital'],
      ['2024-08-10', '2024-11-01', 'C2', 'U4', ' alder '],
      ['2024-11-01', '2025-01-15', 'C2', 'K2', 'Oakfield'],
      ['2025-01-15', null, 'C2', 'U6', 'Birchwood'],
    ]);
    // B: Larch ended exactly a year before 31 March 2025, so only Rowan (an earlier period) and Hazel count then: 2.
    // At 31 January 2025 Larch still counts: 3.
    await care(db, ids.b!, { start: '2023-10-01', end: '2024-04-01' }, [['2023-10-01', '2024-03-31', 'V2', 'U6', 'Larch'], ['2024-03-31', '2024-04-01', 'V2', 'U4', 'Rowan']]);
    await care(db, ids.b!, { start: '2024-05-01', end: null }, [['2024-05-01', null, 'V2', 'U6', 'Hazel']]);
    // G: looked after since 2021, in the current placement since 31 March 2023, exactly 2 years before the end.
    await care(db, ids.g!, { start: '2021-01-01', end: null }, [['2021-01-01', '2023-03-31', 'C2', 'U6', 'Cedar'], ['2023-03-31', null, 'C2', 'U4', 'Damson']]);
    // H: since 2021, moved in January 2024, now in respite: the placement is still the January 2024 one.
    await care(db, ids.h!, { start: '2021-01-01', end: null }, [
      ['2021-01-01', '2024-01-05', 'C2', 'U6', 'Elder'], ['2024-01-05', '2025-02-20', 'C2', 'U4', 'Fir'], ['2025-02-20', null, 'C2', 'T3', 'Respite'],
    ]);
    // I: in one placement since 2022, now in respite: the temporary placement does not break it.
    await care(db, ids.i!, { start: '2022-01-01', end: null }, [['2022-01-01', '2025-02-20', 'C2', 'U4', 'Gorse'], ['2025-02-20', null, 'C2', 'T3', 'Respite']]);
    // J: 16 on 31 March 2025, outside the long-term measure; K: looked after a day short of 2½ years.
    await care(db, ids.j!, { start: '2020-01-01', end: null }, [['2020-01-01', null, 'C2', 'K2', 'Holly']]);
    await care(db, ids.k!, { start: '2022-10-01', end: null }, [['2022-10-01', null, 'C2', 'U6', 'Ivy']]);
  });
  after(() => t.close());

  it('three or more placements in the 12 months: A of the 7 looked after at the end', async () => {
    const e = await evaluate(t.db, cicPlacementMoves, YEAR, ['month']);
    assert.deepEqual([e.total.rows, e.total.counted, e.total.value], [7, 1, 14.3]);
    // B had three in the year until Larch's end fell more than a year back; A's third began in January.
    const counted = async (at: string) => (await recordsBehind(t.db, cicPlacementMoves, YEAR, [{ breakdown: 'month', key: at }], { countedOnly: true })).rows.map((r) => r.person_id).sort();
    assert.deepEqual(await counted('2024-12-31'), [ids.b]);
    assert.deepEqual(await counted('2025-01-31'), [ids.a, ids.b].sort());
    assert.equal(cellAt(e, '2025-01-31')?.value, 28.6);
    const behind = await recordsBehind(t.db, cicPlacementMoves, YEAR, [], { countedOnly: true });
    assert.deepEqual(behind.rows.map((r) => r.person_id), [ids.a]);
  });

  it('the same placement for 2 years: G and I of G, H and I (under 16, looked after 2½ years or more)', async () => {
    const e = await evaluate(t.db, cicPlacementLong, YEAR);
    assert.deepEqual([e.total.rows, e.total.counted, e.total.value], [3, 2, 66.7]);
    const behind = await recordsBehind(t.db, cicPlacementLong, YEAR, [], { countedOnly: true });
    assert.deepEqual(behind.rows.map((r) => r.person_id).sort(), [ids.g, ids.i].sort());
    // A day earlier J was still 15 (so in the measure, in one placement since 2020) and G a day short of 2 years in
    // the Damson placement: I and J of G, H, I and J.
    const before = await evaluate(t.db, cicPlacementLong, { from: '2024-04-01', to: '2025-03-30' });
    assert.deepEqual([before.total.rows, before.total.counted], [4, 2]);
  });
});
