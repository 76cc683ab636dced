import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sarClock, sarDueOn } from './sar-clock.ts';

const due = (receivedOn: string, extensionMonths = 0, pausedOn: string | null = null, resumedOn: string | null = null) =>
  sarDueOn({ receivedOn, extensionMonths, pausedOn, resumedOn });

describe('the subject access clock', () => {
  it('is one calendar month from the day received', () => {
    assert.equal(due('2026-03-04'), '2026-04-07'); // 4 April 2026 is a Saturday; 6 April is Easter Monday
    assert.equal(due('2026-06-10'), '2026-07-10');
  });

  it('ends on the last day of a month that has no corresponding day', () => {
    assert.equal(due('2024-01-31'), '2024-02-29'); // leap year
    assert.equal(due('2025-01-31'), '2025-02-28');
    assert.equal(due('2025-08-31'), '2025-09-30');
  });

  it('moves a deadline on a weekend or bank holiday to the next working day', () => {
    assert.equal(due('2026-01-31'), '2026-03-02'); // 28 February 2026 is a Saturday
    assert.equal(due('2025-11-25'), '2025-12-29'); // 25 December, Boxing Day, then the weekend
  });

  it('extends by up to two further months, counted from receipt', () => {
    assert.equal(due('2025-01-31', 1), '2025-03-31');
    assert.equal(due('2025-01-31', 2), '2025-04-30');
  });

  it('adds the days it was paused once the information arrives', () => {
    assert.equal(due('2026-06-10', 0, '2026-06-12', '2026-06-22'), '2026-07-20');
    assert.equal(due('2026-06-10', 0, '2026-06-12', null), '2026-07-10');
  });

  it('shows overdue, due or on track while running; paused while waiting; stopped once answered', () => {
    const base = { receivedOn: '2026-06-10', extensionMonths: 0, pausedOn: null, resumedOn: null, dueOn: '2026-07-10' };
    assert.deepEqual(sarClock({ ...base, status: 'in_review' }, '2026-07-11'), { state: 'running', due: '2026-07-10', status: 'overdue' });
    assert.deepEqual(sarClock({ ...base, status: 'received' }, '2026-07-09'), { state: 'running', due: '2026-07-10', status: 'due' });
    assert.deepEqual(sarClock({ ...base, status: 'received' }, '2026-06-20'), { state: 'running', due: '2026-07-10', status: 'on_track' });
    assert.deepEqual(sarClock({ ...base, status: 'received', pausedOn: '2026-06-12' }, '2026-07-20'), { state: 'paused', since: '2026-06-12' });
    assert.deepEqual(sarClock({ ...base, status: 'disclosed' }, '2026-08-01'), { state: 'stopped' });
  });
});
