import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { legalStatusSince } from './care.ts';
import { ageOn, allocationOn, disabilityValue } from './child.ts';
import { latestCategory } from './children-in-need.ts';
import { CODE_CHOICES, sourceValue } from './codes.ts';
import { ETHNICITY_CHOICES, LOOK_BACK_MONTHS, letter, letteredCode, listDefinitions, lookBack } from './lists.ts';
import { columnLetter } from './workbook.ts';

/** The pieces of Annex A that need no database: values, periods, the list definitions themselves. */
describe('Annex A parts', () => {
  it('letters values as Ofsted does, past z', () => {
    assert.deepEqual([0, 1, 25, 26, 27].map(letter), ['a', 'b', 'z', 'aa', 'ab']);
    assert.equal(ETHNICITY_CHOICES[0], 'a) WBRI');
    assert.equal(ETHNICITY_CHOICES[4], 'e) WROM');
    assert.equal(ETHNICITY_CHOICES.at(-1), 't) NOBT');
    assert.equal(letteredCode(['X', 'Y'], 'Y'), 'b) Y');
    assert.equal(letteredCode(['X', 'Y'], 'Z'), null, 'a code outside the list is left empty, not guessed');
    assert.equal(letteredCode(['X', 'Y'], null), null);
  });

  it('writes census sources lettered, 5D as p1)', () => {
    assert.equal(sourceValue('1A'), 'a) 1A: Individual');
    assert.equal(sourceValue('5D'), 'p1) 5D: LA services');
    assert.equal(sourceValue('10'), 'u) 10: Unknown');
    assert.equal(sourceValue('99'), null);
    assert.equal(CODE_CHOICES.contactSource.length, 22);
    assert.ok(!CODE_CHOICES.ceasedReason.some((v) => v.startsWith('X1')), 'X1 is never a reason for leaving care');
  });

  it('answers disability from the codes recorded', () => {
    assert.equal(disabilityValue(['AUT', 'LD']), 'a) Yes');
    assert.equal(disabilityValue(['NONE']), 'b) No');
    assert.equal(disabilityValue([]), 'c) Unknown');
  });

  it('counts whole years, with nothing before birth', () => {
    assert.equal(ageOn('2015-03-27', '2026-03-26'), 10);
    assert.equal(ageOn('2015-03-27', '2026-03-27'), 11);
    assert.equal(ageOn('2026-06-01', '2026-03-31'), null);
  });

  it('finds the allocation on the date, or the last one for a closed case', () => {
    const a = (start_date: string, end_date: string | null, worker: string) => ({ start_date, end_date, worker, team: null });
    const history = [a('2025-01-01', '2025-06-30', 'First'), a('2025-07-01', null, 'Second')];
    assert.equal(allocationOn(history, '2025-03-01')?.worker, 'First');
    assert.equal(allocationOn(history, '2026-01-01')?.worker, 'Second');
    assert.equal(allocationOn([a('2025-01-01', '2025-06-30', 'First'), a('2025-07-01', '2025-09-30', 'Second')], '2026-01-01')?.worker, 'Second');
    assert.equal(allocationOn(history, '2024-12-31'), null, 'no allocation before the first');
  });

  it('writes the latest category of abuse as one, or as multiple', () => {
    assert.equal(latestCategory(['PHY']), 'b) Physical abuse');
    assert.equal(latestCategory(['NEG', 'SAB']), 'e) Multiple/not recommended');
    assert.equal(latestCategory([]), null);
  });

  it('dates the current legal status from the start of its unbroken run', () => {
    const e = (start_date: string, legal_status: string) => ({ start_date, legal_status }) as Parameters<typeof legalStatusSince>[0][number];
    assert.equal(legalStatusSince([e('2025-01-01', 'V2'), e('2025-03-01', 'C1'), e('2025-05-01', 'C1')]), '2025-03-01');
    assert.equal(legalStatusSince([e('2025-01-01', 'C2')]), '2025-01-01');
    assert.equal(legalStatusSince([]), null);
  });

  it('keeps periods as data: 6 months for the front door to care leavers, 12 for adoption', () => {
    assert.deepEqual(lookBack(3, '2026-03-31'), { from: '2025-09-30', to: '2026-03-31' });
    assert.deepEqual(lookBack(10, '2026-02-28'), { from: '2025-02-28', to: '2026-02-28' });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9] as const) assert.equal(LOOK_BACK_MONTHS[n], 6);
    assert.equal(LOOK_BACK_MONTHS[10], 12);
  });

  it('defines eleven lists Excel can hold: short unique sheet names, unique headers, a dropdown for every choice', () => {
    const lists = listDefinitions(CODE_CHOICES);
    assert.deepEqual(
      lists.map((l) => l.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    assert.equal(new Set(lists.map((l) => l.sheet)).size, 11);
    for (const l of lists) {
      assert.ok(l.sheet.length <= 31 && !/[[\]:*?/\\]/.test(l.sheet), l.sheet);
      const headers = l.columns.map((c) => c.header);
      assert.equal(new Set(headers).size, headers.length, `list ${l.number} repeats a header`);
      for (const c of l.columns.filter((x) => x.kind === 'choice')) assert.ok(c.choices?.length, `${c.header} has no values`);
    }
    const withTeam = lists.filter((l) => l.columns.some((c) => c.header === 'Allocated Team')).map((l) => l.number);
    assert.deepEqual(withTeam, [3, 4, 5, 6, 7, 8, 9]);
    const withDisability = lists.filter((l) => l.columns.some((c) => c.header === 'Does the Child have a Disability')).map((l) => l.number);
    assert.deepEqual(withDisability, [4, 5, 6, 7, 8, 9, 10]);
  });

  it('names spreadsheet columns', () => {
    assert.deepEqual([1, 26, 27, 52, 53, 702, 703].map(columnLetter), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
