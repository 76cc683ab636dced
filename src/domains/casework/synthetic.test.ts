import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CarePeriodSpell, CpPlanSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { addWorkingDayNumbers, fromDay, synthesise, toDay } from './synthetic.ts';

const cpPlan = (over: Partial<CpPlanSpell> = {}): CpPlanSpell => ({
  id: 'cp-1', startDate: '2023-03-01', endDate: '2024-03-04', initialCategory: 'NEG', categories: ['NEG'], previousPlans: 0, previousPlanEnd: null, endReason: 'looked_after', initialConferenceId: 'icpc-1', ...over,
});

const period = (over: Partial<CarePeriodSpell> = {}): CarePeriodSpell => ({
  id: 'period-1',
  startDate: '2024-03-04',
  endDate: null,
  categoryOfNeed: 'N1',
  uasc: false,
  episodes: [
    { id: 'care-1', startDate: '2024-03-04', endDate: '2024-05-20', reasonNewEpisode: 'S', legalStatus: 'V2', placementType: 'U6', placementProvider: 'PR1', reasonCeased: null, reasonPlaceChange: null },
    { id: 'care-2', startDate: '2024-05-20', endDate: '2024-09-02', reasonNewEpisode: 'L', legalStatus: 'C2', placementType: 'U6', placementProvider: 'PR1', reasonCeased: null, reasonPlaceChange: null },
    { id: 'care-3', startDate: '2024-09-02', endDate: null, reasonNewEpisode: 'P', legalStatus: 'C2', placementType: 'U4', placementProvider: 'PR1', reasonCeased: null, reasonPlaceChange: 'CARPL' },
  ],
  ...over,
});

const episode = (over: Partial<EpisodeSpell> = {}): EpisodeSpell => ({
  id: 'episode-1',
  referralDate: '2023-01-09',
  source: '6',
  contactId: null,
  reReferral: false,
  referralNfa: false,
  primaryNeed: 'N1',
  assessment: { id: 'assessment-1', startDate: '2023-01-10', dueDate: '2023-03-14', childSeenOn: '2023-01-12', submittedOn: '2023-02-20', authorisedOn: '2023-02-22', outcome: 'strategy_discussion', factors: ['16A'] },
  cinPlans: [],
  strategy: { id: 'strategy-1', heldOn: '2023-02-23', decision: 'section_47' },
  section47: { id: 's47-1', strategyId: 'strategy-1', startDate: '2023-02-23', icpcTarget: '2023-03-16', completedOn: '2023-03-01', outcome: 'conference' },
  cpPlans: [cpPlan()],
  carePeriods: [period()],
  closureDate: null,
  closureReason: null,
  phases: [
    { team: 'assessment', start: '2023-01-09', end: '2023-03-01' },
    { team: 'child_protection', start: '2023-03-01', end: '2024-03-04' },
    { team: 'children_in_care', start: '2024-03-04', end: null },
  ],
  ...over,
});

function run(journey: Partial<Journey>, end = '2025-12-31', seed = 1) {
  const { ctx, rows } = collectingContext(end, seed);
  synthesise({ ...emptyJourney('2014-02-10'), ...journey }, ctx);
  return rows;
}

const visitsOf = (rows: ReturnType<typeof run>, purpose: string) => (rows.visits ?? []).filter((v) => v.purpose === purpose).map((v) => v as { visit_date: string; visited_by: string; child_seen: boolean; seen_alone: boolean });

