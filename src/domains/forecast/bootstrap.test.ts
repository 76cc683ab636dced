import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantile } from './bootstrap.ts';
import { CARE_STATES } from './flow.ts';
import { counts, observed } from './fixtures.test-support.ts';
import { fitRates, forecast, project } from './model.ts';
import { applyAdjustments } from './scenarios.ts';
import { AGE_BANDS, STATES, type History, type ObservedMonth } from './types.ts';

const near = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message ?? ''} ${actual} is not ${expected}`);

const atCutOff = counts({
  '5_9': { cin: 200, cp: 50, care_fostering_in_house: 30, not_known: 50_000 },
  '10_15': { cin: 300, cp: 60, care_residential: 20, care_fostering_agency: 40, not_known: 60_000 },
  '16_17': { care_residential: 15, care_kinship: 10, not_known: 20_000 },
  '18_plus': { care_leaver: 120 },
});

/** A month in the 10_15 band whose entries and exits are scaled by `swing` (1 is a typical month). */
function month(monthEnd: string, swing: number): ObservedMonth {
  return observed(
    monthEnd,
    { '10_15': { cin: 300, cp: 60, care_residential: 20, not_known: 60_000 }, '18_plus': { care_leaver: 120 } },
    {
      '10_15': {
        not_known: { cin: 30 * swing, cp: 2 * swing, care_residential: Math.round(swing) },
        cin: { not_known: 25 * swing, cp: 6 },
        cp: { cin: 5 * swing, care_fostering_agency: 1 },
        care_residential: { care_fostering_agency: swing > 1 ? 1 : 0 },
      },
      '18_plus': { care_leaver: { not_known: 2 * swing } },
    },
  );
}

const history = (swings: number[]): History => ({
  cutOff: '2026-03-31',
  months: swings.map((swing, i) => month(`2025-${String(i + 1).padStart(2, '0')}-28`, swing)),
  atCutOff,
});

describe('forecast', () => {
  it('collapses every interval to the point forecast when every month is the same', () => {
    const same = history([1, 1, 1, 1, 1, 1]);
    const result = forecast(same, { months: 24, draws: 50 });
    const path = project(atCutOff, fitRates(same.months), 24);
    assert.equal(result.cutOff, '2026-03-31');
    assert.deepEqual(result.months.slice(0, 2).map((m) => m.monthEnd), ['2026-04-30', '2026-05-31']);
    assert.equal(result.months.at(-1)!.monthEnd, '2028-03-31');
    result.months.forEach((m, i) => {
      for (const state of STATES) {
        const expected = AGE_BANDS.reduce((sum, band) => sum + path[i]![band][state], 0);
        for (const p of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) near(m.byState[state][p], expected, `${m.monthEnd} ${state} ${p}`);
      }
      const inCare = CARE_STATES.reduce((sum, state) => sum + AGE_BANDS.reduce((s, band) => s + path[i]![band][state], 0), 0);
      near(m.inCare.p5, inCare);
      near(m.inCare.p95, inCare);
    });
  });

  it('orders its intervals p5 ≤ p25 ≤ p50 ≤ p75 ≤ p95, and they widen when the months differ', () => {
    const result = forecast(history([0.5, 1, 1.5, 0.8, 2, 1.2, 0.6, 1.1, 0.9, 1.4, 0.7, 1.3]), { months: 36 });
    for (const m of result.months) {
      for (const band of [...STATES.map((state) => m.byState[state]), m.inCare]) {
        assert.ok(band.p5 <= band.p25 && band.p25 <= band.p50 && band.p50 <= band.p75 && band.p75 <= band.p95, m.monthEnd);
        assert.ok(band.p5 >= 0);
      }
    }
    const last = result.months.at(-1)!;
    assert.ok(last.byState.cin.p95 - last.byState.cin.p5 > 1, 'children in need vary with the months drawn');
    assert.ok(last.inCare.p95 > last.inCare.p5);
  });

  it('draws the same months for the same seed', () => {
    const h = history([0.5, 1, 1.5, 0.8, 2]);
    assert.deepEqual(forecast(h, { months: 6, seed: 7 }), forecast(h, { months: 6, seed: 7 }));
    assert.notDeepEqual(forecast(h, { months: 6, seed: 7 }), forecast(h, { months: 6, seed: 8 }));
  });

  it('draws 200 times unless told otherwise, and draws the same months for a scenario as for the baseline', () => {
    const h = history([0.5, 1, 1.5, 0.8, 2]);
    const baseline = forecast(h, { months: 6 });
    assert.deepEqual(baseline, forecast(h, { months: 6, draws: 200 }));
    assert.notDeepEqual(baseline, forecast(h, { months: 6, draws: 199 }));
    // A scenario that changes nothing is the baseline exactly: only adjustments, never the luck of the draw, differ.
    assert.deepEqual(forecast(h, { months: 6, adjustments: [{ kind: 'entries', to: 'cp', percent: 0 }] }), baseline);
  });

  it('applies the scenario’s adjustments to every draw', () => {
    const same = history([1, 1, 1]);
    const adjustments = [{ kind: 'entries' as const, to: 'cp' as const, percent: -50 }];
    const result = forecast(same, { months: 12, draws: 5, adjustments });
    const path = project(atCutOff, applyAdjustments(fitRates(same.months), adjustments), 12);
    near(result.months[11]!.byState.cp.p50, AGE_BANDS.reduce((sum, band) => sum + path[11]![band].cp, 0));
    assert.ok(result.months[11]!.byState.cp.p50 < forecast(same, { months: 12, draws: 5 }).months[11]!.byState.cp.p50);
  });

  it('holds the position at the cut-off when there is no history to fit', () => {
    const result = forecast({ cutOff: '2026-03-31', months: [], atCutOff: counts({ '18_plus': { care_leaver: 40 } }) }, { months: 3 });
    assert.equal(result.months.length, 3);
    for (const m of result.months) assert.equal(m.byState.care_leaver.p50, 40);
  });
});

describe('quantile', () => {
  it('interpolates between the sorted values', () => {
    assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
    assert.equal(quantile([0, 10], 0.05), 0.5);
    assert.equal(quantile([0, 10], 0.95), 9.5);
    assert.equal(quantile([7], 0.95), 7);
  });
});
