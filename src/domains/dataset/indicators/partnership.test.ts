import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { child, rows, uuid, YEAR } from './fixtures.test-support.ts';
import { ladoAdvice, ladoReferrals, maracCasesIndicator, maracChildren, maracRepeats } from './partnership.ts';

const value = (cells: { keys: (string | null)[]; value: number | null }[]) => cells.map((c) => [c.keys[0], c.value]);

describe('MARAC cases, repeats and the children in their households', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any case is referred', async () => {
    for (const indicator of [maracCasesIndicator, maracRepeats, maracChildren]) assert.equal((await evaluate(t.db, indicator, YEAR)).noData, true);
  });

  it('counts cases referred in the period, the repeats among them, and each child once per case', async () => {
    const db = t.db;
    const [v1, v2] = [await child(db, { dob: '1990-01-01' }), await child(db, { dob: '1985-01-01' })];
    const [k1, k2, k3, k4] = [
      await child(db, { dob: '2020-01-01', sex: 'M' }), await child(db, { dob: '2016-01-01', sex: 'F' }), await child(db, { dob: '2010-01-01', sex: 'F' }), await child(db, { dob: '2012-01-01' }),
    ];
    const ids = [uuid(), uuid(), uuid(), uuid(), uuid()] as const;
    const referral = (id: string, victim: string, on: string, agency: string, repeatOf: string | null = null) => ({
      id, victim_id: victim, referring_agency: agency, referrer_name: 'A referrer', referred_on: on, risk_basis: 'dash', dash_score: 16, repeat_of: repeatOf,
    });
    await rows(db, 'marac_cases', [
      referral(ids[0], v1, '2024-04-01', 'police'),
      referral(ids[1], v1, '2024-10-01', 'police', ids[0]), // within 12 months of the first: a repeat
      referral(ids[2], v2, '2025-03-31', 'idva'),
      referral(ids[3], v2, '2024-03-31', 'health'), // before the year
      referral(ids[4], v1, '2025-04-01', 'police', ids[1]), // after it
    ]);
    await db.insertInto('marac_case_children').values([
      { case_id: ids[0], person_id: k1 }, { case_id: ids[0], person_id: k2 }, { case_id: ids[1], person_id: k1 }, { case_id: ids[2], person_id: k3 }, { case_id: ids[3], person_id: k4 },
    ]).execute();

    // Cases: 3 (two from the police, one from the IDVA service); repeats: 1; children: K1 twice, K2, K3 = 4.
    const cases = await evaluate(db, maracCasesIndicator, YEAR, ['agency']);
    assert.deepEqual(value(cases.cells), [['Police', 2], ['IDVA service', 1], [null, 3]]);
    assert.equal(cases.rate, null, 'not a count of children');
    const repeats = await evaluate(db, maracRepeats, YEAR, ['quarter']);
    assert.equal(repeats.total.value, 1);
    assert.equal(cellAt(repeats, '2024-12-31')?.value, 1);
    const children = await evaluate(db, maracChildren, YEAR, ['age_band']);
    assert.equal(children.total.value, 4);
    assert.equal(children.total.people, 3);
    // Ages on the day of referral: K1 4 (1 to 4, twice), K2 8 (5 to 9), K3 15 on 31 March 2025 (10 to 15).
    assert.deepEqual(['1to4', '5to9', '10to15'].map((k) => cellAt(children, k)?.value), [2, 1, 1]);
    const behind = await recordsBehind(db, maracChildren, YEAR, [{ breakdown: 'age_band', key: '1to4' }]);
    assert.deepEqual(behind.rows.map((r) => [r.record_id, r.person_id]), [[ids[1], k1], [ids[0], k1]]);
  });
});

describe('LADO allegations and advice', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any concern is received', async () => {
    assert.equal((await evaluate(t.db, ladoReferrals, YEAR)).noData, true);
  });

  it('counts allegations that went to a meeting by referring agency and category, and advice-only concerns apart', async () => {
    const db = t.db;
    const adult = await child(db, { dob: '1980-01-01' });
    const concern = (on: string, decision: string | null, agency: string, category: string) => ({
      id: uuid(), adult_id: adult, adult_role: 'Teacher', employer: 'A school', sector: 'education', referring_agency: agency, referrer_name: 'A referrer',
      received_on: on, category, allegation: 'An allegation', consideration_due: on, decision, decided_on: decision ? on : null,
    });
    await rows(db, 'lado_cases', [
      concern('2024-05-01', 'meeting', 'education', 'sexual'),
      concern('2024-06-01', 'meeting', 'education', 'physical'),
      concern('2024-07-01', 'advice_only', 'health', 'conduct'),
      concern('2025-03-31', 'meeting', 'foster_carers', 'neglect'), // the year's last day
      concern('2024-08-01', null, 'police', 'physical'), // awaiting the LADO's decision: neither
      concern('2024-03-31', 'meeting', 'education', 'sexual'), // before the year
    ]);

    // Allegations: 3 (education 2, foster carers 1; sexual, physical, neglect one each); advice only: 1.
    const byAgency = await evaluate(db, ladoReferrals, YEAR, ['agency']);
    assert.deepEqual(value(byAgency.cells), [['Education', 2], ['Foster carers', 1], [null, 3]]);
    const byCategory = await evaluate(db, ladoReferrals, YEAR, ['category']);
    assert.deepEqual(['Sexual', 'Physical', 'Neglect', 'Emotional'].map((k) => cellAt(byCategory, k)?.value), [1, 1, 1, undefined]);
    assert.deepEqual(value((await evaluate(db, ladoReferrals, YEAR, ['quarter'])).cells), [['2024-06-30', 2], ['2024-09-30', 0], ['2024-12-31', 0], ['2025-03-31', 1], [null, 3]]);
    const advice = await evaluate(db, ladoAdvice, YEAR, ['agency']);
    assert.deepEqual(value(advice.cells), [['Health', 1], [null, 1]]);
  });
});
