import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { CHILD_PROTECTION, cpAllocated, cpEnded2y, cpOpen2y, cpPlansAtEnd, cpPlansEnding, cpPlansStarting, cpRepeat2y, cpRepeatEver, cpReviewsOnTime } from './child-protection.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { assertBreakdownsAgree, assertNoDataUnderEveryBreakdown, child, rows, uuid, YEAR } from './fixtures.test-support.ts';

describe('child protection plans at the period end', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any plan is recorded', async () => {
    const e = await evaluate(t.db, cpPlansAtEnd, YEAR);
    assert.equal(e.noData, true);
    assert.equal(e.total.value, 0);
  });

  it('counts plans open at the end of the last day, by age on that day, quarter by quarter', async () => {
    const baby = await child(t.db, { dob: '2024-08-01', sex: 'M' });
    const turns16 = await child(t.db, { dob: '2009-03-31', sex: 'F', ethnicity: 'APKN' });
    const older = await child(t.db, { dob: '2015-06-01', sex: 'F' });
    const plan = (person: string, start: string, end: string | null, category = 'NEG') => ({
      id: uuid(), episode_id: uuid(), person_id: person, start_date: start, end_date: end, initial_category: category, categories: [category],
    });
    await rows(t.db, 'cp_plans', [
      plan(baby, '2024-09-01', null), // open at the end
      plan(turns16, '2023-01-10', null, 'EMO'), // spans the whole period; 16 on the last day
      plan(older, '2025-03-31', null, 'NEG'), // started on the last day: open at its end
      plan(older, '2024-05-01', '2024-12-31', 'PHY'), // open at 30 June and 30 September only
    ]);
    await t.db.insertInto('population_estimates').values([{ year: 2024, age: 0, count: 1000 }, { year: 2024, age: 5, count: 1000 }]).execute();

    const e = await evaluate(t.db, cpPlansAtEnd, YEAR, ['quarter', 'age_band']);
    assert.equal(e.noData, false);
    assert.equal(e.total.value, 3);
    assert.equal(e.rate, 15); // 3 of 2,000 children, per 10,000
    assert.equal(cellAt(e, '2024-03-31', null)?.value, 1);
    assert.equal(cellAt(e, '2024-06-30', null)?.value, 2);
    assert.equal(cellAt(e, '2024-12-31', null)?.value, 2, 'a plan ending on the day is not open at its end');
    assert.equal(cellAt(e, '2025-03-31', 'under1')?.value, 1);
    assert.equal(cellAt(e, '2025-03-31', '16plus')?.value, 1, 'sixteen on the last day');
    assert.equal(cellAt(e, '2024-03-31', '10to15')?.value, 1);
    assert.equal(cellAt(e, '2025-03-31', '5to9')?.value, 1, 'started on the last day');
    assert.equal(cellAt(e, '2025-03-31', '1to4')?.value, 0, 'every band is shown, empty ones as 0');

    const byCategory = await evaluate(t.db, cpPlansAtEnd, YEAR, ['category']);
    assert.deepEqual(byCategory.cells.map((c) => [c.keys[0], c.value]), [['Neglect', 2], ['Emotional abuse', 1], [null, 3]]);

    const behind = await recordsBehind(t.db, cpPlansAtEnd, YEAR, [{ breakdown: 'age_band', key: 'under1' }]);
    assert.equal(behind.total, 1);
    assert.equal(behind.rows[0]?.person_id, baby);
  });
});

