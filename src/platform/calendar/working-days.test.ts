import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockStatus, daysOverdue } from './clocks.ts';
import { addCalendarDays, addMonths, addWorkingDays, bankHoliday, isWorkingDay, ukDate, workingDaysBefore, workingDaysBetween } from './working-days.ts';

describe('working days in England', () => {
  it('skips the weekend: Friday + 1 working day is Monday', () => {
    assert.equal(addWorkingDays('2026-11-20', 1), '2026-11-23');
    assert.equal(addWorkingDays('2026-11-23', 1), '2026-11-24');
    assert.equal(addWorkingDays('2026-11-23', 0), '2026-11-23');
  });

  it('starting on a weekend, the first working day after it is day 1', () => {
    assert.equal(addWorkingDays('2026-11-21', 1), '2026-11-23');
    assert.equal(addWorkingDays('2026-11-22', 1), '2026-11-23');
  });

  it('skips Christmas with its substitute days (Christmas 2026 is a Friday; Boxing Day moves to Monday 28th)', () => {
    assert.equal(bankHoliday('2026-12-28'), 'Boxing Day (substitute day)');
    assert.equal(addWorkingDays('2026-12-24', 1), '2026-12-29');
    // Christmas 2027 falls on a Saturday: both days move to Monday 27th and Tuesday 28th.
    assert.ok(!isWorkingDay('2027-12-27') && !isWorkingDay('2027-12-28'));
    assert.equal(addWorkingDays('2027-12-24', 1), '2027-12-29');
  });

  it('skips Easter: Thursday before Good Friday + 1 working day is the Tuesday after Easter Monday', () => {
    assert.equal(bankHoliday('2026-04-03'), 'Good Friday');
    assert.equal(bankHoliday('2026-04-06'), 'Easter Monday');
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07');
    assert.equal(bankHoliday('2035-03-23'), 'Good Friday');
  });

  it('knows the one-off days: the 2022 state funeral, the 2023 coronation, VE day moved in 2020', () => {
    assert.ok(!isWorkingDay('2022-09-19'));
    assert.ok(!isWorkingDay('2023-05-08'));
    assert.ok(!isWorkingDay('2020-05-08'));
    assert.ok(isWorkingDay('2020-05-04'), 'the early May holiday moved to the 8th, so the 4th was a working day');
  });

  it('counts 45 working days for an assessment across Christmas and New Year', () => {
    // 20 working days left in December (25th and 28th are holidays), none on 1 January, 25 more to Friday 5 February.
    assert.equal(addWorkingDays('2026-12-01', 45), '2027-02-05');
    assert.equal(workingDaysBetween('2026-12-01', '2027-02-05'), 45);
  });

  it('counts working days between two dates, negative when the second is earlier', () => {
    assert.equal(workingDaysBetween('2026-11-20', '2026-11-23'), 1);
    assert.equal(workingDaysBetween('2026-11-23', '2026-11-20'), -1);
    assert.equal(workingDaysBetween('2026-11-23', '2026-11-23'), 0);
  });

  it('goes back working days over a weekend and Christmas', () => {
    assert.equal(workingDaysBefore('2026-11-23', 1), '2026-11-20');
    assert.equal(workingDaysBefore('2026-12-29', 2), '2026-12-23', 'the 25th and the 28th are bank holidays');
    assert.equal(workingDaysBefore('2026-11-23', 0), '2026-11-23');
  });

  it('refuses dates outside the years it knows, rather than guessing', () => {
    assert.throws(() => addWorkingDays('2036-01-02', 1), /2010 to 2035/);
    assert.throws(() => isWorkingDay('2009-12-31'), /2010 to 2035/);
    assert.throws(() => addWorkingDays('23/11/2026', 1), /Not a calendar date/);
  });

  it('adds months, falling back to the month’s last day', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
  });

  it('takes the UK calendar day of a moment, in summer time too', () => {
    assert.equal(ukDate(new Date('2026-07-01T23:30:00Z')), '2026-07-02');
    assert.equal(ukDate(new Date('2026-12-01T23:30:00Z')), '2026-12-01');
  });
});

describe('clock status', () => {
  it('is overdue after the due day, due on it and the working day before, on track otherwise', () => {
    assert.equal(clockStatus('2026-11-23', '2026-11-24'), 'overdue');
    assert.equal(clockStatus('2026-11-23', '2026-11-23'), 'due');
    assert.equal(clockStatus('2026-11-23', '2026-11-20'), 'due', 'Friday before a Monday deadline is one working day out');
    assert.equal(clockStatus('2026-11-25', '2026-11-20'), 'on_track');
    assert.equal(daysOverdue('2026-11-20', '2026-11-23'), 3);
    assert.equal(daysOverdue('2026-11-23', '2026-11-20'), 0);
  });

  it('counts across bank holidays and the clock change, and reads clocks years away without walking to them', () => {
    // Christmas Eve 2027 is a Friday; the 27th and 28th are substitute bank holidays, so the 29th is one working day on.
    assert.equal(clockStatus('2027-12-29', '2027-12-24'), 'due');
    assert.equal(clockStatus('2027-12-30', '2027-12-24'), 'on_track');
    assert.equal(daysOverdue('2026-03-28', '2026-03-30'), 2, 'the clocks going forward do not shorten a day');
    assert.equal(daysOverdue('2025-12-31', '2027-01-01'), 366);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) clockStatus('2035-12-31', '2026-01-05');
    assert.ok(performance.now() - started < 500, 'ten thousand clocks due in 2035 are read in well under a second');
  });
});
