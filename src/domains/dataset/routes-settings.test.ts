import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { benchmarksFor, benchmarkUnit, storedBenchmark } from './benchmarks.ts';
import { INDICATORS, indicatorById } from './indicators/index.ts';
import { suppressionSetting, suppressionThreshold } from './settings.ts';

const ALEX = 'alex.brent@cairn.example'; // analyst
const BEA = 'bea.tollard@cairn.example'; // board member
const SAM = 'sam.rowe@cairn.example'; // practitioner
const TESS = 'tess.marlow@cairn.example'; // business manager

describe('targets, comparators and the suppression threshold pages', () => {
  let t: TestApp;
  let alex: TestClient;
  const fy = financialYearStart(ukToday());
  before(async () => {
    t = await testApp({ children: 5 });
    alex = await t.signedIn(ALEX);
  });
  after(() => t.close());

  it('lists every indicator in the registry with its figures for the year, in its unit', async () => {
    const page = await alex.get(`/dataset/targets?year=${fy}`);
    assert.equal(page.statusCode, 200);
    for (const indicator of INDICATORS) assert.ok(page.body.includes(`/dataset/targets/${indicator.id}/${fy}/edit`), indicator.id);
    // The demo's figures, where the registry has the indicator.
    if (indicatorById('cic_at_end')?.ratePer10k) assert.match(page.body, />74<\/td>/, 'a rate is a bare number: the unit column says per 10,000');
    if (indicatorById('cp_repeat_ever')?.measure === 'percent') assert.match(page.body, /16%/);
    assert.match(page.body, new RegExp(`<option value="${fy}" selected>`));
    assert.equal((await alex.get('/dataset/targets')).statusCode, 200, 'this financial year by default');
    for (const bad of ['abc', '1800', '2024.5', '<script>']) assert.equal((await alex.get(`/dataset/targets?year=${encodeURIComponent(bad)}`)).statusCode, 400, bad);
    assert.equal((await alex.get('/dataset/targets?year=2024&year=2025')).statusCode, 400, 'a repeated year');
  });

  it('changes a target and its comparators: errors kept per field, a row created when absent, stale copies refused', async () => {
    const indicator = INDICATORS.find((i) => benchmarkUnit(i) === 'percent') ?? INDICATORS[0]!;
    const year = fy + 1; // the demo has no figures for next year
    const url = `/dataset/targets/${indicator.id}/${year}/edit`;
    const form = await alex.get(url);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(indicator.title.replaceAll('’', '’')));
    assert.match(form.body, /name="version" value="0"/);

    const bad = await alex.post(url, { version: '0', target: '101', statisticalNeighbours: 'about ten', england: '-3', note: 'x'.repeat(1001) });
    assert.equal(bad.statusCode, 400);
    for (const message of [
      benchmarkUnit(indicator) === 'percent' ? 'The target must be 100% or less' : '',
      'The statistical neighbours’ figure must be a number, like 74 or 53.4',
      'The England figure must be 0 or more',
      'The note must be 1000 characters or fewer',
    ].filter(Boolean)) assert.ok(bad.body.includes(message), message);
    assert.match(bad.body, /name="statisticalNeighbours"[^>]*value="about ten"/);
    assert.match(bad.body, /href="#england"/);

    const saved = await alex.post(url, { version: '0', target: '85.5%', statisticalNeighbours: '80', england: '', note: '<b>Board</b> agreed' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/dataset/targets?year=${year}&saved=${indicator.id}`);
    const stored = await storedBenchmark(t.db, indicator.id, year);
    assert.deepEqual([stored.target, stored.statisticalNeighbours, stored.england, stored.note, stored.version], [85.5, 80, null, '<b>Board</b> agreed', 1]);
    assert.equal((await benchmarksFor(t.db, year)).get(indicator.id)?.target, 85.5);
    const list = await alex.get(`/dataset/targets?year=${year}&saved=${indicator.id}`);
    assert.match(list.body, /Target and comparators for .* saved/);
    assert.match(list.body, /&lt;b&gt;Board&lt;\/b&gt; agreed/);

    const stale = await alex.post(url, { version: '0', target: '50', note: 'Late' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
    assert.match(stale.body, /Late/);
    assert.equal((await alex.post(url, { version: '1', target: '', statisticalNeighbours: '', england: '', note: '' })).statusCode, 303);
    assert.equal((await storedBenchmark(t.db, indicator.id, year)).target, null);
    assert.equal((await alex.post(url, { target: '5' })).statusCode, 400, 'no version');

    for (const bad of [`/dataset/targets/no_such_indicator/${year}/edit`, `/dataset/targets/${indicator.id}/20x5/edit`, `/dataset/targets/${indicator.id}/1700/edit`, '/dataset/targets/%3Cscript%3E/2025/edit']) {
      assert.equal((await alex.get(bad)).statusCode, 404, bad);
      assert.equal((await alex.post(bad, { version: '0', target: '1' })).statusCode, 404, bad);
    }
  });

  it('changes the suppression threshold, keeps bad input, refuses a stale copy, and shows the effect', async () => {
    const page = await alex.get('/dataset/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="threshold"[^>]*value="5"/);
    assert.match(page.body, /This is the threshold Cairn was installed with/);
    assert.match(page.body, /shown as “\*”/);
    const { version } = await suppressionSetting(t.db);

    for (const [value, message] of [
      ['', 'Enter the suppression threshold'],
      ['21', 'The suppression threshold must be between 0 and 20'],
      ['-1', 'The suppression threshold must be a whole number, like 5'],
      ['five', 'The suppression threshold must be a whole number, like 5'],
    ] as const) {
      const bad = await alex.post('/dataset/settings', { threshold: value, version: String(version) });
      assert.equal(bad.statusCode, 400, value);
      assert.ok(bad.body.includes(message), message);
      if (value) assert.match(bad.body, new RegExp(`name="threshold"[^>]*value="${value}"`));
    }
    assert.equal((await alex.post('/dataset/settings', { threshold: '3' })).statusCode, 400, 'no version');

    const saved = await alex.post('/dataset/settings', { threshold: '10', version: String(version) });
    assert.equal(saved.statusCode, 303);
    assert.equal(await suppressionThreshold(t.db), 10);
    const after = await alex.get('/dataset/settings?saved=1');
    assert.match(after.body, /Suppression threshold saved/);
    assert.match(after.body, /Last changed on .* by Alex Brent/);
    assert.match(after.body, /An example at the threshold now in force \(10\)/);

    const stale = await alex.post('/dataset/settings', { threshold: '7', version: String(version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Suppression threshold[\s\S]*7/);
    assert.equal(await suppressionThreshold(t.db), 10);
  });

  it('shows targets to those who see figures and lets only analysts change anything', async () => {
    const indicator = INDICATORS[0]!;
    for (const email of [BEA, TESS]) {
      const client = await t.signedIn(email);
      const list = await client.get(`/dataset/targets?year=${fy}`);
      assert.equal(list.statusCode, 200, email);
      assert.ok(!list.body.includes('/edit"'), `${email} is offered no changes`);
      assert.ok(!list.body.includes('/dataset/settings'), `${email} is not offered the threshold`);
    }
    for (const email of [BEA, SAM, TESS]) {
      const client = await t.signedIn(email);
      assert.equal((await client.get(`/dataset/targets/${indicator.id}/${fy}/edit`)).statusCode, 403, email);
      assert.equal((await client.post(`/dataset/targets/${indicator.id}/${fy}/edit`, { version: '0', target: '1' })).statusCode, 403, email);
      assert.equal((await client.get('/dataset/settings')).statusCode, 403, email);
      assert.equal((await client.post('/dataset/settings', { threshold: '1', version: '1' })).statusCode, 403, email);
    }
    assert.equal((await (await t.signedIn(SAM)).get('/dataset/targets')).statusCode, 403);
    assert.notEqual(await suppressionThreshold(t.db), 1);
  });
});
