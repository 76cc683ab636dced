import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { ehAssessments, masgPresentingIssues, masgReferrals, STEP_DOWN_AGENCY } from './early-help.ts';
import { child, rows, uuid, YEAR } from './fixtures.test-support.ts';

const pairs = (cells: { keys: (string | null)[]; value: number | null }[]) => cells.map((c) => [c.keys[0], c.value]);

describe('early help assessments registered', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any assessment is recorded', async () => {
    assert.equal((await evaluate(t.db, ehAssessments, YEAR)).noData, true);
  });

  it('counts registered assessments by the day they were registered, step-downs as their own column', async () => {
    const db = t.db;
    const x = await child(db, { dob: '2019-05-01', sex: 'M' });
    const y = await child(db, { dob: '2024-09-01', sex: 'F' }); // born after the assessment: unborn then
    const z = await child(db, { dob: '2008-06-01', sex: 'F' });
    const school = uuid();
    const health = uuid();
    const csc = uuid();
    await rows(db, 'agencies', [{ id: school, name: 'Brackenshire Primary School', kind: 'education' }, { id: health, name: 'Brackenshire Health', kind: 'health' }, { id: csc, name: 'Children’s Social Care', kind: 'social_care' }]);
    const [c1, c2, c3] = [uuid(), uuid(), uuid()];
    const kase = (id: string, person: string, source: string, locality: string) => ({ id, person_id: person, source, locality, opened_on: '2024-01-01' });
    await rows(db, 'early_help_cases', [kase(c1, x, 'front_door', 'south'), kase(c2, y, 'step_down', 'central_east'), kase(c3, z, 'direct', 'out_of_area')]);
    const assessment = (caseId: string, registered: string | null, agency: string | null) => ({
      id: uuid(), case_id: caseId, status: registered ? 'registered' : 'draft', started_on: '2024-01-01', registered_on: registered, completing_agency_id: agency,
    });
    await rows(db, 'early_help_assessments', [
      assessment(c1, '2024-04-01', school), // the year's first day
      assessment(c2, '2024-07-15', csc), // a step-down: completed by social care, counted as a step-down
      assessment(c3, '2025-03-31', health), // the year's last day; Z is 16
      assessment(c1, null, school), // a draft: not counted
      assessment(c3, '2024-03-31', health), // before the year
      assessment(c1, '2024-10-10', null), // no completing agency recorded
    ]);
    await db.insertInto('population_estimates').values([{ year: 2024, age: 3, count: 4000 }]).execute();

    // Counted: X on 1 April (4: 0 to 5) and 10 October (5: 0 to 5), Y on 15 July (unborn), Z on 31 March (16: 16 and over).
    const e = await evaluate(db, ehAssessments, YEAR, ['month']);
    assert.equal(e.noData, false);
    assert.equal(e.total.value, 4);
    assert.equal(e.rate, 10, '4 of 4,000 children, per 10,000');
    assert.deepEqual(['2024-04', '2024-05', '2024-07', '2024-10', '2025-03'].map((m) => cellAt(e, m)?.value), [1, 0, 1, 1, 1]);
    assert.deepEqual(pairs((await evaluate(db, ehAssessments, YEAR, ['gender'])).cells), [['M', 2], ['F', 1], ['unborn', 1], [null, 4]]);
    assert.deepEqual(pairs((await evaluate(db, ehAssessments, YEAR, ['age_band'])).cells), [['unborn', 1], ['0to5', 2], ['6to11', 0], ['12to15', 0], ['16plus', 1], [null, 4]]);
    assert.deepEqual(pairs((await evaluate(db, ehAssessments, YEAR, ['locality'])).cells), [['South', 2], ['Central and East', 1], ['Out of area', 1], [null, 4]]);
    const byAgency = await evaluate(db, ehAssessments, YEAR, ['agency']);
    assert.equal(cellAt(byAgency, STEP_DOWN_AGENCY)?.value, 1);
    assert.equal(cellAt(byAgency, 'Brackenshire Primary School')?.value, 1);
    assert.equal(cellAt(byAgency, 'Brackenshire Health')?.value, 1);
    assert.equal(cellAt(byAgency, 'Not recorded')?.value, 1);
    assert.equal(cellAt(byAgency, 'Children’s Social Care'), undefined, 'social care’s step-downs show only as step-downs');
    const behind = await recordsBehind(db, ehAssessments, YEAR, [{ breakdown: 'age_band', key: 'unborn' }]);
    assert.deepEqual(behind.rows.map((r) => [r.person_id, r.dated]), [[y, '2024-07-15']]);
  });
});

