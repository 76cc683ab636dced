import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { thresholdFramework } from './service.ts';

const ADA = 'ada.kerr@cairn.example';

describe('the threshold document', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5 });
  });
  after(() => t.close());

  const domains = () => t.db.selectFrom('threshold_domains').selectAll().orderBy('sort_order').execute();

  it('starts every deployment with four levels and four domains, each described at every level', async () => {
    const framework = await thresholdFramework(t.db);
    assert.deepEqual(framework.levels.map((l) => l.name), ['Universal', 'Early help: single agency', 'Targeted multi-agency early help', 'Statutory social care']);
    assert.deepEqual(framework.domains.map((d) => d.name), ['Child’s development', 'Parenting capacity', 'Family and environment', 'Safety and risk']);
    for (const d of framework.domains) assert.deepEqual(Object.keys(d.descriptors).map(Number), [1, 2, 3, 4]);
  });

  it('is for administrators only', async () => {
    for (const email of ['sam.rowe@cairn.example', 'morgan.hale@cairn.example', 'pat.quinn@cairn.example']) {
      const client = await t.signedIn(email);
      assert.equal((await client.get('/admin/threshold')).statusCode, 403, email);
      assert.equal((await client.post('/admin/threshold/levels/1', { name: 'x', descriptor: 'y', version: '1' })).statusCode, 403, email);
    }
    const ada = await t.signedIn(ADA);
    assert.equal((await ada.get('/admin/threshold/levels/5')).statusCode, 404);
    assert.equal((await ada.get(`/admin/threshold/domains/${randomUUID()}`)).statusCode, 404);
  });

  it('changes a level, refusing an edit made from an older version', async () => {
    const ada = await t.signedIn(ADA);
    const form = await ada.get('/admin/threshold/levels/2');
    assert.equal(form.statusCode, 200);
    const empty = await ada.post('/admin/threshold/levels/2', { name: '', descriptor: '', version: '1' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the level’s name/);
    assert.equal((await ada.post('/admin/threshold/levels/2', { name: 'Early help', descriptor: 'One agency can meet the needs.', version: '1' })).statusCode, 303);
    const stale = await ada.post('/admin/threshold/levels/2', { name: 'Other', descriptor: 'Other', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed the threshold document/);
    assert.equal((await thresholdFramework(t.db)).levels[1]!.name, 'Early help');
  });

  it('adds, renames and re-describes a domain, checking every version it read', async () => {
    const ada = await t.signedIn(ADA);
    const form = await ada.get('/admin/threshold/domains/new');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const incomplete = await ada.post('/admin/threshold/domains/new', { idempotencyKey: key, name: 'Education', description: '', descriptor1: 'a' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Enter what level 3 looks like in this domain/);
    const taken = await ada.post('/admin/threshold/domains/new', { idempotencyKey: key, name: 'safety and risk', description: 'd', descriptor1: 'a', descriptor2: 'b', descriptor3: 'c', descriptor4: 'd' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /There is already a domain with this name/);
    const full = { idempotencyKey: key, name: 'Education and learning', description: 'Attendance, progress, exclusions', descriptor1: 'Attends and progresses', descriptor2: 'Attendance below 90%', descriptor3: 'Persistent absence', descriptor4: 'Missing education' };
    assert.equal((await ada.post('/admin/threshold/domains/new', full)).statusCode, 303);
    assert.equal((await ada.post('/admin/threshold/domains/new', full)).statusCode, 303, 'a double submit');
    const added = (await domains()).filter((d) => d.name === 'Education and learning');
    assert.equal(added.length, 1);
    const id = added[0]!.id;
    assert.equal((await domains()).at(-1)!.id, id, 'added at the end');

    const edit = await ada.get(`/admin/threshold/domains/${id}`);
    const versions = Object.fromEntries([...edit.body.matchAll(/name="(version\d?)" value="(\d+)"/g)].map((m) => [m[1]!, m[2]!]));
    const changed = { ...full, ...versions, name: 'Education', descriptor4: 'Missing education: whereabouts unknown' };
    assert.equal((await ada.post(`/admin/threshold/domains/${id}`, changed)).statusCode, 303);
    const framework = await thresholdFramework(t.db);
    const domain = framework.domains.find((d) => d.id === id)!;
    assert.equal(domain.name, 'Education');
    assert.equal(domain.descriptors[4], 'Missing education: whereabouts unknown');
    const stale = await ada.post(`/admin/threshold/domains/${id}`, { ...changed, name: 'Schooling' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await thresholdFramework(t.db)).domains.find((d) => d.id === id)!.name, 'Education', 'nothing saved from a stale edit');
  });

  it('reorders and retires domains (never deletes them), keeping at least one in use', async () => {
    const ada = await t.signedIn(ADA);
    const [first, second] = await domains();
    assert.ok(first && second);
    assert.equal((await ada.post(`/admin/threshold/domains/${second.id}/move`, { direction: 'up', version: String(second.version) })).statusCode, 303);
    assert.deepEqual((await domains()).slice(0, 2).map((d) => d.id), [second.id, first.id]);
    assert.equal((await ada.post(`/admin/threshold/domains/${second.id}/move`, { direction: 'up', version: String(second.version) })).statusCode, 409, 'stale version');
    const top = (await domains())[0]!;
    const refused = await ada.post(`/admin/threshold/domains/${top.id}/move`, { direction: 'up', version: String(top.version) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /already first/);

    const retire = (await domains()).find((d) => d.id === first.id)!;
    assert.equal((await ada.post(`/admin/threshold/domains/${first.id}/active`, { active: 'no', version: String(retire.version) })).statusCode, 303);
    assert.ok(!(await thresholdFramework(t.db)).domains.some((d) => d.id === first.id), 'a retired domain is not offered to new assessments');
    assert.ok((await domains()).some((d) => d.id === first.id && !d.active), 'but it is kept');
    const page = await ada.get('/admin/threshold');
    assert.match(page.body, /Retired/);
    for (const d of await domains()) if (d.active) await ada.post(`/admin/threshold/domains/${d.id}/active`, { active: 'no', version: String(d.version) });
    const last = (await domains()).filter((d) => d.active);
    assert.equal(last.length, 1, 'the last domain in use cannot be retired');
    const back = (await domains()).find((d) => d.id === first.id)!;
    assert.equal((await ada.post(`/admin/threshold/domains/${first.id}/active`, { active: 'yes', version: String(back.version) })).statusCode, 303);
    assert.ok((await thresholdFramework(t.db)).domains.some((d) => d.id === first.id));
  });
});
