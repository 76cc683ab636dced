import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksDue, nextReview, nextVisit } from './clocks.ts';
import { ELIGIBLE_DAYS, leavingEligibility } from './eligibility.ts';
import { placementsOf, type StabilityEpisode, stabilityOf } from './stability.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';

const ep = (startDate: string, endDate: string | null, placementType = 'U6', carerName = 'Alder', legalStatus = 'C2'): StabilityEpisode => ({
  startDate,
  endDate,
  legalStatus,
  placementType,
  placementProvider: placementType.startsWith('T') ? null : 'PR1',
  carerName,
  urn: placementType.startsWith('T') ? null : 'SC100001',
  placementPostcode: placementType.startsWith('T') ? null : `ZZ99 ${carerName.length}AA`,
});

describe('placement stability', () => {
  it('counts placements, not legal status changes or temporary absences, and flags 3 or more in 12 months', () => {
    const episodes = [
      ep('2025-01-10', '2025-06-01', 'U6', 'Alder'),
      ep('2025-06-01', '2025-08-01', 'U6', 'Alder', 'C1'), // legal status only: same placement
      ep('2025-08-01', '2025-08-10', 'T1', 'Hospital'), // temporary: not a placement
      ep('2025-08-10', '2025-11-01', 'U6', 'Alder', 'C1'), // back to the same placement
      ep('2025-11-01', '2026-01-15', 'K2', 'Oakfield'),
      ep('2026-01-15', null, 'U4', 'Birchwood'),
    ];
    assert.equal(placementsOf(episodes).length, 3);
    const s = stabilityOf(episodes, { periodStart: '2025-01-10', dateOfBirth: '2014-01-01', today: '2026-03-01' });
    assert.equal(s.placementsInYear, 3);
    assert.equal(s.unstable, true);
    assert.equal(s.currentPlacementSince, '2026-01-15');
    assert.equal(s.longTermGroup, false);
    // A year on, only the placement still open and the one that ended within the year count.
    assert.equal(stabilityOf(episodes, { periodStart: '2025-01-10', dateOfBirth: '2014-01-01', today: '2026-12-01' }).placementsInYear, 2);
  });

  it('a temporary placement now does not break the placement the child returns to', () => {
    const episodes = [ep('2023-01-10', '2026-02-20', 'U4', 'Alder'), ep('2026-02-20', null, 'T3', 'Respite')];
    const s = stabilityOf(episodes, { periodStart: '2023-01-10', dateOfBirth: '2014-01-01', today: '2026-03-01' });
    assert.equal(s.currentPlacementSince, '2023-01-10');
    assert.equal(s.placementsInYear, 1);
  });

  it('long-term stability: under 16, looked after 2½ years+, same placement 2 years+', () => {
    const episodes = [ep('2023-01-10', '2024-01-05', 'U6', 'Alder'), ep('2024-01-05', null, 'U4', 'Birchwood')];
    const today = '2026-03-01';
    const stable = stabilityOf(episodes, { periodStart: '2023-01-10', dateOfBirth: '2014-01-01', today });
    assert.deepEqual([stable.longTermGroup, stable.longTermStable], [true, true]);
    const recentMove = stabilityOf([ep('2023-01-10', '2025-01-05', 'U6', 'Alder'), ep('2025-01-05', null, 'U4', 'Birchwood')], { periodStart: '2023-01-10', dateOfBirth: '2014-01-01', today });
    assert.deepEqual([recentMove.longTermGroup, recentMove.longTermStable], [true, false]);
    assert.equal(stabilityOf(episodes, { periodStart: '2023-01-10', dateOfBirth: '2010-01-01', today }).longTermGroup, false, '16 or over is outside the measure');
    assert.equal(stabilityOf(episodes, { periodStart: '2023-09-02', dateOfBirth: '2014-01-01', today }).longTermGroup, false, 'under 2½ years in care');
    assert.equal(stabilityOf([], { periodStart: null, dateOfBirth: '2014-01-01', today }).currentPlacementSince, null);
  });
});

