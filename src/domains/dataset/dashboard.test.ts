import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trendSentence } from './charts.ts';
import { trendWindow } from './dashboard.ts';
import { inTurns } from './in-turns.ts';
import { headline, recordsHref, shownTable, verdict } from './figures-view.ts';
import { cpPlansAtEnd } from './indicators/child-protection.ts';
import type { Cell, Evaluation } from './indicators/compute.ts';
import { contacts } from './indicators/front-door.ts';
import type { Indicator } from './indicators/types.ts';
import { downloadName, readBreakdowns } from './indicator-page.ts';
import { periodChoices, periodOf, readPeriod } from './period.ts';
import { publishTable } from './published-table.ts';
import { readFilters } from './records.ts';

const TODAY = '2026-12-06';
const cell = (keys: (string | null)[], value: number, rows = value): Cell => ({ keys, rows, counted: value, people: value, value });
const evaluation = (indicator: Indicator, cells: Cell[], extra: Partial<Evaluation> = {}): Evaluation => ({
  indicator, period: { from: '2024-04-01', to: '2025-03-31' }, breakdowns: [], noData: false, cells, total: cells.at(-1)!, rate: null, population: null, ...extra,
});
const percent: Indicator = { ...contacts, id: 'pct', measure: 'percent', polarity: 'higher_is_better', ratePer10k: false };

describe('the period picker', () => {
  it('defaults to the last complete financial year and offers this year to date', () => {
    const { period, error } = readPeriod({}, TODAY);
    assert.equal(error, null);
    assert.deepEqual([period?.from, period?.to, period?.label, period?.slug], ['2025-04-01', '2026-03-31', 'April 2025 to March 2026', '2025-26']);
    const ytd = readPeriod({ year: 'ytd' }, TODAY).period!;
    assert.deepEqual([ytd.from, ytd.to, ytd.year], ['2026-04-01', TODAY, 2026]);
    assert.match(ytd.label, /this year to date/);
  });

  it('refuses anything but a complete financial year or the year to date, with a message for the picker', () => {
    for (const bad of ['2026', '1999', '<script>', '20x4', '2024.5', ' ', ['nope']]) {
      const r = readPeriod({ year: bad }, TODAY);
      if (bad === ' ') assert.equal(r.period?.key, '2025', 'an empty choice is the default');
      else assert.equal(r.error, 'Choose a period from the list', String(bad));
    }
    assert.equal(readPeriod({ year: ['2012', 'ytd'] }, TODAY).period?.key, '2012', 'a repeated key keeps its first');
  });

  it('lists the years from the first record, newest first, and keeps an older year asked for', () => {
    const choices = periodChoices(2022, '2019', TODAY);
    assert.deepEqual(choices.map((c) => c.value), ['ytd', '2025', '2024', '2023', '2022', '2019']);
    assert.equal(choices.find((c) => c.selected)?.value, '2019');
    assert.deepEqual(periodChoices(null, '2025', TODAY).map((c) => c.value), ['ytd', '2025'], 'nothing recorded: the last year only');
  });

  it('gives a flow’s trend two years of months ending with the period, and a snapshot’s one year', () => {
    assert.deepEqual(trendWindow(periodOf('2024', TODAY), contacts), { from: '2023-04-01', to: '2025-03-31' });
    assert.deepEqual(trendWindow(periodOf('ytd', TODAY), contacts), { from: '2025-01-01', to: TODAY });
    assert.deepEqual(trendWindow(periodOf('2024', TODAY), cpPlansAtEnd), { from: '2024-04-01', to: '2025-03-31' });
  });
});

describe('a figure against its target', () => {
  it('says better or worse by the indicator’s polarity, in words', () => {
    assert.equal(verdict(percent, 80, null, 75, true).text, 'Better than target');
    assert.equal(verdict(percent, 70, null, 75, true).text, 'Worse than target');
    assert.equal(verdict({ ...percent, polarity: 'lower_is_better' }, 70, null, 75, true).text, 'Better than target');
    assert.equal(verdict(percent, 75, null, 75, true).text, 'On target');
    assert.equal(verdict(percent, 75, null, null, true).text, 'No target');
    assert.equal(verdict({ ...percent, polarity: 'neither' }, 75, null, 70, true).text, 'Neither higher nor lower is better');
    assert.equal(verdict(percent, 75, null, 70, false).text, 'Not compared', 'a suppressed figure is not judged');
  });

  it('compares a count shown as a rate by its rate per 10,000', () => {
    const rated: Indicator = { ...contacts, polarity: 'lower_is_better', ratePer10k: true };
    assert.equal(verdict(rated, 900, 40.5, 45, true).text, 'Better than target');
    assert.equal(verdict(rated, 900, 50, 45, true).text, 'Worse than target');
  });

  it('shows "No data" for a capability not in use, never 0, and hides a small count and its rate', () => {
    const none = headline(evaluation(contacts, [cell([], 0)], { noData: true }), undefined, 5);
    assert.equal(none.figure.text, 'No data');
    assert.equal(none.verdict.text, 'No data');
    const small = headline(evaluation(contacts, [cell([], 3)], { rate: 1.2 }), { target: 2, statisticalNeighbours: 3, england: 4, note: '' }, 5);
    assert.equal(small.figure.text, '*');
    assert.equal(small.rate, null);
    assert.equal(small.verdict.text, 'Not compared');
    const big = headline(evaluation(contacts, [cell([], 1234)], { rate: 53.44 }), { target: 50, statisticalNeighbours: 48.2, england: 51, note: 'DfE 2024' }, 5);
    assert.deepEqual([big.figure.text, big.rate, big.target, big.statisticalNeighbours, big.england], ['1,234', '53.4', '50 per 10,000', '48.2 per 10,000', '51 per 10,000']);
  });
});

