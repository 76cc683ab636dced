import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { PLACEMENT_PROVIDERS, PLACEMENT_TYPES } from '../../platform/codes/ssda903.ts';
import { readActualCounts, readHistory } from './history.ts';
import { careStateOfPlacement } from './placements.ts';

describe('placement classes', () => {
  it('fostering with relatives or friends is kinship whoever provides it', () => {
    for (const place of ['U1', 'U2', 'U3']) {
      for (const provider of [...Object.keys(PLACEMENT_PROVIDERS), null]) assert.equal(careStateOfPlacement(place, provider), 'care_kinship', `${place} ${provider}`);
    }
  });

  it('fostering with other carers is in-house with the council’s own provision, agency otherwise', () => {
    for (const place of ['U4', 'U5', 'U6']) {
      assert.equal(careStateOfPlacement(place, 'PR1'), 'care_fostering_in_house');
      assert.equal(careStateOfPlacement(place, 'PR0'), 'care_fostering_in_house');
      for (const provider of ['PR2', 'PR3', 'PR4', 'PR5', null]) assert.equal(careStateOfPlacement(place, provider), 'care_fostering_agency', `${place} ${provider}`);
    }
  });

  it('children’s homes, secure homes, health settings, custody and residential schools are residential', () => {
    for (const place of ['K1', 'K2', 'R1', 'R2', 'R5', 'S1']) assert.equal(careStateOfPlacement(place, 'PR4'), 'care_residential', place);
  });

  it('every other current code, the retired ones and unknown ones are other', () => {
    const classed = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'K1', 'K2', 'R1', 'R2', 'R5', 'S1']);
    const others = Object.keys(PLACEMENT_TYPES).filter((code) => !classed.has(code));
    assert.deepEqual(others, ['A3', 'A4', 'A5', 'A6', 'K3', 'P1', 'P3', 'R3', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14']);
    for (const place of [...others, 'H5', 'P2', 'Z1', 'Q9']) assert.equal(careStateOfPlacement(place, place === 'P1' ? 'PR0' : null), 'care_other', place);
  });
});

describe('children in care counted by placement from the records', () => {
  let connection: Connection;

  before(async () => {
    connection = await testDatabase();
    const db = connection.db;
    let n = 0;
    /** A child of 8 looked after from 1 January 2025 in the given placements, one episode each, back to back. */
    const lookedAfter = async (placements: { from: string; to: string | null; place: string; provider: string | null }[]) => {
      n += 1;
      const child = await db
        .insertInto('people')
        .values({ person_type: 'child', given_name: `Rue${n}`, family_name: 'Placementfixture', search_name: `rue${n} placementfixture`, date_of_birth: '2016-08-08' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const last = placements.at(-1)!;
      const period = await db.insertInto('care_periods').values({ person_id: child.id, start_date: placements[0]!.from, end_date: last.to, category_of_need: 'N1' }).returning('id').executeTakeFirstOrThrow();
      for (const [i, p] of placements.entries()) {
        await db
          .insertInto('care_episodes')
          .values({ period_id: period.id, person_id: child.id, start_date: p.from, end_date: p.to, reason_new_episode: i === 0 ? 'S' : 'P', legal_status: 'C2', placement_type: p.place, placement_provider: p.provider, reason_ceased: p.to === null ? null : p === last ? 'E13' : 'X1' })
          .execute();
      }
    };
    const open = (place: string, provider: string | null) => lookedAfter([{ from: '2025-01-01', to: null, place, provider }]);
    await open('U4', 'PR1');
    await open('U6', 'PR4');
    await open('U5', 'PR5');
    await open('U1', 'PR1');
    await open('K2', 'PR4');
    await open('S1', 'PR5');
    await open('P1', 'PR0');
    await open('Z12', null);
    // In-house carers until 28 February, then an agency's from that day (the day of a move counts the new placement),
    // a fortnight's temporary placement across 31 March, and back to the agency carers.
    await lookedAfter([
      { from: '2025-01-01', to: '2025-02-28', place: 'U6', provider: 'PR1' },
      { from: '2025-02-28', to: '2025-03-25', place: 'U6', provider: 'PR4' },
      { from: '2025-03-25', to: '2025-04-08', place: 'T4', provider: null },
      { from: '2025-04-08', to: null, place: 'U6', provider: 'PR4' },
    ]);
    // In a children's home until 31 March, home to parents that day: not in care at that month end.
    await lookedAfter([{ from: '2025-01-01', to: '2025-03-31', place: 'K2', provider: 'PR4' }]);
  });
  after(() => connection.close());

  it('counts each class at each month end', async () => {
    const actual = await readActualCounts(connection.db, ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    const care = actual.map((m) => [m.monthEnd, m.counts.care_fostering_in_house, m.counts.care_fostering_agency, m.counts.care_kinship, m.counts.care_residential, m.counts.care_other]);
    assert.deepEqual(care, [
      ['2025-01-31', 2, 2, 1, 3, 2],
      ['2025-02-28', 1, 3, 1, 3, 2],
      ['2025-03-31', 1, 2, 1, 2, 3],
      ['2025-04-30', 1, 3, 1, 2, 2],
    ]);
    for (const m of actual) assert.deepEqual([m.counts.cp, m.counts.cin, m.counts.care_leaver, m.counts.early_help], [0, 0, 0, 0]);
  });

  it('records the moves between placement classes as transitions', async () => {
    const history = await readHistory(connection.db, { cutOff: '2025-04-30', referenceMonths: 3 });
    const [feb, mar, apr] = history.months.map((m) => m.transitions['5_9']);
    assert.equal(feb!.care_fostering_in_house.care_fostering_agency, 1);
    assert.equal(feb!.care_fostering_in_house.care_fostering_in_house, 1);
    assert.equal(mar!.care_fostering_agency.care_other, 1);
    assert.equal(mar!.care_residential.not_known, 1);
    assert.equal(apr!.care_other.care_fostering_agency, 1);
    assert.equal(apr!.care_other.care_other, 2);
    assert.deepEqual(history.atCutOff['5_9'], {
      care_residential: 2, care_fostering_agency: 3, care_fostering_in_house: 1, care_kinship: 1, care_other: 2, cp: 0, cin: 0, care_leaver: 0, early_help: 0, not_known: 1,
    });
  });
});
