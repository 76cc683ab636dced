import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext } from '../../synthetic/context.test-support.ts';
import { ageAtDeath } from './labels.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';
import { synthesiseDeath } from './synthetic.ts';

const END = '2026-03-31';

describe('CDOP synthesise', () => {
  it('writes a child under 18 who died, the agencies’ replies and the review in order, and nothing after the end', () => {
    const bands = { baby: 0, older: 0 };
    let reviewed = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      const diedOn = seed % 4 === 0 ? '2026-03-20' : '2025-04-10';
      synthesiseDeath(ctx, diedOn);
      const [c] = rows.cdop_cases!;
      const [child] = rows.people!;
      assert.equal(child!.person_type, 'child');
      assert.equal(c!.child_id, child!.id);
      const age = ageAtDeath(String(child!.date_of_birth), diedOn);
      assert.ok(age >= 0 && age < 18, `age ${age}`);
      bands[age < 1 ? 'baby' : 'older'] += 1;
      assert.ok(String(c!.notified_on) >= diedOn && String(c!.notified_on) <= END);
      assert.equal(c!.expectation === 'expected', c!.rapid_response === null);
      const requests = rows.cdop_requests ?? [];
      assert.ok(requests.length >= 1);
      for (const r of requests) {
        assert.ok(String(r.requested_on) >= String(c!.notified_on) && String(r.due_on) > String(r.requested_on));
        if (r.returned_on) assert.ok(String(r.returned_on) >= String(r.requested_on) && String(r.returned_on) <= END);
        if (c!.reviewed_on) assert.ok(r.returned_on && String(r.returned_on) <= String(c!.reviewed_on), 'every reply is in before the review');
      }
      if (c!.reviewed_on) {
        reviewed += 1;
        assert.ok(String(c!.reviewed_on) <= END && c!.category && c!.modifiable && c!.learning);
        assert.equal((c!.factor_domains as string[]).length > 0, c!.modifiable === 'yes');
      }
      const [involvement] = rows.involvements!;
      assert.equal(involvement!.basis, 'cdop');
      assert.equal(involvement!.end_date, c!.reviewed_on);
      assert.deepEqual(rows.chronology!.map((e) => e.summary), [CHILD_CHRONOLOGY_SUMMARY], 'the chronology says nothing of the review');
    }
    assert.ok(bands.baby > bands.older, `mostly babies: ${JSON.stringify(bands)}`);
    assert.ok(reviewed > 20 && reviewed < 80, `deaths a year ago mostly reviewed, last week's not: ${reviewed}`);
  });
});
