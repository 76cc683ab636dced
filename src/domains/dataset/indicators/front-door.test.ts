import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { cellAt, evaluate, recordsBehind } from './compute.ts';
import { assertBreakdownsAgree, assertNoDataUnderEveryBreakdown, child, rows, uuid, YEAR } from './fixtures.test-support.ts';
import { contacts, FRONT_DOOR, referrals, referralsToAssessment, reReferrals12m } from './front-door.ts';

const episode = (person: string, referral: string, source: string, closed: string | null = null, nfa = false) => ({
  id: uuid(), person_id: person, referral_date: referral, referral_source: source, referral_reason: 'Concerns', referral_nfa: nfa,
  closure_date: closed, closure_reason: closed ? (nfa ? 'RC8' : 'RC7') : null,
});

describe('front door indicators', () => {
  let t: TestConnection;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  it('shows no data before anything is recorded, and every declared breakdown evaluates', () =>
    assertNoDataUnderEveryBreakdown(t.db, FRONT_DOOR, () => ['quarter', 'age_band']));

  it('counts contacts per child named, by the UK day they were received', async () => {
    const [police, school] = [uuid(), uuid()];
    await t.db.insertInto('agencies').values([{ id: police, name: 'Test Police', kind: 'police' }, { id: school, name: 'Test School', kind: 'education' }]).execute();
    const amy = await child(t.db, { dob: '2015-05-01' });
    const bob = await child(t.db, { dob: '2017-05-01', sex: 'M' });
    const mum = await child(t.db, { dob: '1990-01-01' });
    const contact = (receivedAt: string, agency: string) => ({
      id: uuid(), received_at: new Date(receivedAt), decision_due: receivedAt.slice(0, 10), source: 'phone', referrer_name: 'A referrer',
      made_by_agency_id: agency, reason: 'Worried', consent: 'given', urgency: 'standard',
    });
    // Hand count for 1 April 2024 to 31 March 2025 (BST began 31 March 2024 and 30 March 2025):
    //   A 2024-03-31 23:30 UTC = 00:30 BST on 1 April: in; about Amy, with her mother in the household: 1
    //   B 2025-03-31 22:30 UTC = 23:30 BST on 31 March: in; about Amy and Bob: 2
    //   C 2025-03-31 23:30 UTC = 00:30 BST on 1 April 2025: out
    //   D 2024-03-31 22:30 UTC = 23:30 BST on 31 March 2024: out
    // Total 3: April 2024 1, March 2025 2; police 1, school 2.
    const [a, b, c, d] = [contact('2024-03-31T23:30:00Z', police), contact('2025-03-31T22:30:00Z', school), contact('2025-03-31T23:30:00Z', school), contact('2024-03-31T22:30:00Z', police)];
    await rows(t.db, 'contacts', [a, b, c, d]);
    await t.db
      .insertInto('contact_people')
      .values([
        { contact_id: a.id, person_id: amy, role: 'child' }, { contact_id: a.id, person_id: mum, role: 'household', relationship: 'mother' },
        { contact_id: b.id, person_id: amy, role: 'child' }, { contact_id: b.id, person_id: bob, role: 'child' },
        { contact_id: c.id, person_id: bob, role: 'child' }, { contact_id: d.id, person_id: amy, role: 'child' },
      ])
      .execute();

    const byMonth = await evaluate(t.db, contacts, YEAR, ['month']);
    assert.equal(byMonth.total.value, 3);
    assert.equal(cellAt(byMonth, '2024-04')?.value, 1, 'received just after midnight BST on 1 April');
    assert.equal(cellAt(byMonth, '2025-03')?.value, 2, 'received just before midnight BST on 31 March, about two children');
    assert.equal(cellAt(byMonth, '2024-05')?.value, 0);
    const byAgency = await evaluate(t.db, contacts, YEAR, ['agency']);
    assert.deepEqual(byAgency.cells.map((x) => [x.keys[0], x.value]), [['Test School', 2], ['Test Police', 1], [null, 3]]);
  });

  it('counts referrals, re-referrals within 12 months (the anniversary included) and those that led to an assessment', async () => {
    const ann = await child(t.db, { dob: '2010-06-15', sex: 'F' });
    const ben = await child(t.db, { dob: '2009-04-02', sex: 'M' });
    const unborn = await child(t.db, { dob: null, sex: 'U', type: 'unborn' });
    const dan = await child(t.db, { dob: '2009-03-31', sex: 'M', ethnicity: 'BAFR' });
    const annEarlier = episode(ann, '2023-05-10', '2A', '2023-06-01');
    const annAnniversary = episode(ann, '2024-05-10', '2A', '2024-07-01');
    const annLastDay = episode(ann, '2025-03-31', '2A');
    const benEarlier = episode(ben, '2023-04-01', '6', '2023-05-01');
    const benNfa = episode(ben, '2024-04-02', '6', '2024-04-02', true);
    const benSameDay = episode(ben, '2024-04-02', '6', '2024-12-01');
    const prebirth = episode(unborn, '2024-10-01', '3B');
    const danBirthday = episode(dan, '2025-03-31', '6');
    await rows(t.db, 'cin_episodes', [annEarlier, annAnniversary, annLastDay, benEarlier, benNfa, benSameDay, prebirth, danBirthday]);
    await rows(t.db, 'assessments', [annEarlier, annAnniversary, prebirth].map((e) => ({ episode_id: e.id, person_id: e.person_id, start_date: e.referral_date, due_date: e.referral_date })));
    await t.db.insertInto('population_estimates').values([{ year: 2024, age: 3, count: 8000 }, { year: 2024, age: 12, count: 12000 }]).execute();

    // Referrals received 1 April 2024 to 31 March 2025, worked by hand (the 2023 ones are before the period):
    //   ann 2024-05-10  School   13 (10–15)  re-referral: 2023-05-10 is exactly 12 months before     assessed
    //   ann 2025-03-31  School   14 (10–15)  re-referral: 2024-05-10 is within 12 months             not assessed
    //   ben 2024-04-02  Police   15 (10–15)  not: 2023-04-01 is 12 months and a day before (NFA)     not assessed
    //   ben 2024-04-02  Police   15 (10–15)  re-referral: the NFA referral closed earlier that day    not assessed
    //   unborn 2024-10-01  Health visitor  under 1   first referral                               assessed
    //   dan 2025-03-31  Police   16 on the day (16+)  first referral                                 not assessed
    // 6 referrals (6 per 20,000 children = 3.0 per 10,000); 3 re-referrals = 50.0%; 2 assessed = 33.3%.
    const all = await evaluate(t.db, referrals, YEAR, ['month', 'age_band']);
    assert.equal(all.total.value, 6);
    assert.equal(all.rate, 3);
    assert.equal(cellAt(all, '2024-04', null)?.value, 2);
    assert.equal(cellAt(all, '2025-03', null)?.value, 2, 'referrals on the last day count');
    assert.equal(cellAt(all, null, '10to15')?.value, 4);
    assert.equal(cellAt(all, null, 'under1')?.value, 1, 'an unborn child is under 1');
    assert.equal(cellAt(all, '2025-03', '16plus')?.value, 1, 'sixteen on the day of the referral');
    const bySource = await evaluate(t.db, referrals, YEAR, ['agency']);
    assert.deepEqual(bySource.cells.map((x) => [x.keys[0], x.value]), [['Police', 3], ['School', 2], ['Health visitor', 1], [null, 6]]);

    const re = await evaluate(t.db, reReferrals12m, YEAR, ['agency']);
    assert.equal(re.total.value, 50);
    assert.equal(re.total.counted, 3);
    assert.equal(cellAt(re, 'Police')?.value, 33.3, 'one of three police referrals');
    assert.equal(cellAt(re, 'School')?.value, 100);
    const repeats = await recordsBehind(t.db, reReferrals12m, YEAR, [], { countedOnly: true });
    assert.deepEqual(repeats.rows.map((r) => r.record_id).sort(), [annAnniversary.id, annLastDay.id, benSameDay.id].sort());

    const assessed = await evaluate(t.db, referralsToAssessment, YEAR, ['quarter']);
    assert.equal(assessed.total.value, 33.3);
    assert.equal(cellAt(assessed, '2024-06-30')?.value, 33.3, 'April to June: ann’s referral of 3 assessed');
    assert.equal(cellAt(assessed, '2024-12-31')?.value, 100);
    assert.equal(cellAt(assessed, '2025-03-31')?.value, 0);
    assert.equal(cellAt(assessed, '2024-09-30')?.value, null, 'no referrals, no percentage');
  });

  it('gives the same total under every breakdown it declares, over the records above', () => assertBreakdownsAgree(t.db, FRONT_DOOR));
});
