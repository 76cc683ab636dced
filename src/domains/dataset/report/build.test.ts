import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { child, rows, uuid } from '../indicators/fixtures.test-support.ts';
import { type AnnualReport, buildAnnualReport } from './build.ts';
import { suppressSums } from './ethnicity.ts';

const sectionOf = (r: AnnualReport, id: string) => r.sections.find((s) => s.id === id)!;
const tableOf = (r: AnnualReport, id: string) => r.sections.flatMap((s) => s.tables).find((t) => t.id === id)!;
const rowOf = (r: AnnualReport, table: string, label: string) => tableOf(r, table).rows.find((row) => row.label === label)?.cells;

describe('the annual report, built from a small hand-made dataset', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('says "no data" for every section while nothing is recorded, never zeros', async () => {
    const r = await buildAnnualReport(t.db, 2024);
    assert.equal(r.name, '2024/25');
    assert.deepEqual(r.period, { from: '2024-04-01', to: '2025-03-31' });
    assert.equal(r.threshold, 5, 'the configured threshold');
    for (const s of r.sections) {
      assert.equal(s.noData, true, s.id);
      assert.deepEqual(s.missingIndicators, [], `${s.id} asks only for defined indicators`);
    }
    assert.ok(sectionOf(r, 'child-protection').tables.every((x) => x.noData));
  });

  it('refuses a year that is not one', async () => {
    for (const year of [1800, 3000, 2012.5, Number.NaN]) await assert.rejects(buildAnnualReport(t.db, year), RangeError);
  });

  it('counts plans at each quarter end, suppresses through the ethnicity hierarchy, and carries the board’s commentary', async () => {
    // Seven children with a plan open all year (started before it): six White British, one Any other White background.
    const plans = [];
    for (let i = 0; i < 7; i++) {
      const person = await child(t.db, { dob: `2015-0${(i % 9) + 1}-01`, sex: i < 4 ? 'M' : 'F', ethnicity: i === 6 ? 'WOTH' : 'WBRI' });
      plans.push({ id: uuid(), episode_id: uuid(), person_id: person, start_date: '2024-02-01', end_date: null, initial_category: 'NEG', categories: ['NEG'] });
    }
    // One more plan starting and ending in the year: open at 30 June only.
    const brief = await child(t.db, { dob: '2020-01-01', sex: 'F', ethnicity: 'APKN' });
    plans.push({ id: uuid(), episode_id: uuid(), person_id: brief, start_date: '2024-05-01', end_date: '2024-08-01', initial_category: 'PHY', categories: ['PHY'] });
    await rows(t.db, 'cp_plans', plans);
    await t.db.insertInto('report_commentary').values({ year: 2024, section: 'child-protection', body: 'Plans rose.' }).execute();

    const r = await buildAnnualReport(t.db, 2024);
    const cp = sectionOf(r, 'child-protection');
    assert.equal(cp.noData, false);
    assert.equal(cp.commentary, 'Plans rose.');
    assert.equal(cp.commentaryVersion, 1);
    assert.equal(sectionOf(r, 'early-help').noData, true, 'early help still has nothing recorded');
    assert.equal(sectionOf(r, 'early-help').commentary, undefined);

    const atEnd = cp.figures.find((f) => f.indicator.id === 'cp_plans_at_end')!;
    assert.equal(atEnd.value, 7, 'the figure on the year’s last day');
    const starting = cp.figures.find((f) => f.indicator.id === 'cp_plans_starting')!;
    assert.equal(starting.value, '*', 'one plan started: too few to publish');
    assert.equal(starting.rate, null, 'and no rate to give it away');

    const byAge = tableOf(r, 'cp_plans_at_end-age_band-quarter');
    assert.deepEqual(byAge.columns.map((c) => c.label), ['31 Mar 2024', '30 Jun 2024', '30 Sep 2024', '31 Dec 2024', '31 Mar 2025']);
    assert.deepEqual(rowOf(r, 'cp_plans_at_end-age_band-quarter', 'Total')?.slice(3), [7, 7]);

    // White British 6 and Any other White 1 make White 7: the 1 is hidden, so the 6 is too (7 − 6 would give it).
    const eth = 'cp_plans_at_end-ethnicity-quarter';
    assert.deepEqual(rowOf(r, eth, 'White British'), ['*', '*', '*', '*', '*']);
    assert.deepEqual(rowOf(r, eth, 'Any other White background'), ['*', '*', '*', '*', '*']);
    assert.deepEqual(rowOf(r, eth, 'Pakistani')?.[1], '*');
    assert.deepEqual(rowOf(r, eth, 'Asian or Asian British')?.[1], '*');
    assert.deepEqual(rowOf(r, eth, 'White'), [7, '*', 7, 7, 7], 'at 30 June the total 8 less White 7 would give Asian 1 away: White is hidden, the total kept');
    assert.deepEqual(rowOf(r, eth, 'Total'), [7, 8, 7, 7, 7]);
    const rowLabels = tableOf(r, eth).rows.map((row) => row.label);
    assert.ok(rowLabels.indexOf('White British') < rowLabels.indexOf('White'), 'detailed rows above their group');

    const open = await buildAnnualReport(t.db, 2024, { threshold: 0 });
    assert.deepEqual(rowOf(open, 'cp_plans_at_end-age_band-quarter', 'Total'), [7, 8, 7, 7, 7], 'the day before the year, then each quarter end');
    assert.deepEqual(open.sections.find((s) => s.id === 'child-protection')!.tables.find((x) => x.id === eth)!.rows.find((row) => row.label === 'White British')?.cells, [6, 6, 6, 6, 6]);
  });

  it('hides a second member of any sum with exactly one hidden', () => {
    // Members 0..2 add up to 3; 4 and 3 add up to 5.
    const hidden = suppressSums([2, 10, 20, 32, 40, 72], [{ members: [0, 1, 2], total: 3 }, { members: [3, 4], total: 5 }], 5);
    assert.deepEqual(hidden, [true, true, false, false, false, false]);
    const none = suppressSums([0, 10, 20, 30], [{ members: [0, 1, 2], total: 3 }], 5);
    assert.deepEqual(none, [false, false, false, false], 'a zero is not hidden');
  });
});
