import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { addCalendarDays, workingDaysBetween } from '../../../platform/calendar/working-days.ts';
import { cellAt, evaluate } from './compute.ts';
import { assertBreakdownsAgree, assertNoDataUnderEveryBreakdown, child, rows, uuid, YEAR } from './fixtures.test-support.ts';
import { assessments45wd, cinAtEnd, SOCIAL_CARE, workingDaysBetweenSql } from './social-care.ts';

const episode = (person: string, referral: string, closed: string | null = null, need: string | null = null, nfa = false) => ({
  id: uuid(), person_id: person, referral_date: referral, referral_source: '6', referral_reason: 'Concerns', referral_nfa: nfa, primary_need: need,
  closure_date: closed, closure_reason: closed ? 'RC7' : null,
});

describe('children’s social care indicators', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before anything is recorded, and every declared breakdown evaluates', () =>
    assertNoDataUnderEveryBreakdown(t.db, SOCIAL_CARE, () => ['month', 'gender']));

  it('counts working days in SQL as the platform calendar does', async () => {
    // Pairs across weekends, bank holidays, year ends and both directions, against working-days.ts.
    const pairs: [string, string][] = [];
    for (let i = 0; i < 120; i++) {
      const from = addCalendarDays('2012-12-20', i * 41);
      pairs.push([from, addCalendarDays(from, (i * 7) % 90)], [from, addCalendarDays(from, -((i * 5) % 11))]);
    }
    pairs.push(['2024-12-24', '2024-12-27'], ['2024-12-28', '2024-12-29'], ['2025-04-18', '2025-04-22']);
    const values = sql.join(pairs.map(([a, b]) => sql`(${a}::date, ${b}::date)`));
    const { rows: got } = await sql<{ n: number }>`SELECT ${workingDaysBetweenSql(sql`a`, sql`b`)} AS n FROM (VALUES ${values}) v(a, b)`.execute(t.db);
    assert.deepEqual(got.map((r) => Number(r.n)), pairs.map(([a, b]) => workingDaysBetween(a, b)));
  });

  it('counts assessments authorised within 45 working days of the referral, bank holidays excluded', async () => {
    const amy = await child(t.db, { dob: '2014-02-01' });
    const bea = await child(t.db, { dob: '2016-02-01' });
    const cal = await child(t.db, { dob: '2012-02-01', sex: 'M' });
    const dee = await child(t.db, { dob: '2011-02-01' });
    const [amyEp, beaEp, calEp, deeEp] = [episode(amy, '2024-11-01'), episode(bea, '2024-11-01'), episode(cal, '2023-01-10'), episode(dee, '2024-05-28')];
    await rows(t.db, 'cin_episodes', [amyEp, beaEp, calEp, deeEp]);
    const assessment = (e: { id: string; person_id: string; referral_date: string }, authorised: string | null, status = 'authorised') => ({
      episode_id: e.id, person_id: e.person_id, start_date: e.referral_date, due_date: e.referral_date, status, authorised_date: authorised,
    });
    // Referral Friday 1 November 2024 (day 0). Working days: 4–29 Nov are 1–20, 2–20 Dec 21–35, 23 and 24 Dec 36
    // and 37; 25 and 26 Dec are bank holidays; 27 Dec 38, 30 and 31 Dec 39 and 40; 1 Jan a bank holiday; 2 and 3 Jan
    // 41 and 42; 6, 7 and 8 Jan 43, 44 and 45. So 8 January 2025 is the 45th working day: on time. Counting weekdays
    // alone it would be the 48th, and late: the bank holidays move the answer. 9 January is the 46th: late.
    //   amy  authorised 2025-01-08  45 working days  on time
    //   bea  authorised 2025-01-09  46               late
    //   cal  authorised 2024-07-15  referral in January 2023: late
    //   dee  authorised 2024-05-28  the referral day, 0: on time
    //   not counted: cal's second assessment authorised 2025-04-01 (after the period); dee's second, only submitted
    // 2 of 4 on time = 50.0%; by quarter: April–June 1 of 1, July–September 0 of 1, January–March 1 of 2.
    await rows(t.db, 'assessments', [
      assessment(amyEp, '2025-01-08'),
      assessment(beaEp, '2025-01-09'),
      assessment(calEp, '2024-07-15'),
      assessment(deeEp, '2024-05-28'),
      assessment(calEp, '2025-04-01'),
      assessment(deeEp, null, 'submitted'),
    ]);
    const e = await evaluate(t.db, assessments45wd, YEAR, ['quarter']);
    assert.equal(e.total.rows, 4);
    assert.equal(e.total.value, 50);
    assert.equal(cellAt(e, '2024-06-30')?.value, 100);
    assert.equal(cellAt(e, '2024-09-30')?.value, 0);
    assert.equal(cellAt(e, '2025-03-31')?.value, 50, 'the 45th working day is on time, the 46th is not');
  });

  it('gives the same total under every breakdown it declares, over the assessments above', () => assertBreakdownsAgree(t.db, SOCIAL_CARE));

  it('counts children in need at the period end, quarter by quarter, by primary need', async () => {
    await t.db.deleteFrom('assessments').execute(); // the assessments' episodes are still open: start again
    await t.db.deleteFrom('cin_episodes').execute();
    const ann = await child(t.db, { dob: '2007-03-31' });
    const ben = await child(t.db, { dob: '2013-01-01', sex: 'M' });
    const cat = await child(t.db, { dob: '2020-01-01' });
    const dan = await child(t.db, { dob: '2018-01-01', sex: 'M' });
    const unborn = await child(t.db, { dob: null, sex: 'U', type: 'unborn' });
    const fay = await child(t.db, { dob: '2015-01-01' });
    // Open at the end of each day (referred on or before it, not closed on or before it, not NFA):
    //   ann  2024-01-01, open        abuse or neglect; 18 on 31 March 2025: counted, 16 and over
    //   ben  2024-06-01 to 2025-03-31 family in acute stress; closed on the last day: not open at its end
    //   cat  2025-03-31, open        need not yet known ("not stated"); referred on the last day: counted, 5 to 9
    //   dan  2025-03-01, NFA         not a child in need
    //   unborn 2025-02-01, open      abuse or neglect; under 1
    //   fay  2023-01-01 to 2024-03-31 closed the day before the period: not open on 31 March 2024
    // 31 Mar 2024: ann = 1; 30 Jun, 30 Sep, 31 Dec 2024: ann, ben = 2; 31 Mar 2025: ann, cat, unborn = 3.
    await rows(t.db, 'cin_episodes', [
      episode(ann, '2024-01-01', null, 'N1'),
      episode(ben, '2024-06-01', '2025-03-31', 'N4'),
      episode(cat, '2025-03-31'),
      episode(dan, '2025-03-01', null, null, true),
      episode(unborn, '2025-02-01', null, 'N1'),
      episode(fay, '2023-01-01', '2024-03-31', 'N5'),
    ]);
    const byQuarter = await evaluate(t.db, cinAtEnd, YEAR, ['quarter', 'age_band']);
    assert.equal(byQuarter.total.value, 3);
    assert.deepEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31'].map((q) => cellAt(byQuarter, q, null)?.value), [1, 2, 2, 2, 3]);
    assert.equal(cellAt(byQuarter, '2025-03-31', '16plus')?.value, 1, 'eighteen on the last day');
    assert.equal(cellAt(byQuarter, '2025-03-31', 'under1')?.value, 1, 'unborn');
    assert.equal(cellAt(byQuarter, '2025-03-31', '5to9')?.value, 1);
    assert.equal(cellAt(byQuarter, '2024-12-31', '10to15')?.value, 1);
    const byNeed = await evaluate(t.db, cinAtEnd, YEAR, ['category']);
    assert.deepEqual(byNeed.cells.map((c) => [c.keys[0], c.value]), [['Abuse or neglect', 2], ['Not stated', 1], [null, 3]]);
  });
});
