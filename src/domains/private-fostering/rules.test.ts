import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addCalendarDays, addMonths, addWorkingDays } from '../../platform/calendar/working-days.ts';
import { ageProblem, isDisabled, nextVisitDue, relationshipProblem, visitClock } from './rules.ts';

describe('private fostering rules', () => {
  it('is for children under 16, or under 18 when disabled', () => {
    assert.equal(ageProblem('2015-06-01', false, '2026-12-01'), null);
    assert.match(ageProblem('2010-06-01', false, '2026-12-01')!, /The child is 16: private fostering is for children under 16/);
    assert.equal(ageProblem('2010-06-01', true, '2026-12-01'), null, 'a disabled 16-year-old can be privately fostered');
    assert.equal(ageProblem('2010-12-02', false, '2026-12-01'), null, 'the day before the 16th birthday');
    assert.match(ageProblem('2010-12-01', false, '2026-12-01')!, /is 16/, 'on the 16th birthday');
    assert.match(ageProblem('2008-06-01', true, '2026-12-01')!, /disabled children under 18/);
    assert.match(ageProblem(null, false, '2026-12-01')!, /date of birth is needed/);
    assert.equal(isDisabled(['NONE']), false);
    assert.equal(isDisabled([]), false);
    assert.equal(isDisabled(['LD', 'HEAR']), true);
  });

  it('refuses close relatives with a reason and accepts others', () => {
    for (const relative of ['grandparent', 'sibling', 'aunt_uncle', 'step_parent', 'parent']) {
      assert.match(relationshipProblem(relative)!, /close relative: a child living with a close relative is not privately fostered/);
    }
    assert.equal(relationshipProblem('family_friend'), null);
    assert.equal(relationshipProblem('cousin'), null, 'a cousin is not a close relative');
    assert.match(relationshipProblem('nonsense')!, /Select how the carer is related/);
  });

  it('sets the visit clock: 7 working days, then 6 weeks in the first year, then 12 weeks', () => {
    const a = { notifiedOn: '2026-03-02', startDate: '2026-02-27' };
    // 7 working days from Monday 2 March 2026 is Wednesday 11 March.
    assert.equal(nextVisitDue(a, null), '2026-03-11');
    assert.equal(nextVisitDue(a, null), addWorkingDays(a.notifiedOn, 7));
    // Over Easter 2026 (Good Friday 3 April, Easter Monday 6 April) the 7 working days stretch.
    assert.equal(nextVisitDue({ notifiedOn: '2026-04-01', startDate: '2026-04-01' }, null), '2026-04-14');
    assert.equal(nextVisitDue(a, '2026-03-10'), addCalendarDays('2026-03-10', 42));
    const lastInYearOne = addCalendarDays(addMonths(a.notifiedOn, 12), -1);
    assert.equal(nextVisitDue(a, lastInYearOne), addCalendarDays(lastInYearOne, 42));
    const afterYearOne = addMonths(a.notifiedOn, 12);
    assert.equal(nextVisitDue(a, afterYearOne), addCalendarDays(afterYearOne, 84));
    // A planned arrangement's first year runs from its start, not the notification.
    const planned = { notifiedOn: '2026-01-05', startDate: '2026-03-01' };
    assert.equal(nextVisitDue(planned, '2027-02-15'), addCalendarDays('2027-02-15', 42));
  });

  it('shows the clock as overdue, due or on track, and none once ended', () => {
    const a = { notifiedOn: '2026-03-02', startDate: '2026-02-27', endedOn: null };
    assert.deepEqual(visitClock(a, null, '2026-03-12'), { due: '2026-03-11', status: 'overdue' });
    assert.deepEqual(visitClock(a, null, '2026-03-11'), { due: '2026-03-11', status: 'due' });
    assert.deepEqual(visitClock(a, null, '2026-03-03'), { due: '2026-03-11', status: 'on_track' });
    assert.equal(visitClock({ ...a, endedOn: '2026-04-01' }, null, '2026-05-01'), null);
  });

  it('names financial years from April', () => {
    assert.equal(financialYearStart('2026-03-31'), 2025);
    assert.equal(financialYearStart('2026-04-01'), 2026);
  });
});
