import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import {
  censusCategory,
  conferenceMachine,
  coreGroupMachine,
  escalations,
  missingExpectedAgencies,
  nextVisitDue,
  planDuration,
  planMachine,
  repeatPlan,
  section47Machine,
} from './model.ts';

describe('child protection state machines', () => {
  it('a section 47 enquiry is completed once, and nothing follows', () => {
    assert.equal(section47Machine.allowed('in_progress', 'completed'), true);
    assert.throws(() => section47Machine.assert('completed', 'completed'), /section 47 enquiry is completed, so it cannot be completed now\. Nothing can follow this/);
    assert.throws(() => section47Machine.assert('completed', 'in_progress'), { statusCode: 409 });
  });
  it('a conference is held once', () => {
    assert.equal(conferenceMachine.allowed('scheduled', 'held'), true);
    assert.throws(() => conferenceMachine.assert('held', 'held'), /conference is held, so it cannot be held now/);
    assert.throws(() => conferenceMachine.assert('held', 'scheduled'), { statusCode: 409 });
  });
  it('a plan ends once and never restarts; a core group is held once', () => {
    assert.equal(planMachine.allowed('active', 'ended'), true);
    assert.throws(() => planMachine.assert('ended', 'active'), /child protection plan is ended, so it cannot be active now/);
    assert.throws(() => planMachine.assert('ended', 'ended'), { statusCode: 409 });
    assert.throws(() => coreGroupMachine.assert('held', 'held'), { statusCode: 409 });
  });
});

describe('the initial conference target', () => {
  it('counts 15 working days from the strategy discussion, skipping Easter', () => {
    // Thursday 26 March 2026: Good Friday (3 April) and Easter Monday (6 April) push it from 16 to 20 April.
    assert.equal(dueDate('initialConference', '2026-03-26'), '2026-04-20');
  });
  it('skips Christmas, Boxing Day (substitute) and New Year', () => {
    assert.equal(dueDate('initialConference', '2026-12-17'), '2027-01-12');
  });
  it('is never a weekend or a bank holiday, whatever day the discussion was', () => {
    for (let d = '2026-01-01'; d < '2027-01-01'; d = addCalendarDays(d, 1)) assert.ok(isWorkingDay(dueDate('initialConference', d)), d);
  });
});

describe('categories as the CIN census records them', () => {
  it('one category is itself; several are MUL', () => {
    assert.equal(censusCategory(['NEG']), 'NEG');
    assert.equal(censusCategory(['NEG', 'NEG']), 'NEG');
    assert.equal(censusCategory(['NEG', 'EMO']), 'MUL');
    assert.throws(() => censusCategory([]));
  });
});

describe('repeat plans', () => {
  it('a first plan is no repeat', () => {
    assert.deepEqual(repeatPlan('2026-03-01', []), { previousPlans: 0, previousPlanEnd: null, repeatEver: false, repeatWithinTwoYears: false });
  });
  it('counts every earlier plan and takes the latest end', () => {
    const r = repeatPlan('2026-03-01', [
      { start_date: '2019-01-10', end_date: '2019-09-01' },
      { start_date: '2022-05-01', end_date: '2023-01-15' },
    ]);
    assert.equal(r.previousPlans, 2);
    assert.equal(r.previousPlanEnd, '2023-01-15');
    assert.equal(r.repeatEver, true);
    assert.equal(r.repeatWithinTwoYears, false);
  });
  it('is within 2 years when the last plan ended on or after the same day two years before', () => {
    assert.equal(repeatPlan('2026-03-01', [{ start_date: '2023-06-01', end_date: '2024-03-01' }]).repeatWithinTwoYears, true);
    assert.equal(repeatPlan('2026-03-01', [{ start_date: '2023-06-01', end_date: '2024-02-29' }]).repeatWithinTwoYears, false);
  });
  it('ignores a plan still open or starting later', () => {
    assert.equal(repeatPlan('2026-03-01', [{ start_date: '2026-03-01', end_date: null }]).previousPlans, 0);
  });
});

describe('escalations', () => {
  it('falls at 9 months, 12 months and 2 years, by calendar month', () => {
    const e = escalations('2025-05-31', '2026-02-27');
    assert.equal(e.headOfService, '2026-02-28');
    assert.equal(e.legalPlanning, '2026-05-31');
    assert.equal(e.twoYears, '2027-05-31');
    assert.equal(e.headOfServiceReached, false);
    assert.equal(escalations('2025-05-31', '2026-02-28').headOfServiceReached, true);
  });
  it('an ended plan is measured to its end', () => {
    const e = escalations('2024-01-10', '2026-06-01', '2024-11-01');
    assert.equal(e.headOfServiceReached, true);
    assert.equal(e.legalPlanningReached, false);
    assert.equal(e.twoYearsReached, false);
  });
});

describe('visits, durations and who is expected at a strategy discussion', () => {
  it('the visit clock runs from the last visit, or from the plan start if there is none since', () => {
    assert.equal(nextVisitDue('2026-03-02', null), dueDate('cpVisit', '2026-03-02'));
    assert.equal(nextVisitDue('2026-03-02', '2026-03-20'), dueDate('cpVisit', '2026-03-20'));
    assert.equal(nextVisitDue('2026-03-02', '2025-12-01'), dueDate('cpVisit', '2026-03-02'));
  });
  it('says how long a plan has run', () => {
    assert.equal(planDuration('2026-01-10', '2026-01-12'), '2 days');
    assert.equal(planDuration('2026-01-10', '2026-02-01'), '3 weeks');
    assert.equal(planDuration('2025-01-10', '2026-03-11'), '1 year 2 months');
  });
  it('warns when police or health did not take part', () => {
    assert.deepEqual(missingExpectedAgencies(['social_care', 'police', 'health']), []);
    assert.deepEqual(missingExpectedAgencies(['social_care']), ['police', 'health']);
  });
});