describe('care leaver eligibility on leaving care', () => {
  const dob = '2009-05-01'; // 16 on 1 May 2025, 14 on 1 May 2023
  const leave = (startDate: string, leavingDate: string, reason = 'E5', legalStatus = 'C2', dateOfBirth = dob) =>
    leavingEligibility({ dateOfBirth, leavingDate, reason, episodes: [{ startDate, endDate: null, legalStatus }] });

  it('13 weeks since 14 with a day after 16: relevant when leaving at 16 or 17, former relevant at 18+', () => {
    assert.equal(leave('2025-01-01', '2025-09-01'), 'relevant');
    assert.equal(leave('2025-01-01', '2027-05-01', 'E17'), 'former_relevant');
  });

  it('not long enough, not after 16, under 16, short breaks, adoption or death: not a care leaver', () => {
    const start = '2025-06-01';
    assert.equal(leave(start, addCalendarDays(start, ELIGIBLE_DAYS - 1)), null, 'one day short of 13 weeks');
    assert.equal(leave(start, addCalendarDays(start, ELIGIBLE_DAYS)), 'relevant', 'exactly 13 weeks');
    assert.equal(leave('2024-01-01', '2025-04-30'), null, 'left before 16');
    assert.equal(leave('2025-01-01', '2025-09-01', 'E5', 'V4'), null, 'short breaks do not count');
    assert.equal(leave('2025-01-01', '2025-09-01', 'E2'), null);
    assert.equal(leave('2025-01-01', '2025-09-01', 'E11'), null);
  });

  it('counts time across periods of care since 14, each day once', () => {
    const episodes = [
      { startDate: '2023-06-01', endDate: '2023-08-01', legalStatus: 'V2' }, // 61 days
      { startDate: '2023-07-01', endDate: '2023-08-01', legalStatus: 'V2' }, // overlapping: no extra days
      { startDate: '2025-05-20', endDate: null, legalStatus: 'V2' },
    ];
    assert.equal(leavingEligibility({ dateOfBirth: dob, leavingDate: '2025-06-15', reason: 'E13', episodes }), null, '61 + 26 days');
    assert.equal(leavingEligibility({ dateOfBirth: dob, leavingDate: '2025-06-20', reason: 'E13', episodes }), 'relevant', '61 + 31 days');
  });
});

describe('care clocks', () => {
  it('reviews: 20 working days from becoming looked after (bank holidays skipped), then 3 months, then 6 months', () => {
    // Looked after on Thursday 17 December 2026: Christmas, Boxing Day (Monday 28th) and New Year's Day are skipped.
    assert.deepEqual(nextReview('2026-12-17', []), { timescale: 'firstCareReview', label: 'First review', due: '2027-01-19' });
    assert.equal(nextReview('2026-12-17', ['2027-01-14']).due, '2027-04-14');
    assert.equal(nextReview('2026-12-17', ['2027-04-10', '2027-01-14']).due, '2027-10-10');
  });

  it('visits: within a week of each placement, then 6-weekly; 3-monthly after a year of a long-term placement', () => {
    assert.equal(nextVisit({ placementStart: '2026-03-01', placementType: 'U6', lastVisit: null, today: '2026-03-02' }).due, '2026-03-08');
    assert.equal(nextVisit({ placementStart: '2026-03-01', placementType: 'U6', lastVisit: '2026-02-20', today: '2026-03-02' }).due, '2026-03-08', 'a visit before the move does not count');
    assert.equal(nextVisit({ placementStart: '2026-03-01', placementType: 'U6', lastVisit: '2026-03-05', today: '2026-03-06' }).due, '2026-04-16');
    assert.equal(nextVisit({ placementStart: '2024-03-01', placementType: 'U4', lastVisit: '2026-03-05', today: '2026-03-06' }).due, '2026-06-05');
  });

  it('health and education: initial health assessment, reviews by age, dental, immunisations, SDQ 4-16, PEP', () => {
    const due = (dateOfBirth: string, checks: Parameters<typeof checksDue>[0]['checks']) =>
      Object.fromEntries(checksDue({ periodStart: '2026-01-05', dateOfBirth, checks, today: '2026-03-01' }).map((c) => [c.kind, c.due]));
    const baby = due('2025-06-01', []);
    assert.deepEqual(Object.keys(baby).sort(), ['dental', 'immunisations', 'initial_health']);
    assert.equal(baby.initial_health, '2026-02-02');
    assert.equal(due('2025-06-01', [{ kind: 'initial_health', doneOn: '2026-01-20' }]).review_health, '2026-07-20', 'under 5: 6 months');
    const older = due('2016-06-01', [{ kind: 'initial_health', doneOn: '2026-01-20' }, { kind: 'pep', doneOn: '2026-01-12' }, { kind: 'dental', doneOn: '2025-11-01' }]);
    assert.equal(older.review_health, '2027-01-20', '5 and over: 12 months');
    assert.equal(older.pep, '2026-05-12', 'a term after the last PEP');
    assert.equal(older.dental, '2026-11-01');
    assert.equal(older.sdq, '2027-01-05');
    assert.equal(due('2016-06-01', []).pep, '2026-01-19', 'first PEP within 10 working days');
    assert.equal(due('2008-06-01', []).sdq, undefined, 'no SDQ at 17');
  });
});
