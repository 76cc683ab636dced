import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARE_STATES, KEYS } from './flow.ts';
import { counts, observed, rates, rowSum } from './fixtures.test-support.ts';
import { fitRates, monthEndAfter, project } from './model.ts';
import { AGE_BANDS, NOT_KNOWN, type Counts } from './types.ts';

const near = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} is not ${expected}`);
const known = (c: Counts, band: keyof Counts) => KEYS.reduce((sum, key) => sum + (key === NOT_KNOWN ? 0 : c[band][key]), 0);

describe('fitRates', () => {
  it('pools the moves over the months and divides by the children at the starts', () => {
    const fitted = fitRates([
      observed('2026-01-31', { '10_15': { cin: 10, not_known: 1000 } }, { '10_15': { cin: { cin: 8, cp: 2 }, not_known: { cin: 1 } } }),
      observed('2026-02-28', { '10_15': { cin: 30, not_known: 1000 } }, { '10_15': { cin: { cin: 27, not_known: 3 }, not_known: { cin: 3 } } }),
    ]);
    const cin = fitted['10_15'].cin;
    near(cin.cp, 2 / 40);
    near(cin.not_known, 3 / 40);
    near(cin.cin, 35 / 40);
    // The pool's staying put is not recorded: the children not seen to move are taken to have stayed.
    near(fitted['10_15'].not_known.cin, 4 / 2000);
    near(fitted['10_15'].not_known.not_known, 1 - 4 / 2000);
  });

  it('leaves a row with no observations where it is', () => {
    const fitted = fitRates([observed('2026-01-31', { '10_15': { cin: 10 } }, { '10_15': { cin: { cp: 1 } } })]);
    assert.equal(fitted['10_15'].cp.cp, 1);
    assert.equal(fitted['10_15'].cp.cin, 0);
    assert.equal(fitted.under_1.care_residential.care_residential, 1);
    assert.deepEqual(fitRates([]), rates());
  });

  it('keeps every row a probability even when the recorded moves outnumber the starts', () => {
    const fitted = fitRates([observed('2026-01-31', { '5_9': { cp: 4 } }, { '5_9': { cp: { cin: 6, care_kinship: 2 } } })]);
    near(fitted['5_9'].cp.cin, 0.75);
    near(fitted['5_9'].cp.care_kinship, 0.25);
    assert.equal(fitted['5_9'].cp.cp, 0);
    for (const band of AGE_BANDS) for (const from of KEYS) near(rowSum(fitted[band][from]), 1, `${band} ${from}`);
  });
});

describe('project', () => {
  it('gives the known answer for a two-state chain', () => {
    // 18_plus does not age. cin → cp at 0.2 a month, cp → cin at 0.1: cp(n) = 60 × (1 − 0.7ⁿ) from 90 in cin.
    const path = project(
      counts({ '18_plus': { cin: 90 } }),
      rates({ '18_plus': { cin: { cin: 0.8, cp: 0.2 }, cp: { cp: 0.9, cin: 0.1 } } }),
      24,
    );
    assert.equal(path.length, 24);
    near(path[0]!['18_plus'].cp, 18);
    near(path[1]!['18_plus'].cp, 30.6); // 72 × 0.2 + 18 × 0.9
    path.forEach((month, i) => {
      near(month['18_plus'].cp, 60 * (1 - 0.7 ** (i + 1)), `month ${i + 1}`);
      near(month['18_plus'].cin + month['18_plus'].cp, 90);
    });
  });

  it('gives the known answer for a chain with the pool, which is the population less the known', () => {
    // Population 1000. Care leavers leave at 0.1, the pool enters at 0.01: c(n+1) = 0.89 c(n) + 10, c* = 10/0.11.
    const path = project(
      counts({ '18_plus': { care_leaver: 100, not_known: 900 } }),
      rates({ '18_plus': { care_leaver: { care_leaver: 0.9, not_known: 0.1 }, not_known: { not_known: 0.99, care_leaver: 0.01 } } }),
      36,
    );
    near(path[0]!['18_plus'].care_leaver, 99);
    const settled = 10 / 0.11;
    path.forEach((month, i) => {
      near(month['18_plus'].care_leaver, settled + (100 - settled) * 0.89 ** (i + 1), `month ${i + 1}`);
      near(month['18_plus'].not_known, 1000 - month['18_plus'].care_leaver);
    });
  });

  it('ages one band-width’s share of each band into the next', () => {
    const [month] = project(
      counts({
        under_1: { early_help: 12, not_known: 100 },
        '10_15': { cp: 72 },
        '16_17': { care_residential: 24, cin: 48, care_leaver: 24, not_known: 240 },
      }),
      rates(),
      1,
    );
    assert.ok(month);
    near(month.under_1.early_help, 11);
    near(month['1_4'].early_help, 1);
    near(month['10_15'].cp, 71);
    near(month['16_17'].cp, 1);
    near(month['16_17'].care_residential, 23);
    near(month['16_17'].cin, 46);
    near(month['16_17'].care_leaver, 23);
    // At 18 the child in care becomes a care leaver, the care leaver stays one and the children in need leave.
    near(month['18_plus'].care_leaver, 2);
    near(month['18_plus'].care_residential, 0);
    near(month['18_plus'].cin, 0);
    // Pools are refilled to each band's population: 112 in under_1, 336 in 16_17.
    near(month.under_1.not_known, 101);
    near(month['16_17'].not_known, 336 - 93);
    near(month['10_15'].not_known, 1);
    assert.equal(month['1_4'].not_known, 0, 'a band whose population was none has no pool');
  });

  it('turns every placement type into a care leaver at 18, and lets the other states go', () => {
    for (const state of CARE_STATES) {
      const [month] = project(counts({ '16_17': { [state]: 240 } }), rates(), 1);
      near(month!['18_plus'].care_leaver, 10, state);
    }
    for (const state of ['cp', 'cin', 'early_help'] as const) {
      const [month] = project(counts({ '16_17': { [state]: 240, not_known: 1000 } }), rates(), 1);
      near(known(month!, '18_plus'), 0, state);
      assert.equal(month!['18_plus'].not_known, 0, 'the pool does not age into 18_plus');
    }
  });

  it('moves by the rates before ageing', () => {
    // 120 in 5_9 cin; half go to cp, then 1/60 of each ages into 10_15.
    const [month] = project(counts({ '5_9': { cin: 120 } }), rates({ '5_9': { cin: { cin: 0.5, cp: 0.5 } } }), 1);
    near(month!['5_9'].cin, 59);
    near(month!['5_9'].cp, 59);
    near(month!['10_15'].cin, 1);
    near(month!['10_15'].cp, 1);
  });

  it('never counts fewer than none', () => {
    // Care leavers keep arriving in 18_plus, whose population was only 5: its pool empties rather than going below 0.
    const path = project(counts({ '16_17': { care_fostering_agency: 480 }, '18_plus': { not_known: 5 } }), rates(), 12);
    assert.equal(path[11]!['18_plus'].not_known, 0);
    near(path[11]!['18_plus'].care_leaver, 480 * (1 - (23 / 24) ** 12));
    // Hand-made rates that are not probabilities cannot make a count negative either.
    const [month] = project(counts({ '5_9': { cin: 10 } }), rates({ '5_9': { cin: { cin: 1.5, cp: -0.5 } } }), 1);
    assert.equal(month!['5_9'].cp, 0);
    for (const band of AGE_BANDS) for (const key of KEYS) assert.ok(month![band][key] >= 0, `${band} ${key}`);
  });

  it('keeps each band at its population over a long projection with flows in every direction', () => {
    const flows = rates(
      Object.fromEntries(
        AGE_BANDS.map((band) => [
          band,
          {
            not_known: { not_known: 0.97, early_help: 0.015, cin: 0.01, cp: 0.003, care_fostering_in_house: 0.002 },
            early_help: { early_help: 0.85, not_known: 0.1, cin: 0.05 },
            cin: { cin: 0.8, not_known: 0.1, cp: 0.05, care_residential: 0.05 },
            cp: { cp: 0.9, cin: 0.07, care_fostering_agency: 0.03 },
            care_residential: { care_residential: 0.95, care_fostering_agency: 0.03, not_known: 0.02 },
          },
        ]),
      ),
    );
    const start = counts(Object.fromEntries(AGE_BANDS.slice(0, 5).map((band) => [band, { not_known: 10_000, cin: 300 }])));
    const path = project(start, flows, 60);
    for (const month of path) {
      for (const band of AGE_BANDS.slice(0, 5)) {
        near(known(month, band) + month[band].not_known, 10_300, band);
        for (const key of KEYS) assert.ok(month[band][key] >= 0);
      }
    }
  });
});

describe('monthEndAfter', () => {
  it('steps from one month end to another', () => {
    assert.equal(monthEndAfter('2026-01-31', 1), '2026-02-28');
    assert.equal(monthEndAfter('2024-01-31', 1), '2024-02-29');
    assert.equal(monthEndAfter('2026-12-31', 1), '2027-01-31');
    assert.equal(monthEndAfter('2026-11-30', 3), '2027-02-28');
    assert.equal(monthEndAfter('2026-11-30', 0), '2026-11-30');
    assert.equal(monthEndAfter('2026-03-31', -1), '2026-02-28');
  });
});
