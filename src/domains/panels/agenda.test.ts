import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageChange, defaultNextReview, orderAgenda, progression, weeksToDeliveryText } from './agenda.ts';

const item = (referralId: string, itemType: 'new' | 'review', referredOn: string, reviewDue: string | null, edd: string | null = null) => ({
  id: `item-${referralId}`, referralId, itemType, referredOn, reviewDue, expectedDateOfDelivery: edd,
});

describe('agenda order and distance travelled', () => {
  it('takes new referrals first (oldest first), then reviews by the date they fell due', () => {
    const ordered = orderAgenda('masg', [item('r1', 'review', '2026-01-01', '2026-11-20'), item('r2', 'new', '2026-11-10', null), item('r3', 'review', '2026-02-01', '2026-11-01'), item('r4', 'new', '2026-11-02', null)]);
    assert.deepEqual(ordered.map((i) => i.referralId), ['r4', 'r2', 'r3', 'r1']);
  });

  it('the Unborn Baby Panel takes the earliest expected delivery first, new or review', () => {
    const ordered = orderAgenda('unborn_baby', [item('r1', 'new', '2026-11-01', null, '2027-03-01'), item('r2', 'review', '2026-09-01', '2026-11-20', '2027-01-10'), item('r3', 'new', '2026-11-02', null, null)]);
    assert.deepEqual(ordered.map((i) => i.referralId), ['r2', 'r1', 'r3']);
  });

  it('defaults the next review to the next meeting planned, or one cycle on', () => {
    assert.equal(defaultNextReview('2026-11-23', 14, '2026-12-01'), '2026-12-01');
    assert.equal(defaultNextReview('2026-11-23', 14, null), '2026-12-07');
  });

  it('counts whole weeks to the expected date of delivery', () => {
    assert.equal(weeksToDeliveryText('2027-01-04', '2026-11-23'), '6 weeks to go');
    assert.equal(weeksToDeliveryText('2026-11-30', '2026-11-23'), '1 week to go');
    assert.equal(weeksToDeliveryText('2026-11-25', '2026-11-23'), 'Due this week');
    assert.equal(weeksToDeliveryText('2026-11-09', '2026-11-23'), 'Due date passed 2 weeks ago');
  });

  it('shows each score’s change and the average change from entry to latest', () => {
    const p = progression([{ meetingDate: '2026-10-01', score: 3 }, { meetingDate: '2026-10-15', score: 5 }, { meetingDate: '2026-10-29', score: 4 }]);
    assert.deepEqual(p.steps.map((s) => s.change), [null, 2, -1]);
    assert.equal(p.change, 1);
    assert.equal(progression([{ meetingDate: '2026-10-01', score: 3 }]).change, null);
    const avg = averageChange(new Map([['a', [{ meetingDate: 'x', score: 2 }, { meetingDate: 'y', score: 6 }]], ['b', [{ meetingDate: 'x', score: 5 }, { meetingDate: 'y', score: 6 }]], ['c', [{ meetingDate: 'x', score: 9 }]]]));
    assert.deepEqual(avg, { average: 2.5, children: 2 });
  });
});
