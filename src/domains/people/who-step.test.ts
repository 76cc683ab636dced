import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { insertTestPerson } from './fixtures.test-support.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * The "who is it about?" step shared by the partnership's own functions, driven through the MARAC referral (three
 * parts: the victim, the alleged perpetrator, the children), and names that are markup shown as text everywhere.
 */
describe('who is it about? step', () => {
  let t: TestApp;
  let dana: TestClient;
  let mother: string;
  let father: string;
  let child: string;
  before(async () => {
    t = await testApp({ children: 3 });
    dana = await t.signedIn('dana.okafor@cairn.example');
    mother = await insertTestPerson(t.db, { givenName: HOSTILE, familyName: 'Quarrendon', dateOfBirth: '1991-05-05', personType: 'adult' });
    father = await insertTestPerson(t.db, { givenName: 'Brannock', familyName: 'Quarrendon', dateOfBirth: '1989-01-01', personType: 'adult' });
    child = await insertTestPerson(t.db, { givenName: 'Ottilie', familyName: 'Quarrendon', dateOfBirth: '2019-09-09' });
  });
  after(() => t.close());

  it('offers each person only the parts for their age, and moves a person rather than naming them twice', async () => {
    const found = await dana.post('/marac/new', { action: 'search', searchName: 'Quarrendon' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`value="victim:${father}"`));
    assert.match(found.body, new RegExp(`value="perpetrator:${father}"`));
    assert.doesNotMatch(found.body, new RegExp(`value="child:${father}"`), 'an adult is not offered as a child');
    assert.match(found.body, new RegExp(`value="child:${child}"`));
    assert.doesNotMatch(found.body, new RegExp(`value="victim:${child}"`));

    const moved = await dana.post('/marac/new', { action: `perpetrator:${father}`, victim: father });
    assert.doesNotMatch(moved.body, new RegExp(`name="victim" value="${father}"`), 'no longer the victim');
    assert.match(moved.body, new RegExp(`name="perpetrator" value="${father}"`));
    const removed = await dana.post('/marac/new', { action: `remove:${father}`, perpetrator: father, child: [child] });
    assert.doesNotMatch(removed.body, new RegExp(`value="${father}"`));
    assert.match(removed.body, new RegExp(`name="child" value="${child}"`), 'the others stay');
    assert.equal((await dana.post('/marac/new', { action: 'victim:not-an-id' })).statusCode, 400);
    assert.equal((await dana.post('/marac/new', { action: 'nonsense' })).statusCode, 400);
  });

  it('shows a name that is markup as text, in results, on the chosen list and on the person’s record', async () => {
    const found = await dana.post('/marac/new', { action: 'search', searchName: 'Quarrendon' });
    const chosen = await dana.post('/marac/new', { action: `victim:${mother}` });
    for (const page of [found.body, chosen.body]) {
      assert.ok(!page.includes(HOSTILE), 'never as markup');
      assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'), 'but as the text typed');
    }
    await t.db.updateTable('people').set({ date_of_death: '2026-01-02' }).where('id', '=', child).execute();
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const record = await sam.get(`/people/${child}`);
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /Ottilie Quarrendon died on 2 January 2026/);
  });
});
