import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactClock, pathwayPlanClock } from './clocks.ts';
import { accomCode, ageOn, birthdayWindows, contactProblems, nearestContact } from './oc3.ts';

const c = (contact_date: string) => ({ contact_date });

describe('OC3 birthday windows', () => {
  const record = { dateOfBirth: '2007-06-15', eligibility: 'former_relevant' as const, openedOn: '2023-06-01', closedOn: null };

  it('uses the contact nearest the birthday within 3 months either side (a tie goes to the earlier)', () => {
    assert.equal(nearestContact([c('2025-04-01'), c('2025-06-01'), c('2025-07-20')], '2025-06-15', '2025-03-15', '2025-09-15')?.contact_date, '2025-06-01');
    assert.equal(nearestContact([c('2025-06-10'), c('2025-06-20')], '2025-06-15', '2025-03-15', '2025-09-15')?.contact_date, '2025-06-10', 'five days either side: the earlier');
    assert.equal(nearestContact([c('2025-03-14'), c('2025-09-16')], '2025-06-15', '2025-03-15', '2025-09-15'), null, 'outside the window does not count');
  });

  it('shows each birthday 17–21 as recorded, due (with the window’s last day), missed or not yet', () => {
    const w = birthdayWindows(record, [c('2024-06-20'), c('2025-02-01')], '2026-07-01');
    assert.deepEqual(w.map((x) => [x.age, x.birthday, x.status]), [
      [17, '2024-06-15', 'recorded'],
      [18, '2025-06-15', 'missed'],
      [19, '2026-06-15', 'due'],
      [20, '2027-06-15', 'upcoming'],
      [21, '2028-06-15', 'upcoming'],
    ]);
    assert.deepEqual(w[2]!.clock, { due: '2026-09-15', status: 'on_track' });
    assert.equal(w[1]!.clock?.status, 'overdue');
  });

  it('asks only about relevant and former relevant care leavers, and only while the record is open', () => {
    assert.deepEqual(birthdayWindows({ ...record, eligibility: 'qualifying' }, [], '2026-07-01'), []);
    assert.deepEqual(birthdayWindows({ ...record, eligibility: 'eligible' }, [], '2026-07-01'), []);
    assert.deepEqual(birthdayWindows({ ...record, openedOn: '2025-10-01' }, [], '2026-07-01').map((x) => x.age), [19, 20, 21]);
    assert.deepEqual(birthdayWindows({ ...record, closedOn: '2026-01-01' }, [], '2026-07-01').map((x) => x.age), [17, 18]);
  });

  it('counts ages and leap-day birthdays', () => {
    assert.equal(ageOn('2008-02-29', '2025-02-28'), 16);
    assert.equal(ageOn('2008-02-29', '2025-03-01'), 17);
    assert.equal(birthdayWindows({ ...record, dateOfBirth: '2008-02-29' }, [], '2025-01-01')[0]!.birthday, '2025-02-28');
  });
});

describe('the 903 rules for a keeping-in-touch answer', () => {
  const ok = { inTouch: 'YES', accommodation: 'D', suitable: 'yes' as const, activity: 'F2' };
  const fields = (a: Parameters<typeof contactProblems>[0], age: number | null = 19) => contactProblems(a, age).map((p) => p.field);

  it('accepts a full answer when in touch, and records ACCOM as letter and suitability', () => {
    assert.deepEqual(contactProblems(ok, 19), []);
    assert.equal(accomCode('D', 'yes'), 'D1');
    assert.equal(accomCode('W', 'no'), 'W2');
    assert.equal(accomCode('0', null), '0');
    assert.equal(accomCode(null, null), null);
  });

  it('refuses activity “not known” when in touch (345), and needs accommodation and activity', () => {
    assert.deepEqual(fields({ ...ok, activity: '0' }), ['activity']);
    assert.deepEqual(fields({ ...ok, accommodation: null, suitable: null, activity: null }), ['accommodation', 'activity']);
  });

  it('leaves accommodation and activity blank when the young person died or returned home (344)', () => {
    assert.deepEqual(fields({ inTouch: 'DIED', accommodation: null, suitable: null, activity: null }), []);
    assert.deepEqual(fields({ inTouch: 'RHOM', accommodation: 'B', suitable: 'yes', activity: 'F2' }), ['accommodation', 'activity']);
  });

  it('never calls homelessness or custody suitable; no foyer under 18 (347); no staying put at 17 (3001)', () => {
    assert.deepEqual(fields({ ...ok, accommodation: 'S' }), ['suitable']);
    assert.deepEqual(fields({ ...ok, accommodation: 'X' }), ['suitable']);
    assert.deepEqual(fields({ ...ok, accommodation: 'S', suitable: 'no' }), []);
    assert.deepEqual(fields({ ...ok, accommodation: 'T' }, 17), ['accommodation']);
    assert.deepEqual(fields({ ...ok, accommodation: 'T' }, 18), []);
    assert.deepEqual(fields({ ...ok, accommodation: 'Z' }, 17), ['accommodation']);
    assert.deepEqual(fields({ ...ok, accommodation: 'Z' }, 18), []);
    assert.deepEqual(fields({ ...ok, accommodation: 'D', suitable: null }), ['suitable']);
  });

  it('lets an answer when not in touch leave things unknown', () => {
    assert.deepEqual(fields({ inTouch: 'NO', accommodation: '0', suitable: null, activity: '0' }), []);
    assert.deepEqual(fields({ inTouch: 'REFU', accommodation: null, suitable: null, activity: null }), []);
  });
});

describe('care leaver clocks', () => {
  it('wants the first pathway plan by 16 years 3 months, or 3 months after a later start; then the date each plan set', () => {
    const r = { eligibility: 'eligible' as const, openedOn: '2026-01-10', dateOfBirth: '2010-03-01', closedOn: null };
    assert.deepEqual(pathwayPlanClock(r, null, '2026-05-30'), { due: '2026-06-01', status: 'due' });
    assert.equal(pathwayPlanClock({ ...r, openedOn: '2026-09-01' }, null, '2026-09-02')?.due, '2026-12-01');
    assert.deepEqual(pathwayPlanClock(r, { next_review_due: '2026-12-01' }, '2026-12-02'), { due: '2026-12-01', status: 'overdue' });
    assert.equal(pathwayPlanClock({ ...r, eligibility: 'qualifying' }, null, '2026-05-30'), null);
    assert.equal(pathwayPlanClock({ ...r, closedOn: '2026-05-01' }, null, '2026-05-30'), null);
  });

  it('keeps in touch every 8 weeks from the last contact or the opening', () => {
    assert.equal(contactClock({ openedOn: '2026-01-01', closedOn: null }, null, '2026-01-02')?.due, '2026-02-26');
    assert.equal(contactClock({ openedOn: '2026-01-01', closedOn: null }, { contact_date: '2026-03-01' }, '2026-03-02')?.due, '2026-04-26');
  });
});
