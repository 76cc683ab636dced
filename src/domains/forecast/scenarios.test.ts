import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEYS } from './flow.ts';
import { rates, rowSum } from './fixtures.test-support.ts';
import { applyAdjustments } from './scenarios.ts';
import { AGE_BANDS, type Adjustment, type Rates } from './types.ts';

const near = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${message ?? ''} ${actual} is not ${expected}`);

function assertProbabilities(adjusted: Rates) {
  for (const band of AGE_BANDS) {
    for (const from of KEYS) {
      near(rowSum(adjusted[band][from]), 1, `${band} ${from}`);
      for (const to of KEYS) assert.ok(adjusted[band][from][to] >= 0, `${band} ${from}→${to}`);
    }
  }
}

const fitted = () =>
  rates({
    '10_15': {
      cin: { cin: 0.8, cp: 0.05, not_known: 0.1, early_help: 0.05 },
      cp: { cp: 0.9, care_residential: 0.02, care_fostering_agency: 0.08 },
      not_known: { not_known: 0.99, care_residential: 0.001, cin: 0.009 },
      care_residential: { care_residential: 0.9, care_fostering_in_house: 0.04, care_fostering_agency: 0.06 },
    },
    '5_9': { cp: { cp: 0.95, care_residential: 0.01, cin: 0.04 } },
  });

describe('applyAdjustments: entries', () => {
  it('scales every move into the state, the difference staying where it was', () => {
    const adjusted = applyAdjustments(fitted(), [{ kind: 'entries', to: 'care_residential', percent: -10 }]);
    near(adjusted['10_15'].cp.care_residential, 0.018);
    near(adjusted['10_15'].cp.cp, 0.902);
    near(adjusted['10_15'].cp.care_fostering_agency, 0.08, 'other destinations untouched');
    near(adjusted['10_15'].not_known.care_residential, 0.0009);
    near(adjusted['10_15'].not_known.not_known, 0.9901);
    near(adjusted['5_9'].cp.care_residential, 0.009, 'every band');
    near(adjusted['10_15'].care_residential.care_residential, 0.9, 'staying in the state is not an entry');
    assertProbabilities(adjusted);
  });

  it('takes more entries from those who would have stayed, never more than all of them', () => {
    const adjusted = applyAdjustments(fitted(), [{ kind: 'entries', to: 'cp', percent: 100 }]);
    near(adjusted['10_15'].cin.cp, 0.1);
    near(adjusted['10_15'].cin.cin, 0.75);
    const all = applyAdjustments(rates({ '1_4': { cin: { cin: 0.1, cp: 0.3, not_known: 0.6 } } }), [{ kind: 'entries', to: 'cp', percent: 100 }]);
    near(all['1_4'].cin.cp, 0.4, 'only 0.1 stayed to be taken');
    near(all['1_4'].cin.cin, 0);
    assertProbabilities(all);
  });

  it('stops entries altogether at -100% and below', () => {
    const adjusted = applyAdjustments(fitted(), [{ kind: 'entries', to: 'care_residential', percent: -150 }]);
    assert.equal(adjusted['10_15'].cp.care_residential, 0);
    near(adjusted['10_15'].cp.cp, 0.92);
    assertProbabilities(adjusted);
  });
});

describe('applyAdjustments: share', () => {
  it('sends more of the leavers to the destination, taken from the others in proportion', () => {
    // cin: 0.2 leave, a quarter of them to early help. +5 points → 30%; the other 75% shrink to 70%.
    const adjusted = applyAdjustments(fitted(), [{ kind: 'share', from: 'cin', to: 'early_help', points: 5 }]);
    const cin = adjusted['10_15'].cin;
    near(cin.early_help, 0.06);
    near(cin.cp, 0.05 * (70 / 75));
    near(cin.not_known, 0.1 * (70 / 75));
    near(cin.cin, 0.8, 'as many leave as before');
    assertProbabilities(adjusted);
  });

  it('gives shares back in proportion when cut, and clamps at none and all of the leavers', () => {
    // Step-down from residential to in-house fostering: 40% of leavers, cut by 10 points → 30%, agency 60% → 70%.
    const cut = applyAdjustments(fitted(), [{ kind: 'share', from: 'care_residential', to: 'care_fostering_in_house', points: -10 }]);
    near(cut['10_15'].care_residential.care_fostering_in_house, 0.03);
    near(cut['10_15'].care_residential.care_fostering_agency, 0.07);
    const none = applyAdjustments(fitted(), [{ kind: 'share', from: 'care_residential', to: 'care_fostering_in_house', points: -60 }]);
    assert.equal(none['10_15'].care_residential.care_fostering_in_house, 0);
    near(none['10_15'].care_residential.care_fostering_agency, 0.1);
    const all = applyAdjustments(fitted(), [{ kind: 'share', from: 'care_residential', to: 'not_known', points: 120 }]);
    near(all['10_15'].care_residential.not_known, 0.1);
    near(all['10_15'].care_residential.care_fostering_agency, 0);
    for (const adjusted of [cut, none, all]) assertProbabilities(adjusted);
  });

  it('changes nothing where nobody leaves, where the move is to itself, or where no other destination can grow', () => {
    const before = fitted();
    const stayed = applyAdjustments(before, [{ kind: 'share', from: 'care_kinship', to: 'care_leaver', points: 10 }]);
    assert.deepEqual(stayed, before);
    assert.deepEqual(applyAdjustments(before, [{ kind: 'share', from: 'cin', to: 'cin', points: 10 }]), before);
    const onlyOne = rates({ '1_4': { cin: { cin: 0.9, cp: 0.1 } } });
    assert.deepEqual(applyAdjustments(onlyOne, [{ kind: 'share', from: 'cin', to: 'cp', points: -10 }]), onlyOne);
  });
});

describe('applyAdjustments', () => {
  it('applies the adjustments in turn and leaves the rates given as they were', () => {
    const before = fitted();
    const copy = structuredClone(before);
    const adjustments: Adjustment[] = [
      { kind: 'entries', to: 'care_residential', percent: -10 },
      { kind: 'entries', to: 'care_residential', percent: -10 },
    ];
    const twice = applyAdjustments(before, adjustments);
    assert.deepEqual(before, copy);
    near(twice['10_15'].cp.care_residential, 0.02 * 0.81);
    assert.deepEqual(applyAdjustments(before, []), before);
  });
});