describe('child protection flows, repeats, long plans, reviews and allocation', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  const plan = (person: string, start: string, end: string | null, category = 'NEG', previous: { plans?: number; end?: string } = {}) => ({
    id: uuid(), episode_id: uuid(), person_id: person, start_date: start, end_date: end, initial_category: category, categories: [category],
    previous_plans: previous.plans ?? 0, previous_plan_end: previous.end ?? null,
  });

  it('shows no data before anything is recorded, and every declared breakdown evaluates', () =>
    assertNoDataUnderEveryBreakdown(t.db, CHILD_PROTECTION, (i) => (i.breakdowns.includes('category') ? ['quarter', 'category'] : ['quarter', 'age_band'])));

  it('counts plans starting and ending, repeats, plans of 2 years or more and allocation, worked by hand', async () => {
    const [a, b, unborn, d, h, e, f, g, i, j, k, l] = [
      await child(t.db, { dob: '2015-01-01' }), await child(t.db, { dob: '2012-05-05', sex: 'M' }), await child(t.db, { dob: null, sex: 'U', type: 'unborn' }),
      await child(t.db, { dob: '2024-03-31', sex: 'M' }), await child(t.db, { dob: '2008-07-01' }), await child(t.db, { dob: '2014-01-01' }),
      await child(t.db, { dob: '2014-01-01', sex: 'M' }), await child(t.db, { dob: '2007-03-31' }), await child(t.db, { dob: '2016-01-01' }),
      await child(t.db, { dob: '2016-01-01' }), await child(t.db, { dob: '2011-01-01' }), await child(t.db, { dob: '2011-01-01' }),
    ];
    // Plans starting 1 April 2024 to 31 March 2025 (age on the day the plan started):
    //   S1 a  2024-06-30  neglect    9 (5–9)    a's earlier plan in Cairn ended 2022-06-30, exactly 24 months before:
    //                                           repeat, and within 2 years (previous_plans left at 0: found from the records)
    //   S2 b  2024-09-01  emotional 12 (10–15)  one previous plan elsewhere (recorded on the plan), ended 2022-08-31,
    //                                           24 months and a day before: repeat, not within 2 years
    //   S3 unborn 2024-04-01 (first day)  neglect  under 1       first plan
    //   S4 d  2025-03-31 (last day)       neglect  1 that day (1–4)  first plan
    //   S5 h  2024-07-01 to 2024-10-01    physical 16 that day (16+)  first plan; ends in the period too
    // 5 starting, one in each age band: neglect 3, emotional 1, physical 1; repeats 2 of 5 = 40.0%; within 2 years
    // 1 of 5 = 20.0% (the emotional abuse band: 0 of 1).
    // Plans ending in the period (age on the day it ended):
    //   N1 e  2022-05-01 to 2024-05-01   exactly 24 months: 2 years or more          10 (10–15)
    //   N2 f  2022-05-02 to 2024-05-01   a day short of 24 months                    10 (10–15)
    //   N3 g  2023-09-01 to 2025-03-31   ended on the last day, g's 18th birthday    18 (16+)
    //   S5 h  ended 2024-10-01                                                       16 (16+)
    //   not: a's earlier plan (2022), k's ended 2024-03-31 (the day before), l's ends 2025-04-01 (the day after)
    // 4 ending; 1 of 4 had lasted 2 years = 25.0%.
    // Open at the end of 31 March 2025: S1, S2, S3, S4, i (since 2023-03-31), j (since 2023-04-01), l (since 2021) = 7.
    // Lasted 2 years by then: i (24 months to the day) and l = 2; j is a day short. At the earlier quarter ends only l
    // (k's plan ended on 31 March 2024, so is not open at its end; e's reached 2 years on the day it ended).
    await rows(t.db, 'cp_plans', [
      plan(a, '2020-01-10', '2022-06-30', 'PHY'),
      plan(a, '2024-06-30', null, 'NEG'),
      plan(b, '2024-09-01', null, 'EMO', { plans: 1, end: '2022-08-31' }),
      plan(unborn, '2024-04-01', null, 'NEG'),
      plan(d, '2025-03-31', null, 'NEG'),
      plan(h, '2024-07-01', '2024-10-01', 'PHY'),
      plan(e, '2022-05-01', '2024-05-01', 'NEG'),
      plan(f, '2022-05-02', '2024-05-01', 'NEG'),
      plan(g, '2023-09-01', '2025-03-31', 'SAB'),
      plan(i, '2023-03-31', null, 'EMO'),
      plan(j, '2023-04-01', null, 'NEG'),
      plan(k, '2021-01-01', '2024-03-31', 'NEG'),
      plan(l, '2021-01-01', '2025-04-01', 'NEG'),
    ]);
    await t.db.insertInto('population_estimates').values([{ year: 2024, age: 9, count: 5000 }]).execute();

    const starting = await evaluate(t.db, cpPlansStarting, YEAR, ['age_band', 'category']);
    assert.equal(starting.total.value, 5);
    assert.equal(starting.rate, 10, '5 per 5,000 children');
    assert.deepEqual(['under1', '1to4', '5to9', '10to15', '16plus'].map((x) => cellAt(starting, x, null)?.value), [1, 1, 1, 1, 1]);
    assert.equal(cellAt(starting, null, 'Neglect')?.value, 3);
    assert.equal(cellAt(starting, 'under1', 'Neglect')?.value, 1, 'the unborn child');
    assert.equal(cellAt(starting, '1to4', null)?.value, 1, 'first birthday on the last day');
    assert.equal(cellAt(starting, '16plus', 'Physical abuse')?.value, 1, 'sixteenth birthday on the day');
    assert.equal((await evaluate(t.db, cpRepeatEver, YEAR)).total.value, 40);
    const repeat2y = await evaluate(t.db, cpRepeat2y, YEAR, ['category']);
    assert.equal(repeat2y.total.value, 20, 'a previous plan ending exactly 24 months before is within 2 years');
    assert.equal(cellAt(repeat2y, 'Neglect')?.value, 33.3);
    assert.equal(cellAt(repeat2y, 'Emotional abuse')?.value, 0, 'a previous plan ending 24 months and a day before is not');

    const ending = await evaluate(t.db, cpPlansEnding, YEAR, ['age_band']);
    assert.equal(ending.total.value, 4);
    assert.equal(cellAt(ending, '16plus')?.value, 2, 'ended on the 18th birthday, and at 16');
    assert.equal(cellAt(ending, '10to15')?.value, 2);
    const ended2y = await evaluate(t.db, cpEnded2y, YEAR);
    assert.equal(ended2y.total.value, 25);
    assert.equal(ended2y.total.counted, 1);

    assert.equal((await evaluate(t.db, cpPlansAtEnd, YEAR)).total.value, 7);
    const open2y = await evaluate(t.db, cpOpen2y, YEAR, ['quarter']);
    assert.equal(open2y.total.value, 2);
    assert.deepEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31'].map((q) => cellAt(open2y, q)?.value), [1, 1, 1, 1, 2]);

    // Allocated at the end of 31 March 2025, for the 7 plans open then:
    //   a  allocated since 2024-06-01, open                  yes
    //   b  allocation ended 2025-03-31, nobody after          no
    //   unborn  one worker to 2025-03-31, the next from then  yes (the handover day)
    //   d  allocated from 2025-04-01                          no
    //   i, l  open allocations                                yes
    //   j  never allocated                                    no
    // 4 of 7 = 57.1%.
    const allocation = (person: string, start: string, end: string | null = null) => ({ person_id: person, worker_id: uuid(), start_date: start, end_date: end, reason: 'FCONTA' });
    await rows(t.db, 'case_allocations', [
      allocation(a, '2024-06-01'), allocation(b, '2024-01-01', '2025-03-31'), allocation(unborn, '2024-04-01', '2025-03-31'), allocation(unborn, '2025-03-31'),
      allocation(d, '2025-04-01'), allocation(i, '2023-03-01'), allocation(l, '2021-01-01'),
    ]);
    const allocated = await evaluate(t.db, cpAllocated, YEAR);
    assert.equal(allocated.total.rows, 7);
    assert.equal(allocated.total.value, 57.1);
  });

  it('gives the same total under every breakdown it declares, over the records above', () => assertBreakdownsAgree(t.db, CHILD_PROTECTION));

  it('counts a plan started on 29 February as lasting 2 years on 28 February two years later, as Cairn’s clock does', async () => {
    await t.db.deleteFrom('cp_plans').execute();
    const [leap, next] = [await child(t.db, { dob: '2015-01-01' }), await child(t.db, { dob: '2015-01-01' })];
    // 29 February 2024 + 24 months = 28 February 2026 (addMonths keeps to the month's last day); 1 March 2024 reaches
    // it on 1 March 2026. At the end of 28 February 2026: 1 plan of 2 years or more.
    await rows(t.db, 'cp_plans', [plan(leap, '2024-02-29', null), plan(next, '2024-03-01', null)]);
    const e = await evaluate(t.db, cpOpen2y, { from: '2025-04-01', to: '2026-02-28' });
    assert.equal(e.total.value, 1);
    const behind = await recordsBehind(t.db, cpOpen2y, { from: '2025-04-01', to: '2026-02-28' }, []);
    assert.equal(behind.rows[0]?.person_id, leap);
  });

  it('counts review conferences held on or before their due day', async () => {
    const c = await child(t.db, { dob: '2015-01-01' });
    const conference = (kind: string, due: string, held: string | null) => ({ episode_id: uuid(), person_id: c, kind, due_date: due, held_on: held });
    // Review conferences held 1 April 2024 to 31 March 2025:
    //   due 2024-06-30 held 2024-06-30  on the day: on time
    //   due 2024-09-30 held 2024-10-01  a day late
    //   due 2025-01-15 held 2024-12-01  early: on time
    //   due 2025-03-31 held 2025-03-31  on time
    //   not: one held 2024-03-31 (before), one not yet held, an initial conference held in the period
    // 3 of 4 = 75.0%; October to December 1 of 2 = 50.0%.
    await rows(t.db, 'cp_conferences', [
      conference('review', '2024-06-30', '2024-06-30'), conference('review', '2024-09-30', '2024-10-01'), conference('review', '2025-01-15', '2024-12-01'),
      conference('review', '2025-03-31', '2025-03-31'), conference('review', '2024-03-31', '2024-03-31'), conference('review', '2025-02-01', null),
      conference('initial', '2024-05-01', '2024-06-01'),
    ]);
    const e = await evaluate(t.db, cpReviewsOnTime, YEAR, ['quarter']);
    assert.equal(e.total.rows, 4);
    assert.equal(e.total.value, 75);
    assert.equal(cellAt(e, '2024-12-31')?.value, 50);
    assert.equal(cellAt(e, '2024-06-30')?.value, 100);
  });
});
