import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indicatorById } from './index.ts';
import { SCRUTINY_2010 } from './scrutiny.ts';

describe('the 2010 scrutiny list', () => {
  it('has the eleven key safeguarding indicators, each an indicator in the library, once', () => {
    assert.equal(SCRUTINY_2010.length, 11);
    assert.equal(new Set(SCRUTINY_2010.map((s) => s.indicatorId)).size, 11);
    for (const item of SCRUTINY_2010) {
      assert.ok(indicatorById(item.indicatorId), `${item.indicatorId} is in INDICATORS`);
      assert.ok(item.ni && item.label && item.said2010, item.indicatorId);
    }
  });

  it('keeps the report’s own words and its one target: re-registration 10% against 16%', () => {
    const repeat = SCRUTINY_2010.find((s) => s.ni === 'NI 65')!;
    assert.equal(repeat.indicatorId, 'cp_repeat_ever');
    assert.equal(repeat.target2010, 16);
    assert.match(repeat.said2010, /10% against a target of 16%/);
    assert.deepEqual(SCRUTINY_2010.filter((s) => s.target2010 !== undefined).map((s) => s.indicatorId), ['cp_repeat_ever']);
    assert.match(SCRUTINY_2010.find((s) => s.indicatorId === 'cic_at_end')!.said2010, /per 10,000 is now 80/);
    assert.match(SCRUTINY_2010.find((s) => s.indicatorId === 'cic_placement_moves')!.said2010, /8%/);
  });
});
