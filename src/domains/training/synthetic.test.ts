import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { COURSE_COUNT, SESSION_COUNT, synthesise } from './synthetic.ts';

describe('training synthesise', () => {
  it('writes one year’s programme once, whatever the number of children, with places given in order and nothing after the end', () => {
    const { ctx, rows } = collectingContext('2026-03-31', 7);
    for (let i = 0; i < 5; i++) synthesise(emptyJourney(), ctx);
    assert.equal(rows.training_courses!.length, COURSE_COUNT);
    const sessions = rows.training_sessions!;
    assert.equal(sessions.length, SESSION_COUNT);
    assert.ok(sessions.every((s) => String(s.held_on) >= '2025-04-01' && String(s.held_on) <= '2026-03-31'), 'the last complete financial year');
    assert.equal(new Set(sessions.map((s) => s.course_id)).size, COURSE_COUNT, 'every course runs at least once');
    const bookings = rows.training_bookings!;
    const pairs = new Set(bookings.map((b) => `${b.session_id}|${b.user_id}`));
    assert.equal(pairs.size, bookings.length, 'one booking a person a session');
    for (const s of sessions) {
      const mine = bookings.filter((b) => b.session_id === s.id);
      assert.ok(mine.filter((b) => b.status === 'booked').length <= Number(s.places), 'never more booked than places');
      if (mine.some((b) => b.status === 'waiting')) assert.equal(mine.filter((b) => b.status === 'booked').length, Number(s.places), 'a waiting list only when full');
      if (s.cancelled_on) assert.ok(mine.every((b) => b.attendance === null));
    }
    assert.ok(bookings.every((b) => (b.attendance === null || b.status === 'booked') && (b.status === 'cancelled') === (b.cancelled_at !== null)));
    assert.ok(bookings.every((b) => b.promoted_at === null || b.status === 'booked'), 'only those holding a place were promoted');
    for (const s of sessions) {
      const mine = bookings.filter((b) => b.session_id === s.id);
      const beyondPlaces = Math.max(0, mine.length - Number(s.places));
      const givenUp = mine.filter((b) => b.status === 'cancelled').length;
      assert.equal(mine.filter((b) => b.promoted_at).length, Math.min(givenUp, beyondPlaces), 'each place given up went to someone waiting, if anyone was');
    }
    const attendedIds = new Set(bookings.filter((b) => b.attendance === 'attended').map((b) => b.id));
    assert.ok(rows.training_evaluations!.every((e) => attendedIds.has(e.booking_id)), 'only attendees evaluate');
    assert.ok(rows.training_impact_returns!.every((i) => attendedIds.has(i.booking_id) && String(i.returned_on) <= '2026-03-31'));
    const returned = rows.training_impact_returns!.length / attendedIds.size;
    assert.ok(returned > 0.1 && returned < 0.4, `about a third return the follow-up: ${returned}`);
  });
});
