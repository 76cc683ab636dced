import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';

describe('person index in figures', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 60 });
  });
  after(() => t.close());

  it('shows an analyst counts with small numbers suppressed, and no names', async () => {
    const client = await t.signedIn('alex.brent@cairn.example');
    const home = await client.get('/');
    assert.equal(home.headers.location, '/dataset');
    const page = await client.get('/figures');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Children by age and sex/);
    const children = await t.db.selectFrom('people').select('family_name').where('person_type', '!=', 'adult').execute();
    assert.ok(children.length >= 60);
    for (const { family_name } of children) assert.ok(!page.body.includes(family_name), 'figures must not name anyone');
    const cells = [...page.body.matchAll(/govuk-table__cell--numeric">\s*([^<\s]+)\s*</g)].map((m) => m[1]);
    assert.ok(cells.length > 0);
    for (const cell of cells) assert.ok(cell === '*' || Number(cell) === 0 || Number(cell) > 5, `unsuppressed small count ${cell}`);
  });

  it('is refused to a practitioner, whose work is with individual children', async () => {
    const client = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await client.get('/figures')).statusCode, 403);
  });
});