describe('a table as a page shows it', () => {
  const byAge = (): Evaluation => ({
    ...evaluation(cpPlansAtEnd, [cell(['under1'], 0), cell(['1to4'], 2), cell(['10to15'], 7), cell([null], 9)]),
    breakdowns: ['age_band'],
    period: periodOf('2024', TODAY),
  });

  it('links each published figure to its records for a manager, and none for anyone else', () => {
    const table = publishTable(byAge(), 5);
    const manager = shownTable(table, periodOf('2024', TODAY), true);
    const cells = manager.rows.map((r) => [r.label, r.cells[0]!.text, r.cells[0]!.href]);
    assert.deepEqual(cells[0], ['Under 1', '0', null], 'nothing behind a 0');
    assert.equal(cells[1]![1], '*');
    assert.equal(cells[1]![2], '/dataset/indicators/cp_plans_at_end/records?year=2024&by=age_band&key=1to4');
    assert.equal(cells.at(-1)![2], '/dataset/indicators/cp_plans_at_end/records?year=2024', 'the total asks for every record');
    assert.ok(shownTable(table, periodOf('2024', TODAY), false).rows.every((r) => r.cells.every((c) => c.href === null)));
  });

  it('asks for a month outside the period in the financial year that month is in', () => {
    const period = periodOf('2024', TODAY);
    assert.equal(recordsHref(contacts, period, [{ breakdown: 'month', key: '2023-06' }]), '/dataset/indicators/contacts/records?year=2023&by=month&key=2023-06');
    assert.equal(recordsHref(cpPlansAtEnd, period, [{ breakdown: 'month', key: '2024-03-31' }]), '/dataset/indicators/cp_plans_at_end/records?year=2023&by=month&key=2024-03-31');
    assert.equal(recordsHref(contacts, period, [{ breakdown: 'month', key: '2024-06' }]), '/dataset/indicators/contacts/records?year=2024&by=month&key=2024-06');
  });

  it('describes a trend in words', () => {
    assert.equal(trendSentence([{ label: 'Apr 2024', value: 185 }, { label: 'May 2024', value: 300 }, { label: 'Mar 2025', value: 270 }], 'count'), 'Rose from 185 in Apr 2024 to 270 in Mar 2025; highest 300 in May 2024.');
    assert.equal(trendSentence([{ label: 'Apr 2024', value: 80 }, { label: 'May 2024', value: null }, { label: 'Mar 2025', value: 62.5 }], 'percent'), 'Fell from 80% in Apr 2024 to 62.5% in Mar 2025; highest 80% in Apr 2024. One figure is too small to publish and left out.');
    assert.match(trendSentence([{ label: 'Apr 2024', value: null }], 'count'), /^No figure over this time is large enough to publish/);
    assert.equal(trendSentence([{ label: 'Apr 2024', value: 0 }, { label: 'May 2024', value: 0 }], 'count'), 'Stayed at 0 from Apr 2024 to May 2024.');
    assert.equal(trendSentence([{ label: 'Apr 2024', value: null }, { label: 'May 2024', value: 10 }], 'percent'), 'Only one figure is published: 10% in May 2024. One figure is too small to publish and left out.');
  });
});

describe('breakdowns and drill-down filters from a query string', () => {
  it('takes only the indicator’s own breakdowns, two different ones', () => {
    assert.deepEqual(readBreakdowns(cpPlansAtEnd, { by: 'age_band', then: 'quarter' }).breakdowns, ['age_band', 'quarter']);
    assert.deepEqual(readBreakdowns(cpPlansAtEnd, {}).breakdowns, []);
    const cases: [Record<string, unknown>, string][] = [
      [{ by: 'agency' }, 'by'],
      [{ by: '<script>alert(1)</script>' }, 'by'],
      [{ then: 'quarter' }, 'by'],
      [{ by: 'quarter', then: 'quarter' }, 'then'],
      [{ by: 'age_band', then: 'nope' }, 'then'],
    ];
    for (const [query, field] of cases) {
      const r = readBreakdowns(cpPlansAtEnd, query);
      assert.equal(r.breakdowns, null, JSON.stringify(query));
      assert.ok(r.errors.fields[field], `${JSON.stringify(query)} → ${field}`);
    }
  });

  it('refuses a records filter the indicator does not have, or one without its value', () => {
    assert.deepEqual(readFilters(cpPlansAtEnd, { by: 'age_band', key: 'under1' }).filters, [{ breakdown: 'age_band', key: 'under1' }]);
    assert.deepEqual(readFilters(cpPlansAtEnd, {}).filters, []);
    for (const bad of [{ by: 'age_band' }, { by: 'agency', key: 'x' }, { by: 'incidents', key: '1' }, { then: 'quarter', key2: '2024-06-30' }, { by: 'age_band', key: 'x', then: 'age_band', key2: 'y' }, { by: 'age_band', key: 'a\u0000b' }]) {
      assert.throws(() => readFilters(cpPlansAtEnd, bad), { statusCode: 400 }, JSON.stringify(bad));
    }
  });

  it('names a download by the indicator, period and breakdowns', () => {
    assert.equal(downloadName(cpPlansAtEnd, periodOf('2024', TODAY), ['age_band', 'quarter']), 'cp_plans_at_end-2024-25-by-age_band-then-quarter');
    assert.equal(downloadName(contacts, periodOf('ytd', TODAY), []), 'contacts-2026-27-to-2026-12-06');
  });
});

describe('work in turns', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await inTurns([5, 1, 4, 2, 3, 0], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
    assert.equal(most, 2);
  });
});
