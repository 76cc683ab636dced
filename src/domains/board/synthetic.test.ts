import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { attendanceByAgency } from './figures.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-01-31';

describe('board synthesise', () => {
  it('writes the board once per year whichever children reach it, nothing after the end, a mid-year joiner counted only after joining', () => {
    const { ctx, rows } = collectingContext(END, 3);
    const journey = emptyJourney('2015-06-01');
    journey.contacts.push({ receivedAt: new Date('2024-08-01T10:00:00Z') } as never);
    synthesise(journey, ctx);
    synthesise(emptyJourney('2016-01-01'), ctx);
    const meetings = rows.board_meetings! as { id: string; held_on: string; kind: 'board' | 'development_day' }[];
    assert.ok(meetings.every((m) => m.held_on <= END));
    assert.equal(new Set(meetings.map((m) => m.held_on)).size, meetings.length, 'each year written once');
    assert.equal(meetings.filter((m) => m.held_on >= '2024-04-01' && m.held_on <= '2025-03-31' && m.kind === 'board').length, 6, 'six board meetings in a whole year');
    assert.ok(meetings.some((m) => m.held_on >= '2025-04-01'), 'the year of the end date too');
    const members = rows.board_members! as { id: string; agency_id: string; from_on: string; to_on: string | null }[];
    const joiners = members.filter((m) => m.from_on.endsWith('-10-01'));
    assert.equal(joiners.length, 2, 'one joiner a year');
    const marks = rows.board_attendance! as { meeting_id: string; member_id: string; status: 'attended' }[];
    for (const joiner of joiners) {
      const attended = marks.filter((a) => a.member_id === joiner.id).map((a) => meetings.find((m) => m.id === a.meeting_id)!.held_on);
      assert.ok(attended.length > 0 && attended.every((d) => d >= joiner.from_on), 'marked only after joining');
    }
    const figures = attendanceByAgency(members, meetings, marks);
    assert.ok(figures.every((f) => f.percent !== null && f.percent >= 0 && f.percent <= 100));
    const contributions = rows.board_contributions! as { year_start: number; agreed_pence: number; received_pence: number }[];
    assert.deepEqual([...new Set(contributions.map((c) => c.year_start))].sort(), [2024, 2025]);
    assert.ok(contributions.every((c) => Number.isInteger(c.agreed_pence) && c.received_pence <= c.agreed_pence));
    assert.ok(contributions.filter((c) => c.year_start === 2025).every((c) => c.received_pence < c.agreed_pence), 'the year not yet over is part paid');
    assert.ok((rows.board_decisions ?? []).length >= 6);
  });
});
