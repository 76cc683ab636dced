import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { Journey, MissingSpell } from '../../synthetic/types.ts';
import { EXPLOITATION_INDICATORS } from './labels.ts';
import { stateOf } from './machine.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

function spell(over: Partial<MissingSpell> = {}): MissingSpell {
  return {
    id: 'missing-1', kind: 'missing', startedAt: at('2025-10-03T19:00:00Z'), reportedAt: at('2025-10-03T22:00:00Z'), reportedBy: 'police',
    inCare: false, risk: 'medium', returnedAt: at('2025-10-04T15:00:00Z'),
    interview: { offeredAt: at('2025-10-05T10:00:00Z'), accepted: true, completedAt: at('2025-10-06T16:00:00Z') }, screenedOn: null, ...over,
  };
}

function journey(...missing: MissingSpell[]): Journey {
  return { ...emptyJourney('2011-04-01'), missing };
}

function run(j: Journey, seed = 1, end = END) {
  const { ctx, rows } = collectingContext(end, seed);
  synthesise(j, ctx);
  return rows;
}

describe('missing synthesise', () => {
  it('writes a completed episode with its 72-hour clock, the interviewer and what the interview found', () => {
    const rows = run(journey(spell()));
    const [row] = rows.missing_episodes!;
    assert.equal(row!.id, 'missing-1');
    assert.equal(row!.reported_by_agency_id, 'agency-police');
    assert.equal(row!.created_by, 'user-police');
    assert.deepEqual(row!.interview_due_at, new Date(at('2025-10-04T15:00:00Z').getTime() + 72 * HOUR));
    assert.equal(stateOf(row as never), 'completed');
    assert.ok(['worker-assessment-1', 'worker-eh-1'].includes(row!.interview_by as string));
    assert.ok(row!.interview_findings);
    for (const code of row!.interview_indicators as string[]) assert.ok(code in EXPLOITATION_INDICATORS, code);
    assert.deepEqual(rows.chronology!.map((c) => c.entry_type), ['missing.reported', 'missing.returned', 'missing.interview_offered', 'missing.interview_accepted', 'missing.interview_completed']);
    assert.ok(rows.chronology!.every((c) => c.record_type === 'missing_episode' && c.record_id === 'missing-1'));
    assert.match(rows.chronology![0]!.summary as string, /^Reported missing since 3 October 2025 at 20:00 \(risk medium\)$/);
    assert.match(rows.chronology!.at(-1)!.summary as string, /within 72 hours of the return$/);
  });

  it('names the children in care worker for a child in care', () => {
    const rows = run(journey(spell({ inCare: true })));
    assert.equal(rows.missing_episodes![0]!.interview_by, 'worker-cic-1');
    assert.equal(rows.missing_episodes![0]!.in_care, true);
  });

  it('keeps a child still away at the end missing, with no return or interview', () => {
    const rows = run(journey(spell({ startedAt: at('2026-03-30T20:00:00Z'), reportedAt: at('2026-03-30T23:00:00Z'), returnedAt: at('2026-04-02T10:00:00Z'), interview: { offeredAt: at('2026-04-03T10:00:00Z'), accepted: true, completedAt: null } })));
    const row = rows.missing_episodes![0]!;
    assert.equal(row.returned_at, null);
    assert.equal(row.interview_due_at, null);
    assert.equal(stateOf(row as never), 'missing');
    assert.deepEqual(rows.chronology!.map((c) => c.entry_type), ['missing.reported']);
  });

  it('leaves an interview still due at the end undone, its clock running', () => {
    const rows = run(journey(spell({ startedAt: at('2026-03-29T20:00:00Z'), reportedAt: at('2026-03-29T21:00:00Z'), returnedAt: at('2026-03-30T09:00:00Z'), interview: { offeredAt: at('2026-03-31T10:00:00Z'), accepted: true, completedAt: at('2026-04-01T10:00:00Z') } })));
    const row = rows.missing_episodes![0]!;
    assert.equal(stateOf(row as never), 'accepted');
    assert.equal(row.interview_completed_at, null);
    assert.equal(row.interview_by, null);
    assert.deepEqual(row.interview_indicators, []);
    assert.ok((row.interview_due_at as Date) > new Date('2026-04-01T00:00:00Z'));
  });

  it('records a declined interview and says when the offer came after the 72 hours', () => {
    const rows = run(journey(spell({ interview: { offeredAt: at('2025-10-08T10:00:00Z'), accepted: false, completedAt: null } })));
    assert.equal(stateOf(rows.missing_episodes![0]! as never), 'declined');
    const summaries = rows.chronology!.map((c) => c.summary as string);
    assert.ok(summaries.some((s) => s.endsWith('(after the 72 hours)')));
    assert.ok(summaries.includes('Return home interview declined by the child'));
  });

  it('never leaves two episodes open at once, and writes nothing dated after the end', () => {
    const first = spell({ id: 'm1', returnedAt: null, interview: null });
    const second = spell({ id: 'm2', startedAt: at('2025-12-01T18:00:00Z'), reportedAt: at('2025-12-01T20:00:00Z'), returnedAt: null, interview: null });
    const rows = run(journey(second, first));
    assert.deepEqual(rows.missing_episodes!.map((r) => [r.id, r.returned_at === null]), [['m1', false], ['m2', true]]);
    const endAt = new Date('2026-04-01T00:00:00+01:00');
    for (const r of rows.missing_episodes!) for (const k of ['reported_at', 'returned_at', 'interview_offered_at', 'interview_completed_at']) assert.ok(!r[k] || (r[k] as Date) < endAt, k);
    for (const c of rows.chronology!) assert.ok((c.occurred_at as Date) < endAt);
    assert.equal(run(journey(spell({ startedAt: at('2026-04-02T10:00:00Z'), reportedAt: at('2026-04-02T11:00:00Z') }))).missing_episodes, undefined);
  });

  it('screens for exploitation on the day given, mostly at no or low concern, with the 3-month review', () => {
    const levels: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const rows = run(journey(spell({ risk: 'low', screenedOn: '2025-10-10' })), seed);
      const [s] = rows.exploitation_screenings!;
      assert.equal(s!.screened_on, '2025-10-10');
      assert.equal(s!.review_due, addMonths('2025-10-10', 3));
      assert.equal(s!.panel_referral_id, null);
      assert.ok((s!.indicators as string[]).includes('going_missing'));
      for (const code of s!.indicators as string[]) assert.ok(code in EXPLOITATION_INDICATORS, code);
      const entry = rows.chronology!.find((c) => c.entry_type === 'exploitation.screened')!;
      assert.equal(entry.record_id, s!.id);
      assert.match(entry.summary as string, /^Exploitation screening: sexual exploitation \w[\w ]*, criminal exploitation [\w ]+, trafficking [\w ]+\. Review due 10 January 2026\.$/);
      levels.push(...(['sexual_exploitation', 'criminal_exploitation', 'trafficking'] as const).map((k) => s![k] as string));
    }
    const quiet = levels.filter((l) => l === 'none' || l === 'low').length;
    assert.ok(quiet / levels.length > 0.85, `${quiet} of ${levels.length}`);
    assert.ok(levels.some((l) => l === 'medium' || l === 'high'));
    assert.equal(run(journey(spell({ screenedOn: '2026-04-02' }))).exploitation_screenings, undefined);
  });

  it('gives every row of a table the same columns, and the same rows from the same seed', () => {
    const j = () => journey(spell({ screenedOn: '2025-10-09' }), spell({ id: 'm2', startedAt: at('2026-01-05T17:00:00Z'), reportedAt: at('2026-01-05T18:00:00Z'), returnedAt: at('2026-01-05T23:00:00Z'), interview: null, kind: 'absent', risk: 'low' }));
    const a = run(j(), 4);
    assert.deepEqual(a, run(j(), 4));
    for (const [table, list] of Object.entries(a)) {
      const keys = Object.keys(list![0]!).sort().join();
      for (const r of list!) assert.equal(Object.keys(r).sort().join(), keys, table);
    }
  });
});
