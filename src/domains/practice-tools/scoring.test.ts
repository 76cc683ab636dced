import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISTANCE_TRAVELLED, QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';
import { bandOf, bandProblems, changeOf, computeScores, monthsBetween, possibleRange, scoreStep, type ToolShape, trendSentence } from './scoring.ts';

/** Two domains: one of three items, one scored itself, on a 1–5 scale. */
const tool = (over: Partial<ToolShape> = {}): ToolShape => ({
  scaleMin: 1,
  scaleMax: 5,
  domainRule: 'sum',
  overallRule: 'sum',
  direction: 'higher_better',
  domains: [{ id: 'a', name: 'A', items: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] }, { id: 'b', name: 'B', items: [] }],
  bands: [{ min: 4, max: 10, label: 'Low' }, { min: 11, max: 20, label: 'High' }],
  ...over,
});
const raw = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('practice tool scoring', () => {
  it('sums or averages items into domains and domains into the overall score', () => {
    const scores = raw({ a1: 1, a2: 2, a3: 4, b: 5 });
    assert.deepEqual(computeScores(tool(), scores), { domains: [{ id: 'a', score: 7 }, { id: 'b', score: 5 }], overall: 12, band: 'High' });
    const means = tool({ domainRule: 'mean', overallRule: 'mean', bands: [{ min: 1, max: 3, label: 'Low' }, { min: 3.01, max: 5, label: 'High' }] });
    // (1+2+4)/3 = 2.333… kept as 2.33; the overall (2.33 + 5)/2 = 3.665 → 3.67.
    assert.deepEqual(computeScores(means, scores), { domains: [{ id: 'a', score: 2.33 }, { id: 'b', score: 5 }], overall: 3.67, band: 'High' });
    const mixed = tool({ domainRule: 'sum', overallRule: 'mean', bands: [{ min: 2, max: 10, label: 'All' }] });
    assert.equal(computeScores(mixed, scores).overall, 6);
  });

  it('puts a score on a band’s edge in that band, and the next step in the next', () => {
    const t = tool();
    assert.equal(computeScores(t, raw({ a1: 3, a2: 3, a3: 3, b: 1 })).band, 'Low', '10 is the top of Low');
    assert.equal(computeScores(t, raw({ a1: 3, a2: 3, a3: 3, b: 2 })).band, 'High', '11 is the bottom of High');
    assert.equal(computeScores(t, raw({ a1: 1, a2: 1, a3: 1, b: 1 })).band, 'Low', 'the lowest possible score');
    assert.equal(computeScores(t, raw({ a1: 5, a2: 5, a3: 5, b: 5 })).band, 'High', 'the highest possible score');
    assert.equal(bandOf(QUALITY_OF_CARE.bands, 2), 'Good enough care');
    assert.equal(bandOf(QUALITY_OF_CARE.bands, 2.01), 'Some concerns');
    assert.equal(bandOf(QUALITY_OF_CARE.bands, 3.01), 'Serious concerns');
  });

  it('refuses a missing or off-scale score rather than computing with it', () => {
    assert.throws(() => computeScores(tool(), raw({ a1: 1, a2: 2, a3: 3 })));
    assert.throws(() => computeScores(tool(), raw({ a1: 1, a2: 2, a3: 3, b: 6 })));
    assert.throws(() => computeScores(tool(), raw({ a1: 1, a2: 2.5, a3: 3, b: 1 })));
  });

  it('works out the possible range and the step bands meet at', () => {
    assert.deepEqual(possibleRange(tool()), { min: 4, max: 20 });
    assert.equal(scoreStep(tool()), 1);
    assert.deepEqual(possibleRange(tool({ domainRule: 'mean', overallRule: 'mean' })), { min: 1, max: 5 });
    assert.equal(scoreStep(tool({ domainRule: 'mean', overallRule: 'sum' })), 0.01);
    assert.equal(scoreStep(tool({ overallRule: 'mean' })), 0.01);
  });

  it('accepts bands that cover every possible score once, and names gaps, overlaps and loose ends', () => {
    assert.deepEqual(bandProblems(tool()), []);
    assert.deepEqual(bandProblems(QUALITY_OF_CARE), []);
    assert.deepEqual(bandProblems(DISTANCE_TRAVELLED), []);
    assert.match(bandProblems(tool({ bands: [{ min: 4, max: 10, label: 'Low' }, { min: 12, max: 20, label: 'High' }] })).join(), /Scores from 11 to 11 fall between “Low” and “High”/);
    assert.match(bandProblems(tool({ bands: [{ min: 4, max: 10, label: 'Low' }, { min: 10, max: 20, label: 'High' }] })).join(), /overlap/);
    assert.match(bandProblems(tool({ bands: [{ min: 5, max: 10, label: 'Low' }, { min: 11, max: 20, label: 'High' }] })).join(), /start at the lowest possible score, 4/);
    assert.match(bandProblems(tool({ bands: [{ min: 4, max: 10, label: 'Low' }, { min: 11, max: 19, label: 'High' }] })).join(), /end at the highest possible score, 20/);
    assert.match(bandProblems(tool({ bands: [] })).join(), /Add bands/);
    const means = tool({ domainRule: 'mean', overallRule: 'mean' });
    assert.deepEqual(bandProblems({ ...means, bands: [{ min: 1, max: 2.5, label: 'A' }, { min: 2.51, max: 5, label: 'B' }] }), []);
    assert.match(bandProblems({ ...means, bands: [{ min: 1, max: 2.5, label: 'A' }, { min: 2.6, max: 5, label: 'B' }] }).join(), /Scores from 2.51 to 2.59/);
  });

  it('reads a change by the tool’s direction and says it in words', () => {
    assert.equal(changeOf('lower_better', 3.5, 2), 'improved');
    assert.equal(changeOf('higher_better', 3.5, 2), 'worsened');
    assert.equal(changeOf('higher_better', 4, 4), 'unchanged');
    assert.equal(monthsBetween('2026-01-15', '2026-07-15'), 6);
    assert.equal(monthsBetween('2026-01-15', '2026-07-14'), 5);
    assert.equal(
      trendSentence('lower_better', [{ on: '2026-01-10', score: 3.5 }, { on: '2026-04-01', score: 3 }, { on: '2026-07-10', score: 2 }]),
      'Improved from 3.5 to 2 over 6 months (lower is better; 3 scorings).',
    );
    assert.equal(trendSentence('higher_better', [{ on: '2026-01-10', score: 6 }, { on: '2026-02-20', score: 4.5 }]), 'Worsened from 6 to 4.5 over 1 month (higher is better; 2 scorings).');
    assert.equal(trendSentence('higher_better', [{ on: '2026-01-10', score: 6 }]), 'Scored once, 6.');
    assert.equal(trendSentence('higher_better', []), 'Not scored yet.');
  });
});
