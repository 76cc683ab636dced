import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext } from '../../synthetic/context.test-support.ts';
import { countRatings, movement, RATING_ORDER, shares, summarise } from './arithmetic.ts';
import { returnClock } from './clocks.ts';
import { synthesiseRounds } from './synthetic.ts';

const total = (s: Record<string, number>) => Math.round(RATING_ORDER.reduce((n, r) => n + s[r]!, 0) * 100) / 100;

describe('Section 11 arithmetic', () => {
  it('counts a standard with no rating as not answered, and gives shares that add up to exactly 100', () => {
    const counts = countRatings([{ rating: 'met' }, { rating: null }, { rating: 'unanswered' }, { rating: 'partly_met' }, { rating: 'not_met' }, { rating: 'met' }]);
    assert.deepEqual(counts, { met: 2, partly_met: 1, not_met: 1, unanswered: 2 });
    const s = shares(counts);
    assert.deepEqual(s, { met: 33.33, partly_met: 16.67, not_met: 16.67, unanswered: 33.33 });
    assert.equal(total(s), 100);
    for (let n = 1; n <= 60; n++) {
      const c = { met: n, partly_met: (n * 7) % 11, not_met: n % 3, unanswered: (n * 5) % 7 };
      assert.equal(total(shares(c)), 100, `counts ${JSON.stringify(c)}`);
    }
    assert.deepEqual(shares({ met: 0, partly_met: 0, not_met: 0, unanswered: 0 }), { met: 0, partly_met: 0, not_met: 0, unanswered: 0 });
  });

  it('reproduces seed 001’s figures from counts of that shape (12 returns, 500 indicators)', () => {
    assert.deepEqual(shares({ met: 413, partly_met: 74, not_met: 6, unanswered: 7 }), { met: 82.6, partly_met: 14.8, not_met: 1.2, unanswered: 1.4 });
  });

  it('summarises by standard and by agency', () => {
    const s = summarise([
      { agencyId: 'a', roundStandardId: 's1', rating: 'met' },
      { agencyId: 'a', roundStandardId: 's2', rating: 'not_met' },
      { agencyId: 'b', roundStandardId: 's1', rating: 'partly_met' },
      { agencyId: 'b', roundStandardId: 's2', rating: null },
    ]);
    assert.equal(s.total, 4);
    assert.deepEqual(s.shares, { met: 25, partly_met: 25, not_met: 25, unanswered: 25 });
    assert.deepEqual(s.byStandard.get('s1')!.counts, { met: 1, partly_met: 1, not_met: 0, unanswered: 0 });
    assert.deepEqual(s.byAgency.get('b')!.shares, { met: 0, partly_met: 50, not_met: 0, unanswered: 50 });
  });

  it('compares a rating with the previous round’s: improved, same, worse, or no earlier rating', () => {
    assert.equal(movement('met', 'partly_met'), 'improved');
    assert.equal(movement('partly_met', 'not_met'), 'improved');
    assert.equal(movement('not_met', 'unanswered'), 'improved');
    assert.equal(movement('met', 'met'), 'same');
    assert.equal(movement(null, 'unanswered'), 'same');
    assert.equal(movement('partly_met', 'met'), 'worse');
    assert.equal(movement(null, 'not_met'), 'worse', 'leaving a standard unanswered is not an improvement');
    assert.equal(movement('met', undefined), 'new');
  });

  it('shows a return as due two weeks before its deadline and overdue after it, and not at all once submitted or closed', () => {
    const r = { status: 'draft', due_on: '2026-07-19', opens_on: '2026-05-19', closed_on: null };
    assert.equal(returnClock(r, '2026-06-01'), 'on_track');
    assert.equal(returnClock(r, '2026-07-06'), 'due');
    assert.equal(returnClock(r, '2026-07-20'), 'overdue');
    assert.equal(returnClock({ ...r, status: 'submitted' }, '2026-07-20'), null);
    assert.equal(returnClock({ ...r, closed_on: '2026-12-01' }, '2026-07-20'), null);
    assert.equal(returnClock(r, '2026-05-01'), null, 'not open yet');
  });
});

describe('Section 11 synthesise', () => {
  it('makes a round every two years, nothing after the end, every agency asked each standard, submitted returns with a submitter', () => {
    const { ctx, rows } = collectingContext('2026-06-30', 3);
    synthesiseRounds(ctx);
    const rounds = rows.section11_rounds!;
    assert.deepEqual(rounds.map((r) => r.opens_on), ['2022-05-19', '2024-05-19', '2026-05-19']);
    assert.deepEqual(rounds.map((r) => Boolean(r.closed_on)), [true, true, false], 'only the round still running at the end is open');
    assert.ok(rounds.every((r) => String(r.opens_on) <= '2026-06-30'));
    assert.equal(rows.section11_round_standards!.length, 27);
    assert.equal(rows.section11_returns!.length, 24);
    for (const r of rows.section11_returns!) {
      assert.equal(r.status === 'submitted', Boolean(r.submitted_at));
      if (r.submitted_at) assert.ok((r.submitted_at as Date).toISOString().slice(0, 10) <= '2026-06-30');
    }
    const open = rows.section11_returns!.filter((r) => r.round_id === rounds[2]!.id);
    assert.ok(open.some((r) => r.status !== 'submitted'), 'before the deadline some agencies are still working on their return');
    const ratings = rows.section11_ratings!;
    const counts = countRatings(ratings as { rating: 'met' }[]);
    assert.ok(counts.met > counts.partly_met && counts.partly_met > counts.not_met, JSON.stringify(counts));
    for (const r of ratings) if (r.rating === 'partly_met' || r.rating === 'not_met') assert.ok(r.action && r.action_due_on);
  });
});
