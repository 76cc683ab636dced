import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueMoment } from '../../platform/calendar/timescales.ts';
import { parseTimeOfDay, ukMoment, ukWallClock } from '../../platform/calendar/uk-time.ts';
import { StateError } from '../../platform/http/errors.ts';
import { MISSING_MACHINE, stateOf } from './machine.ts';
import { durationText, incidentFigures, missingPattern, momentStatus } from './patterns.ts';

const blank = { returned_at: null, interview_offered_at: null, interview_accepted: null, interview_completed_at: null };
const at = (iso: string) => new Date(iso);

describe('missing episode state machine', () => {
  it('goes missing → returned → offered → accepted → completed, or offered → declined', () => {
    const path = [['missing', 'returned'], ['returned', 'offered'], ['offered', 'accepted'], ['accepted', 'completed'], ['offered', 'declined']] as const;
    for (const [from, to] of path) assert.doesNotThrow(() => MISSING_MACHINE.assert(from, to), `${from} → ${to}`);
  });

  it('refuses illegal steps with a clear 409', () => {
    const illegal = [['missing', 'offered'], ['missing', 'completed'], ['returned', 'completed'], ['returned', 'returned'], ['offered', 'completed'], ['declined', 'completed'], ['completed', 'offered'], ['declined', 'accepted']] as const;
    for (const [from, to] of illegal) {
      assert.throws(() => MISSING_MACHINE.assert(from, to), (e: unknown) => e instanceof StateError && e.statusCode === 409 && /cannot be/.test(e.message), `${from} → ${to}`);
    }
    assert.throws(() => MISSING_MACHINE.assert('declined', 'completed'), /Nothing can follow this/);
  });

  it('reads the state from the moments recorded', () => {
    assert.equal(stateOf(blank), 'missing');
    const returned = { ...blank, returned_at: at('2026-10-25T00:30:00Z') };
    assert.equal(stateOf(returned), 'returned');
    assert.equal(stateOf({ ...returned, interview_offered_at: at('2026-10-25T10:00:00Z') }), 'offered');
    assert.equal(stateOf({ ...returned, interview_offered_at: at('2026-10-25T10:00:00Z'), interview_accepted: false }), 'declined');
    assert.equal(stateOf({ ...returned, interview_offered_at: at('2026-10-25T10:00:00Z'), interview_accepted: true }), 'accepted');
    assert.equal(stateOf({ ...returned, interview_offered_at: at('2026-10-25T10:00:00Z'), interview_accepted: true, interview_completed_at: at('2026-10-26T10:00:00Z') }), 'completed');
  });
});

describe('the 72-hour return home interview clock in UK time', () => {
  it('counts 72 elapsed hours across the October clock change: back at 01:30 on 25 October 2026, due 00:30 on 28 October', () => {
    const back = ukMoment('2026-10-25', '01:30')!;
    assert.equal(back.toISOString(), '2026-10-25T00:30:00.000Z', 'the first (BST) 01:30 of the night the clocks go back');
    const due = dueMoment('returnInterview', back);
    assert.equal(due.getTime() - back.getTime(), 72 * 3_600_000);
    assert.deepEqual(ukWallClock(due), { date: '2026-10-28', time: '00:30' }, 'an hour earlier on the wall clock, now GMT');
  });

  it('knows 01:30 on the morning the clocks go forward never happened', () => {
    assert.equal(ukMoment('2027-03-28', '01:30'), null);
    assert.equal(ukMoment('2027-03-28', '02:30')?.toISOString(), '2027-03-28T01:30:00.000Z');
    assert.equal(ukMoment('2027-01-10', '14:30')?.toISOString(), '2027-01-10T14:30:00.000Z');
  });

  it('reads times as people type them', () => {
    assert.deepEqual(['14:30', '9.05', '2:30pm', '0930', '12am', '24:00', '7', 'noon'].map(parseTimeOfDay), ['14:30', '09:05', '14:30', '09:30', '00:00', null, null, null]);
  });

  it('is due soon in its last 24 hours and overdue after', () => {
    const due = at('2026-10-28T00:30:00Z');
    assert.equal(momentStatus(due, at('2026-10-26T00:00:00Z')), 'on_track');
    assert.equal(momentStatus(due, at('2026-10-27T01:00:00Z')), 'due');
    assert.equal(momentStatus(due, at('2026-10-28T00:31:00Z')), 'overdue');
  });
});

describe('repeat missing patterns', () => {
  const now = at('2026-11-23T12:00:00Z');
  const ep = (start: string, hours: number | null, found: string | null = null) => ({ started_at: at(start), returned_at: hours === null ? null : new Date(at(start).getTime() + hours * 3_600_000), found_where: found });

  it('counts 12 months and 90 days, hours missing, where found, and flags 3 or more in 90 days', () => {
    const p = missingPattern([ep('2026-11-20T20:00:00Z', 10, 'Town centre'), ep('2026-10-01T20:00:00Z', 5, 'town centre '), ep('2026-09-01T20:00:00Z', 3, 'Nan’s house'), ep('2026-03-01T20:00:00Z', 2), ep('2025-06-01T20:00:00Z', 100)], now);
    assert.equal(p.last12Months, 4);
    assert.equal(p.last90Days, 3, '20 Nov, 1 Oct and 1 Sep fall in the 90 days');
    assert.equal(p.repeat, true);
    assert.equal(p.hoursMissing, 20, 'the episode more than 12 months ago is not counted');
    assert.deepEqual(p.foundWhere[0], { place: 'Town centre', times: 2 });
  });

  it('counts an open episode to now, and two in 90 days is not a repeat', () => {
    const p = missingPattern([ep('2026-11-23T06:00:00Z', null), ep('2026-10-23T06:00:00Z', 1)], now);
    assert.equal(p.hoursMissing, 7);
    assert.equal(p.repeat, false);
    assert.equal(durationText(at('2026-11-20T06:00:00Z'), now), '3 days 6 hours');
    assert.equal(durationText(at('2026-11-23T11:20:00Z'), now), '40 minutes');
  });

  it('tabulates incidents against individuals, as the partnership’s annual report does', () => {
    const f = incidentFigures([{ person_id: 'a', in_care: true }, { person_id: 'a', in_care: true }, { person_id: 'b', in_care: false }, ...Array.from({ length: 5 }, () => ({ person_id: 'c', in_care: false }))]);
    assert.deepEqual(f.all, { incidents: 8, individuals: 3 });
    assert.deepEqual(f.inCare, { incidents: 2, individuals: 1 });
    assert.deepEqual(f.repeatBands.map((b) => b.individuals), [1, 1, 0, 0, 1]);
  });
});
