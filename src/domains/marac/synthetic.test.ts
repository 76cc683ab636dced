import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { isRepeat } from './repeat.ts';
import { meetingOnOrAfter, synthesise } from './synthetic.ts';

const END = '2026-03-31';

describe('MARAC synthesise', () => {
  it('meets every other Thursday', () => {
    assert.equal(meetingOnOrAfter('2010-01-07'), '2010-01-07');
    assert.equal(meetingOnOrAfter('2010-01-08'), '2010-01-21');
    assert.equal(new Date(meetingOnOrAfter('2026-03-02')).getUTCDay(), 4);
  });

  it('makes about 1 case a year in 180 households, a quarter or so repeats, siblings named on the same case, nothing after the end', () => {
    const { ctx, rows } = collectingContext(END, 5);
    const households = 24_000;
    for (let h = 0; h < households; h++) {
      for (const sibling of [1, 2]) {
        const journey = emptyJourney(sibling === 1 ? '2012-05-01' : '2016-09-01');
        synthesise({ ...journey, child: { ...journey.child, personId: `child-${h}-${sibling}`, parentIds: [`mother-${h}`, `father-${h}`] } }, ctx);
      }
    }
    const cases = rows.marac_cases ?? [];
    const perYear = cases.length / 3;
    assert.ok(perYear >= 100 && perYear <= 170, `about 130 a year: ${perYear}`);
    const repeats = cases.filter((c) => c.repeat_of);
    assert.ok(repeats.length / cases.length > 0.12 && repeats.length / cases.length < 0.3, `a fifth or so are repeats: ${repeats.length} of ${cases.length}`);
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const r of repeats) {
      const first = byId.get(r.repeat_of as string)!;
      assert.equal(first.victim_id, r.victim_id);
      assert.ok(isRepeat(r.referred_on as string, first.referred_on as string), 'within 12 months of the last referral');
    }
    const children = rows.marac_case_children ?? [];
    assert.equal(children.length, cases.length * 2, 'both siblings on each case');
    for (const c of cases) {
      assert.ok((c.referred_on as string) <= END);
      assert.notEqual(c.victim_id, c.perpetrator_id);
      if (c.closed_on) assert.ok((c.closed_on as string) > (c.referred_on as string) && (c.closed_on as string) <= END);
      assert.ok(c.risk_basis === 'dash' ? (c.dash_score as number) >= 14 : Boolean(c.risk_reason));
    }
    for (const a of rows.marac_actions ?? []) assert.ok(!a.done_on || (a.done_on as string) <= END);
    const agencies = cases.map((c) => c.referring_agency);
    assert.ok(agencies.filter((a) => a === 'police' || a === 'idva').length / agencies.length > 0.75, 'mostly the police and the IDVA');
    const involvements = (rows.involvements ?? []).filter((i) => i.basis === 'marac');
    assert.equal(involvements.length, cases.length * 4, 'the victim, the alleged perpetrator and both children');
    assert.ok(involvements.every((i) => i.end_date === byId.get(i.source_id as string)!.closed_on));
    assert.equal((rows.chronology ?? []).filter((e) => e.entry_type === 'marac.referred').length, children.length);
  });
});
