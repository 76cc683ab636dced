import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';
import { synthesise, synthesiseCase } from './synthetic.ts';

const END = '2026-03-31';

describe('LADO synthesise', () => {
  it('writes a case about a new adult, with the clock, decision, meetings and closure in order and nothing after the end', () => {
    let meetings = 0;
    let advice = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      const received = seed % 5 === 0 ? '2026-03-27' : '2025-06-02';
      synthesiseCase(emptyJourney('2014-06-01'), ctx, received);
      const [c] = rows.lado_cases!;
      const [adult] = rows.people!;
      assert.equal(adult!.person_type, 'adult');
      assert.equal(c!.adult_id, adult!.id);
      assert.equal(c!.consideration_due, addWorkingDays(received, 1));
      assert.deepEqual(rows.lado_case_children, [{ case_id: c!.id, person_id: 'child-1' }]);
      assert.deepEqual(rows.chronology!.map((e) => e.summary), [CHILD_CHRONOLOGY_SUMMARY], 'the child’s chronology says nothing of the allegation');
      for (const date of [c!.decided_on, c!.closed_on, ...(rows.lado_meetings ?? []).map((m) => m.held_on), ...(rows.lado_actions ?? []).map((a) => a.done_on)]) {
        if (date) assert.ok((date as string) <= END && (date as string) >= received, `${String(date)} within the case and the data`);
      }
      if (c!.closed_on) {
        assert.ok((c!.closed_on as string) >= (c!.decided_on as string));
        for (const m of rows.lado_meetings ?? []) assert.ok((m.held_on as string) <= (c!.closed_on as string));
        for (const a of rows.lado_actions ?? []) assert.ok(a.done_on, 'a closed case has no open actions');
      }
      assert.equal(c!.outcome !== null, c!.decision === 'meeting' && c!.closed_on !== null, 'only closed allegations have an outcome');
      if (c!.decision === 'advice_only') {
        advice += 1;
        assert.equal(rows.lado_meetings, undefined, 'advice-only concerns have no meetings');
      }
      if (c!.decision === 'meeting') meetings += (rows.lado_meetings ?? []).length ? 1 : 0;
    }
    assert.ok(meetings > 5 && advice > 10, `both kinds happen (${meetings} with meetings, ${advice} advice only)`);
  });

  it('refers about 94 concerns a year per 44,000 children', () => {
    const { ctx, rows } = collectingContext(END, 7);
    for (let i = 0; i < 44_000 / 4; i++) synthesise(emptyJourney('2014-06-01'), ctx);
    const perYear = (rows.lado_cases?.length ?? 0) / 3;
    assert.ok(perYear > 15 && perYear < 35, `${perYear} a year for a quarter of Peterborough's children, all of an age to be involved`);
  });
});
