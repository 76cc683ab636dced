import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { RELATIONSHIPS } from './labels.ts';
import { nextVisitDue } from './rules.ts';
import { synthesise, synthesiseArrangement } from './synthetic.ts';

const END = '2026-03-31';

describe('private fostering synthesise', () => {
  it('writes an arrangement with its carer, visits on the statutory clock, checks and chronology, nothing after the end', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      synthesiseArrangement(emptyJourney('2014-06-01'), ctx, '2025-01-15');
      const [a] = rows.private_fostering_arrangements!;
      assert.ok(a);
      assert.equal(a.person_id, 'child-1');
      const [carer] = rows.private_fostering_carers!;
      assert.equal(RELATIONSHIPS[carer!.relationship as string]!.closeRelative, false, 'never a close relative');
      const visits = [...(rows.private_fostering_visits ?? [])].sort((x, y) => String(x.visit_date).localeCompare(String(y.visit_date)));
      let previous: string | null = null;
      for (const v of visits) {
        assert.equal(v.due_on, nextVisitDue({ notifiedOn: a.notified_on as string, startDate: a.start_date as string }, previous), 'each visit keeps the date it was due');
        assert.ok((v.visit_date as string) <= END && (!a.ended_on || (v.visit_date as string) <= (a.ended_on as string)));
        assert.ok(v.child_seen || !v.seen_alone);
        previous = v.visit_date as string;
      }
      if (visits[0]) assert.equal(visits[0].due_on, addWorkingDays('2025-01-15', 7));
      assert.equal(a.ended_on === null, a.end_reason === null);
      assert.equal(a.decision === null, a.decision_on === null);
      if (a.confirmed_by) assert.ok(a.decision, 'a manager confirms a decision');
      if (a.end_reason === 'reached_age') assert.equal(a.ended_on, '2030-06-01', 'at 16');
      const types = rows.chronology!.map((c) => c.entry_type);
      assert.equal(types[0], 'private_fostering.notified');
      assert.equal(types.filter((t) => t === 'private_fostering.visit').length, visits.length);
      assert.ok(rows.chronology!.every((c) => c.record_type === 'private_fostering' && c.record_id === a.id));
    }
  });

  it('chooses about 1 child in 4,000 a year, only children young enough and not otherwise known to social care', () => {
    const { ctx, rows } = collectingContext(END, 3);
    for (let i = 0; i < 40_000; i++) synthesise(emptyJourney('2016-02-01'), ctx);
    const made = rows.private_fostering_arrangements?.length ?? 0;
    assert.ok(made >= 12 && made <= 50, `about 30 in 3 years among 40,000 children: ${made}`);
    const older = collectingContext(END, 3);
    for (let i = 0; i < 40_000; i++) synthesise(emptyJourney('1995-02-01'), older.ctx);
    assert.equal(older.rows.private_fostering_arrangements, undefined, 'nobody over 16');
    const known = collectingContext(END, 3);
    for (let i = 0; i < 40_000; i++) synthesise({ ...emptyJourney('2016-02-01'), episodes: [{} as never] }, known.ctx);
    assert.equal(known.rows.private_fostering_arrangements, undefined, 'not a child known to social care');
    const early = collectingContext('2010-06-30', 3);
    for (let i = 0; i < 40_000; i++) synthesise(emptyJourney('2004-02-01'), early.ctx);
    assert.equal(early.rows.private_fostering_arrangements, undefined, 'nothing before the calendar knows working days');
  });
});