describe('MASG referrals and their presenting issues', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before any referral is recorded', async () => {
    assert.equal((await evaluate(t.db, masgReferrals, YEAR)).noData, true);
    assert.equal((await evaluate(t.db, masgPresentingIssues, YEAR)).noData, true);
  });

  it('counts MASG referrals by route and locality, and each issue a referral names once', async () => {
    const db = t.db;
    const kid = await child(db, { dob: '2014-01-01' });
    const [south, central, met] = [uuid(), uuid(), uuid()];
    await rows(db, 'panels', [
      { id: south, kind: 'masg', name: 'MASG South', locality: 'south' },
      { id: central, kind: 'masg', name: 'MASG Central and East', locality: 'central_east' },
      { id: met, kind: 'met_hub', name: 'MET hub', locality: null },
    ]);
    const referral = (panel: string, on: string, route: string, issues: string[]) => ({
      id: uuid(), panel_id: panel, person_id: kid, route, presenting_issues: issues, reason: 'Needs a shared plan', referred_on: on, referred_by: uuid(), referring_agency_id: uuid(),
    });
    await rows(db, 'panel_referrals', [
      referral(south, '2024-04-10', 'caf', ['challenging_behaviour', 'domestic_violence']),
      referral(south, '2024-09-30', 'step_down_initial', ['challenging_behaviour', 'challenging_behaviour']), // named twice: counted once
      referral(central, '2025-03-31', 'contact_below_threshold', []), // no issues named
      referral(central, '2024-12-01', 'a_new_route', ['housing', 'a_new_issue']), // codes outside the list show as they are
      referral(met, '2024-06-01', 'police', ['missing']), // the MET hub is not a MASG
      referral(central, '2024-03-31', 'step_down_core', ['housing']), // before the year
    ]);

    // Referrals: 4 (two to each locality's panel), one by each route.
    const e = await evaluate(db, masgReferrals, YEAR, ['route']);
    assert.equal(e.total.value, 4);
    for (const route of ['CAF: an existing early help case making little progress', 'Step-down after an initial assessment', 'Contact not meeting the social care threshold', 'a_new_route']) {
      assert.equal(cellAt(e, route)?.value, 1, route);
    }
    assert.deepEqual(pairs((await evaluate(db, masgReferrals, YEAR, ['locality'])).cells), [['Central and East', 2], ['South', 2], [null, 4]]);
    assert.deepEqual(pairs((await evaluate(db, masgReferrals, YEAR, ['quarter'])).cells), [
      ['2024-06-30', 1], ['2024-09-30', 1], ['2024-12-31', 1], ['2025-03-31', 1], [null, 4],
    ]);

    // Issues: challenging behaviour twice (two referrals), domestic violence, housing and the new code once each = 5.
    const issues = await evaluate(db, masgPresentingIssues, YEAR, ['issue']);
    assert.equal(issues.total.value, 5);
    assert.deepEqual(issues.cells[0]?.keys, ['Challenging behaviour'], 'the most named first');
    assert.deepEqual(['Challenging behaviour', 'Domestic violence', 'Housing', 'a_new_issue'].map((k) => cellAt(issues, k)?.value), [2, 1, 1, 1]);
    const behind = await recordsBehind(db, masgPresentingIssues, YEAR, [{ breakdown: 'issue', key: 'Challenging behaviour' }]);
    assert.deepEqual(behind.rows.map((r) => r.dated), ['2024-09-30', '2024-04-10']);
  });
});
