import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { findScenario, listScenarios, readUnitCosts } from './settings.ts';
import { STATES } from './types.ts';

const ALEX = 'alex.brent@cairn.example';
const BEA = 'bea.tollard@cairn.example';

const costsBody = (version: number, overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(STATES.map((s) => [`cost_${s}`, '100'])),
  annualInflationPercent: '3',
  'priceBase-day': '1',
  'priceBase-month': '4',
  'priceBase-year': '2026',
  version: String(version),
  ...overrides,
});

describe('forecast settings pages', () => {
  let t: TestApp;
  let alex: TestClient;
  before(async () => {
    t = await testApp({ children: 5 });
    alex = await t.signedIn(ALEX);
  });
  after(() => t.close());

  it('shows the costs, keeps bad input with an error for each field, saves good input and refuses a stale version', async () => {
    const page = await alex.get('/forecast/costs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="5500.00"/);
    assert.match(page.body, /These are the costs Cairn was installed with/);
    const { version } = await readUnitCosts(t.db);

    const bad = await alex.post('/forecast/costs', costsBody(version, { cost_care_residential: '-5', cost_cp: 'lots', cost_cin: '', annualInflationPercent: '60', 'priceBase-day': '31', 'priceBase-month': '2' }));
    assert.equal(bad.statusCode, 400);
    for (const message of [
      'The weekly cost of residential care must be £0 or more',
      'The weekly cost of a child protection plan must be a number, like 950 or 950.50',
      'Enter the weekly cost of a child in need plan',
      'The annual inflation rate must be between -10% and 50%',
      'The price base date must be a real date',
    ]) assert.ok(bad.body.includes(message), message);
    assert.match(bad.body, /href="#cost_care_residential"/);
    assert.match(bad.body, /name="cost_cp"[^>]*value="lots"/);
    assert.equal((await readUnitCosts(t.db)).version, version, 'nothing saved');

    const saved = await alex.post('/forecast/costs', costsBody(version, { cost_care_residential: '£6,250.50', annualInflationPercent: '2.5' }));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/forecast/costs?saved=1');
    const now = await readUnitCosts(t.db);
    assert.equal(now.weekly.care_residential, 6250.5);
    assert.equal(now.annualInflationPercent, 2.5);
    const shown = await alex.get('/forecast/costs?saved=1');
    assert.match(shown.body, /Unit costs saved/);
    assert.match(shown.body, /value="6250.50"/);
    assert.match(shown.body, /Last changed on .* by Alex Brent/);

    const stale = await alex.post('/forecast/costs', costsBody(version, { cost_care_residential: '7777' }));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
    assert.match(stale.body, /7777/, 'what was typed is shown back');
    assert.equal((await readUnitCosts(t.db)).weekly.care_residential, 6250.5);
  });

  it('adds, changes and deletes a scenario, with errors kept against each row and stale versions refused', async () => {
    const form = await alex.get('/forecast/scenarios/new');
    assert.equal(form.statusCode, 200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;

    const bad = await alex.post('/forecast/scenarios/new', { idempotencyKey: key, name: 'Step-downs', kind1: 'share', state1: 'care_residential', destination1: 'care_residential', amount1: '5', kind3: 'entries', amount3: '300' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Change 1: Where the children go must be different from the state they leave'));
    assert.ok(bad.body.includes('Change 3: Select the state children enter'));
    assert.match(bad.body, /href="#destination1"/);
    assert.match(bad.body, /name="amount3"[^>]*value="300"/);
    assert.equal((await alex.post('/forecast/scenarios/new', { idempotencyKey: key, name: '' })).statusCode, 400);

    const good = { idempotencyKey: key, name: 'Step-downs', kind1: 'share', state1: 'care_residential', destination1: 'care_fostering_in_house', amount1: '5', kind2: 'entries', state2: 'care_residential', amount2: '-10' };
    assert.equal((await alex.post('/forecast/scenarios/new', good)).statusCode, 303);
    assert.equal((await alex.post('/forecast/scenarios/new', good)).statusCode, 303, 'a second submission of the same form');
    const [scenario] = await listScenarios(t.db);
    assert.equal((await listScenarios(t.db)).length, 1);
    assert.deepEqual(scenario!.adjustments, [
      { kind: 'share', from: 'care_residential', to: 'care_fostering_in_house', points: 5 },
      { kind: 'entries', to: 'care_residential', percent: -10 },
    ]);
    const list = await alex.get('/forecast/scenarios?created=1');
    assert.match(list.body, /Scenario saved/);
    assert.match(list.body, /Entries into In care: residential: -10%/);

    const again = await alex.post('/forecast/scenarios/new', { ...good, idempotencyKey: crypto.randomUUID(), name: 'STEP-DOWNS' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /There is already a scenario called “STEP-DOWNS”/);

    const edit = await alex.get(`/forecast/scenarios/${scenario!.id}/edit`);
    assert.match(edit.body, /name="amount2"[^>]*value="-10"/);
    assert.equal((await alex.post(`/forecast/scenarios/${scenario!.id}/edit`, { version: '1', name: 'Step-downs', kind1: 'entries', state1: 'cp', amount1: '5' })).statusCode, 303);
    assert.deepEqual((await findScenario(t.db, scenario!.id))?.adjustments, [{ kind: 'entries', to: 'cp', percent: 5 }]);
    const stale = await alex.post(`/forecast/scenarios/${scenario!.id}/edit`, { version: '1', name: 'Renamed late', kind1: 'entries', state1: 'cin', amount1: '7' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Renamed late/);
    assert.equal((await alex.post(`/forecast/scenarios/${scenario!.id}/delete`, { version: '1' })).statusCode, 409, 'a changed scenario is not deleted unseen');

    assert.match((await alex.get(`/forecast/scenarios/${scenario!.id}/delete`)).body, /Delete the scenario “Step-downs”/);
    const deleted = await alex.post(`/forecast/scenarios/${scenario!.id}/delete`, { version: '2' });
    assert.equal(deleted.headers.location, '/forecast/scenarios?deleted=1');
    assert.equal(await findScenario(t.db, scenario!.id), null);
    assert.equal((await alex.get(`/forecast/scenarios/${scenario!.id}/edit`)).statusCode, 404);
  });

  it('refuses a board member every settings page', async () => {
    const bea = await t.signedIn(BEA);
    for (const url of ['/forecast/costs', '/forecast/scenarios', '/forecast/scenarios/new']) assert.equal((await bea.get(url)).statusCode, 403, url);
    const { version } = await readUnitCosts(t.db);
    assert.equal((await bea.post('/forecast/costs', costsBody(version))).statusCode, 403);
    assert.equal((await readUnitCosts(t.db)).version, version);
  });
});
