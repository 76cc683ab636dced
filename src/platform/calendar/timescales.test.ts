import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRule, dueDate, dueMoment, TIMESCALES } from './timescales.ts';

describe('the timescales table', () => {
  it('counts working days past weekends and bank holidays', () => {
    // Referral on Friday 18 December 2026: Christmas Day (Fri), Boxing Day substitute (Mon 28) and New Year's Day
    // fall inside the 45 working days.
    assert.equal(dueDate('assessment', '2026-12-18'), '2027-02-24');
    // A strategy discussion on Thursday 24 December 2026: 15 working days skip 25 and 28 December and 1 January.
    assert.equal(dueDate('initialConference', '2026-12-24'), '2027-01-19');
    assert.equal(dueDate('firstCoreGroup', '2027-01-19'), '2027-02-02');
    assert.equal(dueDate('thresholdDecision', '2026-04-02'), '2026-04-07', 'Good Friday and Easter Monday 2026');
  });

  it('counts months to the same day, or the month’s last day', () => {
    assert.equal(dueDate('firstReviewConference', '2026-11-30'), '2027-02-28');
    assert.equal(dueDate('reviewConference', '2027-02-28'), '2027-08-28');
    assert.equal(dueDate('cpPlanLegalPlanning', '2024-02-29'), '2025-02-28');
  });

  it('counts calendar days and hours', () => {
    assert.equal(dueDate('careVisit', '2026-11-23'), '2027-01-04');
    // 72 hours are 72 hours, whatever the clocks do: a return at 01:30 on 24 October 2026 (BST) is due at 00:30
    // GMT on 27 October.
    assert.equal(dueMoment('returnInterview', new Date('2026-10-24T00:30:00Z')).toISOString(), '2026-10-27T00:30:00.000Z');
  });

  it('refuses the wrong kind of clock rather than guess', () => {
    assert.throws(() => dueDate('returnInterview', '2026-11-23'), /counted in hours/);
    assert.throws(() => dueMoment('assessment', new Date()), /counted in days/);
  });

  it('describes every rule in words', () => {
    assert.equal(describeRule(TIMESCALES.assessment.rule), '45 working days');
    assert.equal(describeRule(TIMESCALES.thresholdDecision.rule), '1 working day');
    assert.equal(describeRule(TIMESCALES.returnInterview.rule), '72 hours');
    for (const t of Object.values(TIMESCALES)) assert.match(describeRule(t.rule), /^\d+ \w+/);
  });
});