describe('casework synthesise', () => {
  it('counts days and working days as the platform does', () => {
    for (let day = toDay('2010-01-01'); day <= toDay('2035-12-31'); day += 1) assert.equal(fromDay(day), new Date(day * 86_400_000).toISOString().slice(0, 10));
    for (let date = '2019-12-01'; date < '2021-02-01'; date = addCalendarDays(date, 3)) {
      for (const n of [1, 10, 20]) assert.equal(fromDay(addWorkingDayNumbers(toDay(date), n)), addWorkingDays(date, n), `${date} + ${n}`);
    }
  });

  it('allocates phase by phase: first contact, then transfers, the last left open while its phase is', () => {
    const rows = run({ episodes: [episode()] });
    const allocations = rows.case_allocations!;
    assert.deepEqual(
      allocations.map((a) => [a.worker_id, a.team_id, a.start_date, a.end_date, a.reason]),
      [
        ['worker-assessment-1', 'team-assessment', '2023-01-09', '2023-03-01', 'FCONTA'],
        ['worker-cp-1', 'team-cp', '2023-03-01', '2024-03-04', 'TSPROC'],
        ['worker-cic-1', 'team-cic', '2024-03-04', null, 'TSPROC'],
      ],
    );
    const chronology = rows.chronology!.filter((c) => String(c.entry_type).startsWith('case.'));
    assert.deepEqual(chronology.map((c) => c.entry_type), ['case.allocated', 'case.allocated', 'case.allocated']);
    assert.ok(chronology.every((c) => c.record_type === 'person' && c.record_id === 'child-1'));
  });

  it('ends the allocation when the episode closes, in the closing service’s words, and opens another for the next', () => {
    const first = episode({ cpPlans: [], carePeriods: [], strategy: null, section47: null, referralNfa: true, assessment: null, closureDate: '2023-01-10', closureReason: 'RC7', phases: [{ team: 'assessment', start: '2023-01-09', end: '2023-01-10' }] });
    const second = episode({ id: 'episode-2', referralDate: '2023-06-01', cpPlans: [], carePeriods: [], strategy: null, section47: null, phases: [{ team: 'assessment', start: '2023-06-01', end: null }] });
    const rows = run({ episodes: [second, first] });
    assert.deepEqual(rows.case_allocations!.map((a) => [a.start_date, a.end_date, a.reason]), [['2023-01-09', '2023-01-10', 'FCONTA'], ['2023-06-01', null, 'FCONTA']]);
    const ended = rows.chronology!.find((c) => c.entry_type === 'case.unallocated')!;
    assert.equal(ended.summary, 'Case no longer allocated: the referral needed no further action');
    assert.equal(rows.case_allocations!.filter((a) => a.end_date === null).length, 1);
  });

  it('never holds the child twice at once, even when the journey’s episodes overlap', () => {
    const open = episode({ id: 'episode-2', referralDate: '2023-01-04', cpPlans: [], carePeriods: [], strategy: null, section47: null, phases: [{ team: 'assessment', start: '2023-01-04', end: '2023-10-16' }, { team: 'children_in_care', start: '2023-10-16', end: null }] });
    const closed = episode({ referralDate: '2023-06-07', cpPlans: [], carePeriods: [], strategy: null, section47: null, closureDate: '2024-10-29', closureReason: 'RC7', phases: [{ team: 'assessment', start: '2023-06-07', end: '2023-09-15' }, { team: 'child_protection', start: '2023-09-15', end: '2024-10-29' }] });
    const allocations = run({ episodes: [closed, open] }).case_allocations!;
    for (let i = 1; i < allocations.length; i += 1) assert.ok(allocations[i - 1]!.end_date !== null && (allocations[i - 1]!.end_date as string) <= (allocations[i]!.start_date as string));
    assert.ok(allocations.every((a) => a.end_date === null || (a.end_date as string) >= (a.start_date as string)));
  });

  it('visits on each clock, by whoever holds the case, mostly on time and never after the span or the end', () => {
    const end = '2025-12-31';
    const rows = run({ episodes: [episode()] }, end);
    const cp = visitsOf(rows, 'child_protection');
    assert.ok(cp.length > 20);
    let last = '2023-03-01';
    let late = 0;
    for (const v of cp) {
      assert.ok(v.visit_date > last && v.visit_date <= '2024-03-04');
      assert.equal(v.visited_by, 'worker-cp-1');
      if (v.visit_date > addWorkingDays(last, 10)) late += 1;
      last = v.visit_date;
    }
    assert.ok(late / cp.length < 0.35, `${late} of ${cp.length} late`);

    const care = visitsOf(rows, 'looked_after');
    assert.ok(care.every((v) => v.visit_date > '2024-03-04' && v.visit_date <= end && v.visited_by === 'worker-cic-1'));
    // A visit within two weeks of each new placement (the legal status change on 20 May is not one).
    for (const start of ['2024-03-04', '2024-09-02']) assert.ok(care.some((v) => v.visit_date > start && v.visit_date <= addCalendarDays(start, 14)), start);
    // The long-term placement is visited about 3-monthly after its first year.
    const lastYear = care.filter((v) => v.visit_date > '2025-09-02');
    assert.ok(lastYear.length >= 1 && lastYear.length <= 3, `${lastYear.length} visits after the first year`);

    const assessment = visitsOf(rows, 'assessment');
    assert.deepEqual(assessment.map((v) => [v.visit_date, v.child_seen]), [['2023-01-12', true]]);
    const seen = rows.visits!.filter((v) => v.child_seen).length / rows.visits!.length;
    assert.ok(seen > 0.8, `seen ${seen}`);
    assert.ok(rows.visits!.some((v) => v.seen_alone) && rows.visits!.some((v) => v.child_seen && !v.seen_alone));
    assert.equal(rows.chronology!.filter((c) => c.entry_type === 'visit.recorded').length, rows.visits!.length);
    assert.ok(rows.chronology!.every((c) => (c.occurred_at as Date).toISOString().slice(0, 10) <= end));
  });

  it('visits a child in need every 20 working days while the plan runs, and stops at the end of the data', () => {
    const end = '2023-12-15';
    const rows = run({ episodes: [episode({ cpPlans: [], carePeriods: [], strategy: null, section47: null, cinPlans: [{ id: 'plan-1', startDate: '2023-02-22', endDate: null, endReason: null }], phases: [{ team: 'assessment', start: '2023-01-09', end: null }] })] }, end);
    const cin = visitsOf(rows, 'child_in_need');
    assert.ok(cin.length >= 10 && cin.length <= 20, `${cin.length} visits`);
    assert.ok(cin.at(-1)!.visit_date <= end && cin.at(-1)!.visit_date > addCalendarDays(end, -60));
    assert.deepEqual(visitsOf(rows, 'child_protection'), []);
  });

  it('a care leaver’s adviser visits once they have left care, until the record closes', () => {
    const leftCare = episode({ carePeriods: [period({ endDate: '2024-02-09', episodes: [{ ...period().episodes[0]!, endDate: '2024-02-09' }] })], cpPlans: [], strategy: null, section47: null, closureDate: '2024-02-09', closureReason: 'RC7', phases: [{ team: 'children_in_care', start: '2023-01-09', end: '2024-02-09' }] });
    const rows = run({ episodes: [leftCare], careLeaver: { id: 'leaver-1', eligibility: 'former_relevant', openedOn: '2024-02-09', closedOn: '2025-06-30', closedReason: 'no_longer_needs' } });
    const visits = visitsOf(rows, 'care_leaver');
    assert.ok(visits.length >= 6);
    assert.ok(visits.every((v) => v.visit_date > '2024-02-09' && v.visit_date <= '2025-06-30' && v.visited_by === 'worker-leaving-1'));
    assert.ok(!rows.case_allocations!.some((a) => a.worker_id === 'worker-leaving-1'), 'the adviser is on the care leaver record, not allocated again');
  });

  it('gives every row of a table the same keys, and the same rows for the same seed', () => {
    const journey = { episodes: [episode()], careLeaver: null };
    const a = run(journey, '2025-12-31', 5);
    const b = run(journey, '2025-12-31', 5);
    assert.deepEqual(a, b);
    for (const table of Object.values(a)) assert.equal(new Set(table.map((r) => Object.keys(r).sort().join())).size, 1);
  });
});
