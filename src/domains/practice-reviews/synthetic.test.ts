import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';
import { synthesiseReview } from './synthetic.ts';

const END = '2026-03-31';

describe('practice reviews synthesise', () => {
  it('writes a review in order, nothing after the end, the partnership involved and actions complete only with evidence', () => {
    const decisions = new Set<string>();
    let actions = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      const aware = seed % 4 === 0 ? '2026-03-20' : '2024-05-13';
      synthesiseReview(emptyJourney('2019-06-01'), ctx, addCalendarDays(aware, -3), aware);
      const [r] = rows.practice_reviews!;
      assert.match(String(r!.reference), /^PR \d{4}\/01$/);
      assert.deepEqual(rows.practice_review_children, [{ review_id: r!.id, person_id: 'child-1' }]);
      assert.deepEqual(rows.chronology!.map((e) => e.summary), [CHILD_CHRONOLOGY_SUMMARY]);
      const [involvement] = rows.involvements!;
      assert.equal(involvement!.basis, 'practice_review');
      assert.equal(involvement!.agency_id, 'agency-partnership');
      const order = [r!.aware_on, r!.notified_on, r!.rapid_review_held_on, r!.decided_on, r!.terms_agreed_on, r!.report_received_on, r!.published_on].filter(Boolean) as string[];
      assert.deepEqual([...order].sort(), order, 'each step follows the one before');
      assert.ok(order.every((d) => d <= END));
      if (r!.decision) decisions.add(String(r!.decision));
      for (const a of rows.practice_review_actions ?? []) {
        actions += 1;
        assert.equal(a.rag === 'complete', Boolean(a.completed_on));
        if (a.rag === 'complete') assert.ok(a.evidence && String(a.completed_on) <= END);
      }
      for (const u of rows.practice_review_action_updates ?? []) assert.ok(String(u.recorded_on) <= END);
    }
    assert.ok(decisions.size >= 2, `several decisions: ${[...decisions].join(', ')}`);
    assert.ok(actions > 0, 'some reviews reach recommendations and actions');
  });
});
