import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { seedDemoIfEmpty, DEMO_CHILDREN } from '../../demo/seed.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { latestMonthEnd, readActualCounts, readHistory } from './history.ts';
import { buildForecast, runBacktest } from './service.ts';
import { AGE_BANDS, NOT_KNOWN, STATES, type Scenario, type StateOrPool } from './types.ts';

const KEYS: StateOrPool[] = [...STATES, NOT_KNOWN];
/** The records below are read as on this day: the latest complete month end is 30 June 2025. */
const TODAY = '2025-07-15';

describe('forecast and backtest from the records', () => {
  let connection: Connection;

  before(async () => {
    connection = await testDatabase();
    const db = connection.db;
    let n = 0;
    const child = async (dateOfBirth: string) => {
      n += 1;
      return (
        await db
          .insertInto('people')
          .values({ person_type: 'child', given_name: `Wren${n}`, family_name: 'Servicefixture', search_name: `wren${n} servicefixture`, date_of_birth: dateOfBirth })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    };
    // Six children with the council's foster carers throughout, four in early help from mid-2023, and a child in need
    // for each half year from 2024: a steady authority whose next year looks like its last.
    for (let i = 0; i < 6; i++) {
      const id = await child(`2016-0${i + 1}-10`);
      const period = await db.insertInto('care_periods').values({ person_id: id, start_date: '2023-01-01', category_of_need: 'N1' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('care_episodes').values({ period_id: period.id, person_id: id, start_date: '2023-01-01', reason_new_episode: 'S', legal_status: 'C2', placement_type: 'U4', placement_provider: 'PR1' }).execute();
    }
    for (let i = 0; i < 4; i++) {
      await db.insertInto('early_help_cases').values({ person_id: await child(`2019-0${i + 1}-20`), source: 'direct', locality: 'North', opened_on: '2023-06-01' }).execute();
    }
    for (const [from, to] of [['2024-01-15', '2024-07-15'], ['2024-07-15', '2025-01-15'], ['2025-01-15', null]] as const) {
      await db.insertInto('cin_episodes').values({ person_id: await child('2012-02-02'), referral_date: from, referral_source: '2A', referral_reason: 'Fixture', closure_date: to, closure_reason: to ? 'RC7' : null }).execute();
    }
    for (let i = 0; i < 30; i++) await child('2014-11-11');
  });
  after(() => connection.close());

  const scenarios: Scenario[] = [
    { id: 'same', name: 'No change', adjustments: [] },
    { id: 'more', name: 'More children in need', adjustments: [{ kind: 'entries', to: 'cin', percent: 50 }] },
  ];

  it('forecasts the baseline and each scenario from the latest complete month end', async () => {
    const result = await buildForecast(connection.db, { referenceMonths: 12, months: 24, draws: 50, scenarios, today: TODAY });
    const history = await readHistory(connection.db, { cutOff: '2025-06-30', referenceMonths: 12 });
    const { recorded, ...rest } = result.history;
    // Records reach back before the window (the foster placements from 2023), so the whole window is history.
    assert.deepEqual(rest, { cutOff: '2025-06-30', referenceMonths: 12, atCutOff: history.atCutOff, recordsBeginAfterStart: null });
    // The month ends of the window, read from the history, agree with the records counted afresh.
    assert.deepEqual(recorded, await readActualCounts(connection.db, recorded.map((m) => m.monthEnd)));
    assert.equal(recorded.length, 13);
    assert.equal(recorded.at(-1)!.monthEnd, '2025-06-30');
    assert.equal(result.baseline.cutOff, '2025-06-30');
    assert.equal(result.baseline.months.length, 24);
    assert.equal(result.baseline.months[0]!.monthEnd, '2025-07-31');
    assert.deepEqual(result.scenarios.map((s) => s.scenario.id), ['same', 'more']);
    // One seed for all: a scenario without adjustments is the baseline exactly.
    assert.deepEqual(result.scenarios[0]!.forecast, result.baseline);
    assert.ok(Math.abs(result.baseline.months[0]!.byState.care_fostering_in_house.p50 - 6) < 1e-9);
  });

  it('says when the records begin after the reference window starts', async () => {
    const result = await buildForecast(connection.db, { cutOff: '2023-12-31', referenceMonths: 24, months: 1, draws: 5, scenarios: [], today: TODAY });
    assert.equal(result.history.recordsBeginAfterStart, '2023-01-31', 'the first month end with a child in care');
  });

  it('forecasts from an earlier cut-off when asked, and refuses one not yet complete', async () => {
    const result = await buildForecast(connection.db, { cutOff: '2024-12-31', referenceMonths: 6, months: 3, draws: 10, scenarios: [], today: TODAY });
    assert.equal(result.baseline.months.at(-1)!.monthEnd, '2025-03-31');
    assert.deepEqual(result.scenarios, []);
    await assert.rejects(buildForecast(connection.db, { cutOff: '2025-07-31', referenceMonths: 6, months: 3, scenarios: [], today: TODAY }), /2025-06-30 or earlier/);
  });

  it('scores a backtest against what the records show for the year after the cut-off', async () => {
    const result = await runBacktest(connection.db, { cutOff: '2024-06-30', referenceMonths: 12, today: TODAY });
    assert.equal(result.cutOff, '2024-06-30');
    assert.equal(result.months.length, 12);
    const actual = await readActualCounts(connection.db, result.months.map((m) => m.monthEnd));
    assert.deepEqual(result.months.map((m) => m.actual), actual.map((m) => m.counts));
    assert.equal(result.months.at(-1)!.monthEnd, '2025-06-30');
    // The foster placements never changed and the model saw them never change (ageing alone moves a sliver of them
    // towards 18 within the year).
    assert.ok(result.mapeByState.care_fostering_in_house! < 1, String(result.mapeByState.care_fostering_in_house));
    assert.equal(result.mapeByState.care_residential, null);
  });

  it('refuses a backtest whose year has not all passed', async () => {
    await assert.rejects(runBacktest(connection.db, { cutOff: '2024-07-31', referenceMonths: 12, today: TODAY }), /cut-off of 2024-06-30 or earlier/);
    await assert.rejects(runBacktest(connection.db, { cutOff: '2025-03-31', referenceMonths: 12, horizon: 4, today: TODAY }), HTTPish);
    await runBacktest(connection.db, { cutOff: '2025-03-31', referenceMonths: 12, horizon: 3, today: TODAY });
    await assert.rejects(runBacktest(connection.db, { cutOff: '2024-06-30', referenceMonths: 12, horizon: 0, today: TODAY }), /at least one month/);
  });
});

/** A refusal the error handler shows as a 4xx. */
const HTTPish = (error: unknown) => typeof (error as { statusCode?: number }).statusCode === 'number' && (error as { statusCode: number }).statusCode < 500;

describe('the history of the demo partnership', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase({ name: `demo-${DEMO_CHILDREN}`, run: (db) => seedDemoIfEmpty(db, { children: DEMO_CHILDREN }).then(() => undefined) });
  });
  after(() => connection.close());

  it('reads three years of the demo records, every child accounted for, and forecasts from them', async (t) => {
    const cutOff = latestMonthEnd(ukToday());
    const started = performance.now();
    const history = await readHistory(connection.db, { cutOff, referenceMonths: 36 });
    t.diagnostic(`readHistory over 36 months of the demo data: ${Math.round(performance.now() - started)} ms`);
    assert.equal(history.months.length, 36);
    for (const month of history.months) {
      for (const band of AGE_BANDS) {
        for (const from of KEYS) {
          assert.ok(month.start[band][from] >= 0, `${month.monthEnd} ${band} ${from}`);
          const moved = KEYS.reduce((sum, to) => sum + month.transitions[band][from][to], 0);
          assert.equal(moved, month.start[band][from], `${month.monthEnd} ${band} ${from}`);
        }
      }
    }
    const [actual] = await readActualCounts(connection.db, [cutOff]);
    for (const state of STATES) assert.equal(AGE_BANDS.reduce((sum, band) => sum + history.atCutOff[band][state], 0), actual!.counts[state], state);
    assert.ok(STATES.some((state) => actual!.counts[state] > 0), 'the demo has children known to services');

    const result = await buildForecast(connection.db, { referenceMonths: 36, months: 36, scenarios: [] });
    assert.equal(result.baseline.months.length, 36);
    for (const month of result.baseline.months) for (const state of STATES) assert.ok(month.byState[state].p5 >= 0);
  });
});
